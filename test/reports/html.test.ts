/** report.html: self-contained, escaped, readable without JavaScript. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from '../../reports/conformance/html.ts';
import type { ConformanceReport } from '../../reports/conformance/model.ts';
import { conformanceReportArbitrary } from './arbitraries.ts';
import { allPassReport, expectReport, mixedReport } from './fixtures.ts';

/** The tags our renderer writes; anything else in the output came from report data. */
const OUR_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'p', 'dl', 'div', 'dt', 'dd', 'code', 'ul', 'li', 'main',
  'section', 'form', 'label', 'select', 'option', 'output', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'small', 'a', 'details',
  'summary', 'span', 'b', 'pre', 'footer', 'script', 'ol',
]);

function tagNames(html: string): Set<string> {
  return new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((match) => match[1]!.toLowerCase()));
}

describe('renderHtml', () => {
  it('is one self-contained page: no external URL, stylesheet link, or script src', () => {
    for (const report of [allPassReport(), mixedReport(), expectReport()]) {
      const html = renderHtml(report);
      expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
      expect(html).not.toMatch(/\b(src|href)\s*=\s*"(?!#)/);
      expect(html).not.toMatch(/https?:\/\/|url\(|@import|<link/);
      expect(html.match(/<script>/g)).toHaveLength(1);
      expect(html.match(/<\/script>/g)).toHaveLength(1);
    }
  });

  it('escapes every string: report data never becomes markup', () => {
    fc.assert(
      fc.property(conformanceReportArbitrary(), (report: ConformanceReport) => {
        const html = renderHtml(report);
        for (const tag of tagNames(html)) expect(OUR_TAGS.has(tag), `unexpected tag <${tag}>`).toBe(true);
        expect(html.match(/<script>/g)).toHaveLength(1);
        expect(html.match(/<\/script>/g)).toHaveLength(1);
        expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
        expect(html).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
    );
  });

  it('shows hostile strings escaped and visible', () => {
    const report = mixedReport();
    report.adapters[1]!.name = '<img src=x onerror=alert(1)>"\'';
    const html = renderHtml(report);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;');
    expect(html).toContain('title="skipped by --only; a\\rb\\nc\\r\\nd\\x00e\\u{d800}f&lt;/script&gt;g]]&gt;h|i```j&lt;b&gt;k&amp;amp;"');
  });

  it('header: verdict, tool, version, seed, runs, level, duration and the replay command', () => {
    const html = renderHtml(mixedReport());
    expect(html).toContain('<header class="run failed">');
    expect(html).toContain('<p class="verdict">FAILED at level must</p>');
    for (const fact of ['<dt>tool</dt><dd>streamconform 0.1.0</dd>', '<dt>seed</dt><dd>1234567</dd>', '<dt>runs</dt><dd>200 per property</dd>', '<dt>level</dt><dd>must</dd>', '<dt>duration</dt><dd>1 min 5 s</dd>']) {
      expect(html).toContain(fact);
    }
    expect(html).toContain('Replay the run: <code>npx streamconform run --adapter reference --adapter &quot;./test/fixtures/adapters/broken | fork.ts&quot; --seed 1234567 --runs 200</code>');
    expect(renderHtml(allPassReport())).toContain('<p class="verdict">PASSED at level must</p>');
  });

  it('matrix: graded verdict classes, failures linked to their details, filter data on each row', () => {
    const html = renderHtml(mixedReport());
    expect(html.match(/<tr data-area=/g)).toHaveLength(13);
    expect(html).toContain('<tr data-area="SSE" data-verdicts="non-strict ok">');
    expect(html).toContain('<td class="cell v-failed"');
    expect(html).toContain('<a href="#fail-1-SSE-005">FAILED</a>');
    expect(html).toContain('<td class="cell v-non-strict"');
    expect(html).toContain('<td class="cell v-skipped" title="not run: --browser not given">SKIPPED</td>');
    expect(html).toContain('<td class="cell v-none">—</td>');
    for (const colour of ['--ok:', '--failed:', '--non-strict:', '--skipped:', '--blocked:', '--unimplemented:', '--harness-error:']) expect(html).toContain(colour);
  });

  it('matrix: blocked, unimplemented and harness-error cells have their own badge class, a reason and a link; stray errors are marked', () => {
    const html = renderHtml(mixedReport());
    expect(html).toContain('<td class="cell v-blocked" title="an abort after close() changes nothing: cannot judge: close() did not end the stream, so nothing comes after it (CLOSE-003 failed first)"><a href="#fail-1-CLOSE-004">BLOCKED</a><small>by <code>CLOSE-003</code></small></td>');
    expect(html).toContain('<a href="#fail-1-SSE-021">UNIMPLEMENTED</a><small>no <code>writeComment</code></small></td>');
    expect(html).toContain('<td class="cell v-harness-error"');
    expect(html).toContain('<a href="#fail-1-HDR-008">HARNESS ERROR</a></td>');
    expect(html).toContain('<td class="cell v-ok">OK <span class="mark stray" title="1 stray error (unhandled rejection / uncaught exception) seen while this ran: judged by CLOSE-009">stray</span></td>');
    for (const verdict of ['blocked', 'unimplemented', 'harness-error']) {
      expect(html).toContain(`.v-${verdict} {`);
      expect(html).toContain(`<option value="${verdict}">`);
    }
  });

  it('legend: every verdict with its badge and meaning, above the matrix', () => {
    const html = renderHtml(allPassReport());
    const legend = html.slice(html.indexOf('<ul class="legend">'), html.indexOf('</ul>', html.indexOf('<ul class="legend">')));
    for (const label of ['OK', 'FAILED', 'NON-STRICT', 'BLOCKED', 'HARNESS ERROR', 'UNIMPLEMENTED', 'SKIPPED']) expect(legend).toContain(`">${label}</span>`);
    expect(legend).toContain('judged by CLOSE-009');
    expect(html.indexOf('<ul class="legend">')).toBeLessThan(html.indexOf('<table class="matrix">'));
  });

  it('failures first: matrix rows and details by verdict (failed, non-strict, blocked, harness error, unimplemented, ok, skipped)', () => {
    const html = renderHtml(mixedReport());
    const rowIds = [...html.matchAll(/<tr data-area="[^"]*" data-verdicts="[^"]*"><th scope="row"><code>([^<]+)<\/code>/g)].map((match) => match[1]);
    expect(rowIds).toEqual(['SSE-005', 'SSE-009', 'CHUNK-002', 'CLOSE-003', 'CLOSE-009', 'WIRE-001', 'SSE-003', 'CLOSE-004', 'HDR-008', 'SSE-021', 'SSE-001', 'HDR-004', 'BROWSER-001']);
    const detailIds = [...html.matchAll(/<details class="failure" id="fail-\d-([^"]+)"/g)].map((match) => match[1]);
    expect(detailIds).toEqual(['SSE-005', 'SSE-009', 'CHUNK-002', 'CLOSE-003', 'CLOSE-009', 'WIRE-001', 'SSE-003', 'CLOSE-004', 'HDR-008', 'SSE-021']);
    expect(html).toContain('<h2>Failures (7)</h2>');
    expect(html).toContain('<h2>Not judged (3): blocked, harness errors, unimplemented</h2>');
  });

  it('"Fix these first" comes first: roots by how many failures they explain, each id linked, with what it unblocks', () => {
    const html = renderHtml(mixedReport());
    const section = html.slice(html.indexOf('<section id="fix-first">'), html.indexOf('</section>', html.indexOf('<section id="fix-first">')));
    expect(html.indexOf('<section id="fix-first">')).toBeLessThan(html.indexOf('<table class="matrix">'));
    expect(section).toContain('<li><span class="root">writeSSE(…) dispatched N events, expected N.</span> <small class="root-count">2 failures</small><div class="root-ids"><a href="#fail-1-SSE-005"><code>SSE-005</code></a>, <a href="#fail-1-SSE-009"><code>SSE-009</code></a></div></li>');
    expect(section).toContain('<small>also unblocks: <a href="#fail-1-CLOSE-004"><code>CLOSE-004</code></a></small>');
    expect(section.match(/<li>/g)).toHaveLength(6);
    expect(renderHtml(allPassReport())).not.toContain('id="fix-first"');
  });

  it('details of results not judged: why (blocked by, missing capability, the suite\'s own stack and "please report")', () => {
    const html = renderHtml(mixedReport());
    const details = (id: string): string => html.slice(html.indexOf(`id="fail-1-${id}"`), html.indexOf('</details>', html.indexOf(`id="fail-1-${id}"`)));
    expect(details('CLOSE-004')).toContain('<small>(blocked by CLOSE-003)</small></summary>');
    expect(details('CLOSE-004')).toContain('<h3>Blocked by</h3>\n<pre>CLOSE-003: its failure kept this check from judging its own rule; fix it first, then run this one again.</pre>');
    expect(details('SSE-021')).toContain('<h3>Missing capability</h3>\n<pre>writeComment: optional, not implemented');
    expect(details('HDR-008')).toContain('<h3>Harness error (streamconform&#39;s own stack)</h3>\n<pre>This is a bug in streamconform, not in the implementation: please report it');
    expect(details('HDR-008')).toContain('    at headerOf (/repo/conformance/properties/hdr.ts:88:21)');
    expect(html).toContain('<p class="harness-note">streamconform itself broke on 1 requirement (HARNESS ERROR)');
  });

  it('works without JavaScript: every failure is a <details> in the markup, filters stay hidden until the script shows them', () => {
    const html = renderHtml(mixedReport());
    expect(html.match(/<details class="failure"/g)).toHaveLength(10);
    expect(html).toContain('<details class="failure" id="fail-1-SSE-005" data-area="SSE" data-verdicts="failed">');
    expect(html).toContain('<form id="filters" class="filters" hidden>');
  });

  it('failure details: message, shrunk input, bytes with CR/LF highlighted, client view, transcript table, replay', () => {
    const html = renderHtml(mixedReport());
    const wire = html.slice(html.indexOf('id="fail-1-WIRE-001"'), html.indexOf('</details>', html.indexOf('id="fail-1-WIRE-001"')));
    expect(wire).toContain('<h3>Message</h3>');
    expect(wire).toContain('<h3>Shrunk input (seed 1234567)</h3>');
    expect(wire).toContain('<pre class="bytes">HTTP/1.1 200 OK<span class="esc">\\r</span><span class="esc">\\n</span>\nContent-Length: 6');
    expect(wire).toContain('<th scope="col">chunk #</th><th scope="col">time ms</th><th scope="col">bytes</th><th scope="col">escaped content</th>');
    expect(wire).toContain('<tr><td>2</td><td>1003.9</td><td>3</td><td class="content">one</td></tr>');
    expect(wire).toContain('<h3>Replay</h3>\n<pre><code>npx streamconform run --adapter ./broken.ts --only WIRE-001 --seed 1234567</code></pre>');
    const sse = html.slice(html.indexOf('id="fail-1-SSE-005"'), html.indexOf('</details>', html.indexOf('id="fail-1-SSE-005"')));
    expect(sse).toContain('<h3>How a WHATWG client reads them</h3>');
    expect(sse).toContain('<span class="esc">\\x00</span>&lt;/script&gt;]]&gt;|<span class="esc">\\u{d800}</span>');
  });

  it('under --expect: marks, an unexpected filter, unexpected passes and the file warnings', () => {
    const html = renderHtml(expectReport());
    expect(html).toContain('<span class="mark unexpected">unexpected pass</span>');
    expect(html).toContain('<span class="mark unexpected">unexpected</span>');
    expect(html).toContain('<span class="mark expected">expected</span>');
    expect(html).toContain('<option value="unexpected">unexpected</option>');
    expect(html).toContain('<section id="unexpected-passes">');
    expect(html).toContain('Expectation file warnings');
    expect(renderHtml(mixedReport())).not.toContain('<option value="unexpected">');
  });
});

describe('escapeHtml', () => {
  it('escapes markup and quotes and shows invisible characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>\r\n\u0000`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\\r\\n\\x00');
    expect(escapeHtml('a\nb', true)).toBe('a\nb');
  });
});
