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
  'summary', 'span', 'b', 'pre', 'footer', 'script',
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
    expect(html.match(/<tr data-area=/g)).toHaveLength(8);
    expect(html).toContain('<tr data-area="SSE" data-verdicts="non-strict ok">');
    expect(html).toContain('<td class="cell v-failed"');
    expect(html).toContain('<a href="#fail-1-SSE-005">FAILED</a>');
    expect(html).toContain('<td class="cell v-non-strict"');
    expect(html).toContain('<td class="cell v-skipped" title="not run: --browser not given">SKIPPED</td>');
    expect(html).toContain('<td class="cell v-none">—</td>');
    for (const colour of ['--ok:', '--failed:', '--non-strict:', '--skipped:']) expect(html).toContain(colour);
  });

  it('works without JavaScript: every failure is a <details> in the markup, filters stay hidden until the script shows them', () => {
    const html = renderHtml(mixedReport());
    expect(html.match(/<details class="failure"/g)).toHaveLength(5);
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
