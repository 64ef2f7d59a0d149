/**
 * The stylesheet of the HTML pages (report, diff, live view): readable from a phone's width up
 * (tables scroll inside their box, the gates table turns into cards), and clean on paper (no
 * navigation, colours kept for the verdict, rows and charts not cut across pages).
 */

export const VERDICT_COLOURS = {
  READY: "#1a7f37",
  "READY WITH FINDINGS": "#9a6700",
  "NOT READY": "#cf222e",
  INCOMPLETE: "#57606a",
} as const;

/**
 * The pages' Content-Security-Policy: nothing may load from anywhere (only the inline styles and
 * scripts the page carries, and data: images). A report is self-contained by construction; this
 * makes any request a browser error too.
 */
export const PAGE_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'";

/** The CSP as a meta element, for pages opened from disk. */
export const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">`;

export const PAGE_CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d0d7de;--soft:#f6f8fa;--fail:#cf222e;--pass:#1a7f37;--warn:#9a6700}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1120px;padding:0 1rem 2rem;color:var(--fg);overflow-wrap:anywhere}
h1{font-size:1.35rem;margin:.6rem 0 .2rem}h2{font-size:1.2rem;margin:1.8rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.02rem;margin:1.3rem 0 .4rem}code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:0 .25rem;border-radius:3px}
.banner{color:#fff;border-radius:8px;padding:.8rem 1rem;margin:1rem 0;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.banner .verdict{font-size:1.6rem;font-weight:700;letter-spacing:.02em}.banner p{margin:.3rem 0 0}
.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:.2rem 1rem;margin:0;font-size:13px}
.meta div{min-width:0}.meta dt{color:var(--muted);font-size:12px}.meta dd{margin:0}
.toc{font-size:13px;margin:.8rem 0}.toc a{margin-right:.8rem}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:13.5px}
th,td{border-bottom:1px solid var(--line);padding:.35rem .45rem;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600;overflow-wrap:normal}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.failed .status,.fail{color:var(--fail);font-weight:700}.passed .status,.pass{color:var(--pass)}.skipped .status,.not-checked{color:var(--muted)}
.sev{font-size:12px;border-radius:4px;padding:0 .35rem;border:1px solid var(--line);white-space:nowrap}.sev.blocker{border-color:var(--fail);color:var(--fail)}.sev.major{border-color:var(--warn);color:var(--warn)}
.muted{color:var(--muted);font-size:12.5px}.badge{font-size:12px;background:#57606a;color:#fff;border-radius:4px;padding:0 .4rem;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.note{background:#fff8c5;border-left:3px solid #d4a72c;padding:.35rem .6rem;margin:.5rem 0}
pre{white-space:pre-wrap;overflow-wrap:anywhere;max-height:320px;overflow:auto;background:var(--soft);padding:.5rem;font-size:12px;margin:.3rem 0}
details summary{cursor:pointer}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.4rem;margin:.5rem 0}
.stat{background:var(--soft);border-radius:6px;padding:.4rem .6rem}.stat strong{display:block;font-size:1.1rem}.stat span{color:var(--muted);font-size:12px}
.chart{width:100%;min-height:40px;margin:.4rem 0 .2rem}.chart-title{font-weight:600;font-size:13.5px;margin:.8rem 0 0}
.uplot{font-family:inherit}.u-legend{font-size:12px}
.checklist li{margin:.2rem 0}.checklist{padding-left:1.1rem}
section.suite{margin-top:2.2rem}
@media (max-width:640px){
  body{font-size:14px;padding:0 .6rem 1.5rem}.banner .verdict{font-size:1.3rem}
  table.cards thead{display:none}table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
  table.cards tr{border:1px solid var(--line);border-radius:6px;margin:.5rem 0;padding:.2rem .4rem}
  table.cards td{border:0;padding:.15rem 0}table.cards td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:12px}
}
@media print{
  body{max-width:none;padding:0;font-size:11pt}.toc,.no-print{display:none}
  a{color:inherit;text-decoration:none}h2,h3,.chart-title{break-after:avoid}tr,.stat,.chart,.banner{break-inside:avoid}
  .scroll{overflow:visible}pre{max-height:none;overflow:visible}.u-legend{break-inside:avoid}
  .uplot,.uplot canvas{max-width:100%!important;height:auto!important}.u-over,.u-cursor-x,.u-cursor-y,.u-select{display:none}
}
`;
