/**
 * The inline stylesheet and script of `report.html`. Static: no report data
 * is ever put into them (so nothing in a report can end the `<script>`
 * element early). The page works without the script; it only adds
 * filtering and opens a failure's `<details>` when its link is followed.
 */

/**
 * Autobahn-style colours: OK green, NON-STRICT amber, FAILED red, SKIPPED
 * grey; BLOCKED purple, UNIMPLEMENTED blue, HARNESS ERROR black on yellow,
 * striped (the suite's fault, not the implementation's).
 */
export const REPORT_CSS = `
:root { --ok: #1a7f37; --ok-bg: #d1f4d9; --failed: #b42318; --failed-bg: #fde0dc; --non-strict: #8a5300; --non-strict-bg: #ffe7a3;
  --skipped: #4b5563; --skipped-bg: #e8eaed; --blocked: #6639ba; --blocked-bg: #ece2ff; --unimplemented: #0a4f9e; --unimplemented-bg: #dbeafe;
  --harness-error: #1f2328; --harness-error-bg: #fff3a8; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #fff; }
main { padding: 0 24px 48px; max-width: 1400px; }
header.run { padding: 18px 24px; border-bottom: 4px solid var(--line); }
header.run.passed { border-color: var(--ok); background: linear-gradient(#f3fbf5, #fff); }
header.run.failed { border-color: var(--failed); background: linear-gradient(#fff5f4, #fff); }
h1 { margin: 0 0 4px; font-size: 20px; }
h2 { margin: 28px 0 10px; font-size: 17px; }
h3 { margin: 14px 0 4px; font-size: 13px; color: var(--muted); }
.verdict { margin: 0 0 10px; font-size: 18px; font-weight: 700; }
.passed .verdict { color: var(--ok); }
.failed .verdict { color: var(--failed); }
dl.facts { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0 0 10px; }
dl.facts div { display: flex; gap: 6px; }
dt { color: var(--muted); }
dd { margin: 0; font-weight: 600; }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.replay code { display: inline-block; padding: 2px 6px; background: #f6f8fa; border: 1px solid var(--line); border-radius: 4px; word-break: break-all; }
ul.counts { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; margin: 10px 0 0; padding: 0; }
ul.counts li { padding: 2px 10px; border-radius: 12px; font-weight: 600; }
.v-ok { background: var(--ok-bg); color: var(--ok); }
.v-failed { background: var(--failed-bg); color: var(--failed); }
.v-non-strict { background: var(--non-strict-bg); color: var(--non-strict); }
.v-skipped { background: var(--skipped-bg); color: var(--skipped); }
.v-blocked { background: var(--blocked-bg); color: var(--blocked); }
.v-unimplemented { background: var(--unimplemented-bg); color: var(--unimplemented); }
.v-harness-error { background: repeating-linear-gradient(135deg, var(--harness-error-bg) 0 8px, #ffe45c 8px 16px); color: var(--harness-error); }
.harness-note { margin: 0 0 10px; padding: 4px 10px; border-left: 4px solid var(--harness-error); background: var(--harness-error-bg); }
ul.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; list-style: none; margin: 0 0 8px; padding: 0; font-size: 12px; color: var(--muted); }
ul.legend .badge { min-width: 0; }
#fix-first { border-left: 4px solid var(--failed); background: #fff8f7; padding: 4px 16px 8px; }
#fix-first h2 { margin-top: 12px; }
ol.roots { margin: 6px 0 10px; padding-left: 22px; }
ol.roots li { margin: 6px 0; }
ol.roots .root { font-weight: 700; }
ol.roots .root-count { color: var(--muted); }
ol.roots .root-ids { font-size: 12.5px; }
.v-none { color: var(--muted); }
.unexpected-count { background: #1f2328; color: #fff; }
.warnings { border-left: 4px solid var(--non-strict); background: #fff8e1; padding: 6px 12px; }
form.filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; margin: 16px 0 8px; }
form.filters select { font: inherit; padding: 2px 4px; }
#filter-count { color: var(--muted); }
table { border-collapse: collapse; }
table.matrix { width: 100%; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
table.matrix thead th { position: sticky; top: 0; background: #f6f8fa; z-index: 1; }
table.matrix th.adapter { text-align: center; min-width: 120px; }
table.matrix th.adapter small { display: block; font-weight: 400; color: var(--muted); }
table.matrix tbody th { font-weight: 400; }
table.matrix td.cell { text-align: center; font-weight: 700; font-size: 12px; white-space: nowrap; }
table.matrix td.cell a { color: inherit; }
table.matrix td.level, table.matrix td.profile { color: var(--muted); font-size: 12px; white-space: nowrap; }
table.matrix tfoot td, table.matrix tfoot th { background: #f6f8fa; font-size: 12px; }
.mark { display: inline-block; margin-left: 4px; padding: 0 5px; border-radius: 8px; font-size: 11px; font-weight: 700; }
.mark.unexpected { background: #1f2328; color: #fff; }
.mark.expected { border: 1px solid currentColor; font-weight: 400; }
.mark.stray { background: #ffe45c; color: #1f2328; }
table.matrix td.cell small { display: block; font-weight: 400; }
details.failure { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; background: #fff; }
details.failure > summary { cursor: pointer; padding: 6px 10px; }
details.failure[open] > summary { border-bottom: 1px solid var(--line); background: #f6f8fa; }
details.failure:target { outline: 2px solid #0969da; }
details.failure .body { padding: 4px 14px 12px; }
.badge { display: inline-block; min-width: 88px; text-align: center; padding: 1px 6px; border-radius: 4px; font-size: 12px; font-weight: 700; }
pre { margin: 0; padding: 8px 10px; background: #f6f8fa; border: 1px solid var(--line); border-radius: 4px; white-space: pre-wrap; word-break: break-all; max-height: 28em; overflow: auto; }
.esc { color: #cf222e; font-weight: 700; }
table.transcript th, table.transcript td { border: 1px solid var(--line); padding: 2px 8px; text-align: right; vertical-align: top; }
table.transcript th:last-child, table.transcript td.content { text-align: left; }
table.transcript td.content { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-all; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
`;

/** Filtering by area and status, and opening a linked failure. Data comes only from `data-*` attributes. */
export const REPORT_JS = `
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var area = document.getElementById('filter-area');
  var status = document.getElementById('filter-status');
  var count = document.getElementById('filter-count');
  if (!form || !area || !status || !count) return;
  form.hidden = false;
  var rows = Array.prototype.slice.call(document.querySelectorAll('table.matrix tbody tr'));
  var details = Array.prototype.slice.call(document.querySelectorAll('details.failure'));
  function matches(element) {
    var verdicts = ' ' + (element.getAttribute('data-verdicts') || '') + ' ';
    return (!area.value || element.getAttribute('data-area') === area.value) &&
      (!status.value || verdicts.indexOf(' ' + status.value + ' ') >= 0);
  }
  function apply() {
    var shown = 0;
    rows.forEach(function (row) { row.hidden = !matches(row); if (!row.hidden) shown++; });
    details.forEach(function (item) { item.hidden = !matches(item); });
    count.textContent = shown + ' of ' + rows.length + ' requirements shown';
  }
  function openTarget() {
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target && target.tagName === 'DETAILS') { target.hidden = false; target.open = true; }
  }
  area.addEventListener('change', apply);
  status.addEventListener('change', apply);
  window.addEventListener('hashchange', openTarget);
  apply();
  openTarget();
})();
`;
