import { describe, expect, it } from "vitest";
import { RunResultSchema } from "../domain/index.ts";
import { HOSTILE, sampleRunResult } from "../test/support/run-result.ts";
import { REPORTER_NAMES, REPORTERS, renderVerdictTable } from "./index.ts";

const render = (name: string) => {
  const reporter = REPORTERS[name];
  if (!reporter) throw new Error(`no reporter ${name}`);
  return reporter.render(sampleRunResult());
};

describe("reporter registry", () => {
  it("offers json, junit, markdown and html", () => {
    expect(REPORTER_NAMES).toEqual(["json", "junit", "markdown", "html"]);
  });
});

describe("json", () => {
  it("round-trips the run result, which the run-result schema accepts", () => {
    expect(JSON.parse(render("json"))).toEqual(sampleRunResult());
    expect(RunResultSchema.safeParse(JSON.parse(render("json"))).success).toBe(true);
  });
});

describe("junit", () => {
  it("writes one test suite per suite and one test case per gate, failures for failed gates, and the seed", () => {
    const xml = render("junit");
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('<testsuite name="provisioning.replay"');
    expect(xml).toContain('<property name="seed" value="42"/>');
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("&lt;script&gt;");
  });

  it("adds an error case when a required suite did not complete", () => {
    const base = sampleRunResult();
    const suites = base.suites.map((s, i) =>
      i === 0 ? { ...s, status: "incomplete" as const, reason: "interrupted" } : s,
    );
    const xml = REPORTERS.junit?.render({
      ...base,
      suites,
      complete: false,
      incompleteReason: "interrupted",
      verdict: "INCOMPLETE",
    });
    expect(xml).toContain('type="incomplete"');
    expect(xml).toContain('message="interrupted"');
  });
});

describe("html", () => {
  it("escapes every destination string and loads nothing from the network", () => {
    const html = render("html");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(img|iframe|svg onload|a href)/i);
    expect(html).not.toContain("<b>2</b>");
    expect(html).toContain("&lt;/pre&gt;&lt;script&gt;");
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).toContain('id="seed">42<');
    expect(html).toContain("NOT READY");
  });

  it("escapes suite titles, descriptions, notes, reasons, table cells and checklist evidence", () => {
    const html = render("html");
    for (const hostile of Object.values(HOSTILE)) {
      expect(html, hostile).not.toContain(hostile);
    }
    expect(html).toContain("Replay &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;");
    expect(html).toContain("note &lt;iframe");
    expect(html).toContain("reason &lt;svg onload");
    expect(html).toContain("cell &lt;/td&gt;&lt;script&gt;");
  });
});

describe("markdown and terminal", () => {
  it("name the verdict, seed and findings", () => {
    const md = render("markdown");
    expect(md).toContain("# Tranche readiness: NOT READY");
    expect(md).toContain("Seed `42`");
    expect(md).toContain("**state\\_mismatches** (blocker)");
    const table = renderVerdictTable(sampleRunResult());
    expect(table).toMatch(/^Verdict: NOT READY/);
    expect(table).toMatch(/state_mismatches\s+blocker\s+2\s+== 0\s+FAIL/);
  });

  it("keep destination text inert in Markdown: no raw HTML, no links", () => {
    const md = render("markdown");
    for (const hostile of Object.values(HOSTILE)) expect(md, hostile).not.toContain(hostile);
    expect(md).not.toMatch(/<script|<iframe|<img|<svg/i);
  });
});
