import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { RUN_RESULT_SCHEMA_FILE, RunResultSchema } from "../domain/index.ts";
import { HOSTILE, sampleRunResult } from "../test/support/run-result.ts";
import { REPORTER_NAMES, REPORTERS, renderVerdictTable, verdictReason } from "./index.ts";

const render = (name: string, result = sampleRunResult()) => {
  const reporter = REPORTERS[name];
  if (!reporter) throw new Error(`no reporter ${name}`);
  return reporter.render(result);
};

describe("reporter registry", () => {
  it("offers json, junit, markdown and html", () => {
    expect(REPORTER_NAMES).toEqual(["json", "junit", "markdown", "html"]);
  });
});

describe("json", () => {
  it("round-trips the run result with $schema naming the schema file, which the run-result schema accepts", () => {
    const written = JSON.parse(render("json"));
    expect(Object.keys(written)[0]).toBe("$schema");
    expect(written.$schema).toBe(RUN_RESULT_SCHEMA_FILE);
    expect(written).toEqual({ $schema: RUN_RESULT_SCHEMA_FILE, ...sampleRunResult() });
    expect(RunResultSchema.parse(written)).toEqual(written);
  });
});

describe("verdict reason", () => {
  it("names the first failed blocker, the incomplete reason, the first finding or that all passed", () => {
    const base = sampleRunResult();
    expect(verdictReason(base)).toBe(
      "Blocker failed: state_mismatches (state matches): measured 2, required == 0.",
    );
    expect(
      verdictReason({ ...base, complete: false, incompleteReason: "x: gone", verdict: "INCOMPLETE" }),
    ).toBe("Run incomplete: x: gone.");
    const minorOnly = base.gates.map((g) =>
      g.severity === "blocker" ? { ...g, status: "passed" as const } : g,
    );
    expect(verdictReason({ ...base, gates: minorOnly, verdict: "READY WITH FINDINGS" })).toMatch(
      /^1 finding \(no blocker failed\); first: gate_/,
    );
    const allPassed = base.gates.map((g) => ({ ...g, status: "passed" as const }));
    expect(verdictReason({ ...base, gates: allPassed, verdict: "READY" })).toBe(
      "All 3 evaluated gates passed.",
    );
  });
});

describe("junit", () => {
  it("writes one test suite per suite and one test case per gate, failures with evidence, and the seed", () => {
    const xml = render("junit");
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    // Three gates plus the error case of the required suite that did not complete.
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml.match(/<failure /g)).toHaveLength(2);
    expect(xml).toContain('<testsuite name="provisioning.replay" tests="2" failures="1"');
    expect(xml).toContain('<property name="seed" value="42"/>');
    // Evidence in the failure text: the summary, then the items.
    expect(xml).toMatch(
      /<failure [^>]*>2 of 10 subscribers differ: sub-1, sub-&lt;b&gt;2&lt;\/b&gt;\n\nevidence:\n\[/,
    );
    expect(xml).toContain("&quot;field&quot;: &quot;planId&quot;");
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("&lt;script&gt;");
    for (const hostile of Object.values(HOSTILE)) expect(xml, hostile).not.toContain(hostile);
  });

  it("adds an error case when a required suite did not complete", () => {
    const base = sampleRunResult();
    const suites = base.suites.map((s, i) =>
      i === 0 ? { ...s, status: "incomplete" as const, reason: "interrupted" } : s,
    );
    const xml = render("junit", {
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
    // Scripts are uPlot's, the chart client's and the chart data block; nothing else.
    expect(html.match(/<script/gi)).toHaveLength(3);
    expect(html).not.toMatch(/<(img|iframe|svg onload|a href=["']?javascript)/i);
    expect(html).not.toContain("<b>2</b>");
    expect(html).toContain("&lt;/pre&gt;&lt;script&gt;");
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/);
    expect(html).toContain('id="seed">42<');
    expect(html).toContain("NOT READY");
    expect(html).toContain("Blocker failed: state_mismatches");
  });

  it("keeps every hostile string inert, in the markup and in the chart data", () => {
    const html = render("html");
    for (const hostile of Object.values(HOSTILE)) expect(html, hostile).not.toContain(hostile);
    expect(html).toContain("Replay &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;");
    expect(html).toContain("note &lt;iframe");
    expect(html).toContain("reason &lt;svg onload");
    expect(html).toContain("cell &lt;/td&gt;&lt;script&gt;");
    const data = /<script type="application\/json" id="tranche-chart-data">([^<]*)<\/script>/.exec(html);
    expect(data?.[1]).toBeDefined();
    const charts = JSON.parse(data?.[1] ?? "[]") as Array<{ series: Array<{ label: string }> }>;
    expect(charts.flatMap((c) => c.series.map((s) => s.label))).toContain(HOSTILE.seriesName);
  });

  it("inlines the charting library and draws every replay and timeseries section", () => {
    const html = render("html");
    expect(html).toContain("https://github.com/leeoniya/uPlot");
    // Two replays (all-operations latency, p99 and p50 per operation, throughput) and two timeseries.
    expect(html.match(/<div class="chart" id="chart-\d+"/g)).toHaveLength(10);
    for (const kind of ["replay", "table", "timeseries", "checklist"]) {
      expect(html).toContain(`<div class="section ${kind}">`);
    }
  });
});

describe("markdown and terminal", () => {
  it("name the verdict, its reason, seed and findings", () => {
    const md = render("markdown");
    expect(md).toMatch(
      /^# Tranche readiness: NOT READY ❌\n\n\*\*Blocker failed\\: state\\_mismatches \\\(state matches\\\)/,
    );
    expect(md).toContain("Seed `42`");
    expect(md).toContain("- **state\\_mismatches** (blocker, provisioning.replay)");
    const table = renderVerdictTable(sampleRunResult());
    expect(table).toMatch(/^Verdict: NOT READY/);
    expect(table).toMatch(/\nReason: {2}Blocker failed: state_mismatches/);
    expect(table).toMatch(/state_mismatches\s+blocker\s+2\s+== 0\s+FAIL/);
  });

  it("keep destination text inert in Markdown as GitHub renders it: no raw HTML, no links, no images", () => {
    const md = render("markdown");
    for (const hostile of Object.values(HOSTILE)) expect(md, hostile).not.toContain(hostile);
    const html = micromark(md, {
      allowDangerousHtml: true,
      extensions: [gfm()],
      htmlExtensions: [gfmHtml()],
    });
    const tags = new Set(
      [...html.matchAll(/<([a-z][a-z0-9]*)/gi)].map((m) => (m[1] as string).toLowerCase()),
    );
    const allowed = [
      "h1",
      "h2",
      "h3",
      "h4",
      "p",
      "strong",
      "code",
      "blockquote",
      "ul",
      "li",
      "table",
      "thead",
      "tbody",
      "tr",
      "th",
      "td",
      "details",
      "summary",
    ];
    expect([...tags].filter((t) => !allowed.includes(t))).toEqual([]);
    // The target's URL stays text.
    expect(html).toContain("contract API at http://127.0.0.1:1 &lt;script&gt;");
  });
});
