import { describe, expect, it } from "vitest";
import { sampleRunResult } from "../test/support/run-result.ts";
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
  it("round-trips the run result", () => {
    expect(JSON.parse(render("json"))).toEqual(sampleRunResult());
  });
});

describe("junit", () => {
  it("writes one test case per gate, failures for failed gates, and the seed", () => {
    const xml = render("junit");
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('<property name="seed" value="42"/>');
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("&lt;script&gt;");
  });

  it("adds an error case when the run is incomplete", () => {
    const xml = REPORTERS.junit?.render(
      sampleRunResult({ complete: false, incompleteReason: "interrupted", verdict: "INCOMPLETE" }),
    );
    expect(xml).toContain('type="incomplete"');
  });
});

describe("html", () => {
  it("escapes every destination string and loads nothing from the network", () => {
    const html = render("html");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>2</b>");
    expect(html).toContain("&lt;/pre&gt;&lt;script&gt;");
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).toContain('id="seed">42<');
    expect(html).toContain("NOT READY");
  });
});

describe("markdown and terminal", () => {
  it("name the verdict, seed and findings", () => {
    const md = render("markdown");
    expect(md).toContain("# Tranche readiness: NOT READY");
    expect(md).toContain("Seed `42`");
    expect(md).toContain("**state_mismatches** (blocker)");
    const table = renderVerdictTable(sampleRunResult());
    expect(table).toMatch(/^Verdict: NOT READY/);
    expect(table).toMatch(/state_mismatches\s+blocker\s+2\s+== 0\s+FAIL/);
  });
});
