/** report.md: escaping, the matrix, failure details, and GitHub's size limit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARKDOWN_MAX_CHARS, markdownCodeBlock, markdownInline, renderMarkdown } from '../../reports/conformance/markdown.ts';
import type { ConformanceReport } from '../../reports/conformance/model.ts';
import { conformanceReportArbitrary } from './arbitraries.ts';
import { adapter, allPassReport, expectReport, mixedReport, result } from './fixtures.ts';

/** Cells of a table row: split on `|` not preceded by a backslash. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());
}

/**
 * Lines of the tables: those starting with `| `, outside fenced code blocks
 * (a failure's bytes may start with `| ` too). A fence of N backticks closes
 * at a line of at least N backticks alone (CommonMark §4.5).
 */
function tableRows(markdown: string): string[] {
  let fence = 0;
  return markdown.split('\n').filter((line) => {
    if (fence === 0) {
      const opening = /^(`{3,})/.exec(line);
      if (opening) fence = opening[1]!.length;
      else return line.startsWith('| ');
    } else if (/^`+\s*$/.test(line) && line.trim().length >= fence) {
      fence = 0;
    }
    return false;
  });
}

describe('renderMarkdown', () => {
  it('headline: verdict at the level and counts', () => {
    expect(renderMarkdown(allPassReport())).toMatch(/^## ✅ streamconform: PASSED at level `must`\n\n\*\*1 adapter × 8 requirements\*\* — ✅ 8 ok · ❌ 0 failed · ⚠️ 0 non-strict · ⏭ 0 skipped\n/);
    expect(renderMarkdown(mixedReport())).toMatch(
      /^## ❌ streamconform: FAILED at level `must`\n\n\*\*2 adapters × 13 requirements\*\* — ✅ 13 ok · ❌ 6 failed · ⚠️ 1 non-strict · ⛔ 1 blocked · 🐞 1 harness error · ➖ 1 unimplemented · ⏭ 2 skipped\n/,
    );
    expect(renderMarkdown(expectReport())).toContain('❗ 5 unexpected · 3 expected failures');
    expect(renderMarkdown(mixedReport())).toContain('> **🐞 streamconform itself broke on 1 requirement** (harness error): not a verdict on the implementation');
    expect(renderMarkdown(allPassReport())).not.toContain('harness error');
  });

  it('matrix: one row per requirement, one column per adapter, verdict marks', () => {
    const rows = tableRows(renderMarkdown(mixedReport()));
    expect(cells(rows[0]!)).toEqual(['Requirement', 'Level', 'reference', 'broken &lt;fork&gt; \\| v2']);
    const byId = (id: string): string[] => cells(rows.find((row) => row.includes(`\`${id}\``))!);
    expect(byId('SSE-003')).toEqual(['`SSE-003` x-accel-buffering no on event streams', 'SHOULD', '✅ ok', '⚠️ non-strict']);
    expect(byId('SSE-005').slice(2)).toEqual(['✅ ok', '❌ failed']);
    expect(byId('HDR-004').slice(2)).toEqual(['✅ ok', '⏭ skipped']);
    expect(byId('BROWSER-001').slice(2)).toEqual(['⏭ skipped', '—']);
    expect(byId('CHUNK-002')[0]).toBe('`CHUNK-002` base64 chunks use the \\`+/\\` alphabet \\| padded');
    expect(byId('CLOSE-004').slice(2)).toEqual(['✅ ok', '⛔ blocked by `CLOSE-003`']);
    expect(byId('SSE-021').slice(2)).toEqual(['✅ ok', '➖ unimplemented (writeComment)']);
    expect(byId('HDR-008').slice(2)).toEqual(['✅ ok', '🐞 harness error']);
    expect(byId('SSE-001').slice(2)).toEqual(['✅ ok', '✅ ok ⚡ stray']);
    expect(cells(rows.at(-1)!)).toEqual(['**Summary**', '', '12 pass · 0 fail · 1 skip', '1 pass · 7 fail · 1 skip · 1 blocked · 1 harness error · 1 unimplemented']);
  });

  it('matrix rows: failures first (failed, non-strict, blocked, harness error, unimplemented, ok, skipped), registry order within each', () => {
    const ids = tableRows(renderMarkdown(mixedReport())).slice(2, -1).map((row) => /`([A-Z]+-\d+)`/.exec(row)![1]);
    expect(ids).toEqual(['SSE-005', 'SSE-009', 'CHUNK-002', 'CLOSE-003', 'CLOSE-009', 'WIRE-001', 'SSE-003', 'CLOSE-004', 'HDR-008', 'SSE-021', 'SSE-001', 'HDR-004', 'BROWSER-001']);
  });

  it('"Fix these first": roots shared by most failures first, with the requirements each explains and unblocks', () => {
    const markdown = renderMarkdown(mixedReport());
    const section = markdown.slice(markdown.indexOf('### Fix these first'), markdown.indexOf('| Requirement |'));
    expect(section).toContain('1. **writeSSE(…) dispatched N events, expected N.** — 2 failures: `SSE-005`, `SSE-009`\n');
    expect(section).toContain('**the check threw: TypeError: Cannot read properties of undefined (…)** — 1 failure: `CLOSE-003`; also unblocks `CLOSE-004`');
    expect(section).toContain('**unhandled rejection or uncaught exception** — 1 failure: `CLOSE-009`');
    expect(section.match(/^\d+\. /gm)).toHaveLength(6);
    expect(markdown.indexOf('### Fix these first')).toBeLessThan(markdown.indexOf('| Requirement |'));
    expect(renderMarkdown(allPassReport())).not.toContain('Fix these first');
  });

  it('"Not judged": one line per blocked (by what), harness error (its error and first frame) and unimplemented (which capability)', () => {
    const markdown = renderMarkdown(mixedReport());
    const section = markdown.slice(markdown.indexOf('### Not judged (3)'), markdown.indexOf('### Failures'));
    expect(section).toContain('a harness error is a bug in streamconform (please report it with the command above)');
    const lines = section.split('\n').filter((line) => line.startsWith('- '));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^- ⛔ blocked `CLOSE-004` abort after close changes nothing \(\*\*broken &lt;fork&gt; \\\| v2\*\*\) — by `CLOSE-003`: /);
    expect(lines[1]).toBe(
      "- 🐞 harness error `HDR-008` caller headers are kept (**broken &lt;fork&gt; \\| v2**): TypeError: Cannot read properties of undefined (reading 'get') (at headerOf (/repo/conformance/properties/hdr.ts:88:21))",
    );
    expect(lines[2]).toMatch(/^- ➖ unimplemented `SSE-021` comments for heartbeats \(\*\*broken &lt;fork&gt; \\\| v2\*\*\) — capability writeComment: /);
  });

  it('marks unexpected and expected results under --expect, and lists unexpected passes', () => {
    const markdown = renderMarkdown(expectReport());
    const row = (id: string): string[] => cells(tableRows(markdown).find((line) => line.includes(`\`${id}\``))!);
    expect(row('SSE-001')[3]).toBe('✅ ok **unexpected pass** ⚡ stray');
    expect(row('WIRE-001')[3]).toBe('❌ failed **unexpected**');
    expect(row('SSE-005')[3]).toBe('❌ failed *expected*');
    expect(markdown).toContain('### Unexpected passes');
    expect(markdown).toContain('**Expectation file warnings:**');
  });

  it('every table row has exactly its cells, whatever the titles and names hold', () => {
    fc.assert(
      fc.property(conformanceReportArbitrary(), (report: ConformanceReport) => {
        const rows = tableRows(renderMarkdown(report));
        for (const row of rows) expect(cells(row)).toHaveLength(report.adapters.length + 2);
        expect(rows.length).toBe(new Set(report.adapters.flatMap((item) => item.requirements.map((r) => r.id))).size + 3);
      }),
    );
  });

  it('never writes a raw CR, control character or lone surrogate', () => {
    fc.assert(
      fc.property(conformanceReportArbitrary(), (report: ConformanceReport) => {
        const markdown = renderMarkdown(report);
        expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
        expect(markdown).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
    );
  });

  it('one <details> per failure with message, shrunk input, bytes with CR/LF visible, client view, transcript and replay', () => {
    const markdown = renderMarkdown(mixedReport());
    expect(markdown.match(/<details>/g)).toHaveLength(7);
    expect(markdown.match(/<\/details>/g)).toHaveLength(7);
    expect(markdown.indexOf('<code>SSE-005</code>')).toBeLessThan(markdown.indexOf('<code>SSE-003</code> x-accel'));
    const sse = markdown.slice(markdown.indexOf('<code>SSE-005</code>'), markdown.indexOf('</details>', markdown.indexOf('<code>SSE-005</code>')));
    expect(sse).toContain('**Message**');
    expect(sse).toContain('**Shrunk input (seed 1234567, path "17:2:0", 9 shrinks)**');
    expect(sse).toContain('```text\ndata: a\\rb\\x00</script>]]>|\\u{d800}\\n\n\\n\n```');
    expect(sse).toContain('**How a WHATWG client reads them**');
    expect(sse).toContain('```sh\nnpx streamconform run --adapter "./test/fixtures/adapters/broken | fork.ts" --only SSE-005 --seed 1234567 --path "17:2:0"\n```');
    expect(markdown).toContain('#  time ms  bytes  content\n1      0.4     40  HTTP/1.1 200 OK\\r\\nContent-Length: 6\\r\\n\\r\\n\n2   1003.9      3  one');
    expect(markdown).toContain('— does not fail this run</summary>');
    expect(sse).toContain('**Root cause (read from the message)**\n\n```text\nwriteSSE(…) dispatched N events, expected N.\nShared with 1 other failure: SSE-009\n```');
    const close = markdown.slice(markdown.indexOf('<code>CLOSE-009</code>'), markdown.indexOf('</details>', markdown.indexOf('<code>CLOSE-009</code>')));
    expect(close).toContain('⚡ stray errors</summary>');
    expect(close).toContain('**Root cause**\n\n```text\nunhandled rejection or uncaught exception\n```');
    expect(close).toContain('**Stray errors (unhandled rejections / uncaught exceptions, judged by CLOSE-009)**\n\n```text\nduring SSE-001: Error: enqueue after close </script>\\x00\n');
  });

  it('summaries escape HTML', () => {
    const report = mixedReport();
    report.adapters[1]!.name = '</summary><script>alert(1)</script>';
    const markdown = renderMarkdown(report);
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('<b>&lt;/summary&gt;&lt;script&gt;alert(1)&lt;/script&gt;</b>');
  });

  it('stays under GitHub\'s limit: long sections are cut with a note, failures that do not fit are counted', () => {
    const huge = 'data: x\\n'.repeat(5_000);
    const many = Array.from({ length: 200 }, (_, index) =>
      result(`SSE-${String(index + 1).padStart(3, '0')}` as `SSE-${string}`, 'MUST', `requirement ${index + 1}`, 'fail', {
        message: `failure ${index + 1}`,
        counterexample: { seed: 1, input: '[]', sent: huge, replay: 'npx streamconform run' },
      }),
    );
    const report: ConformanceReport = { ...mixedReport(), adapters: [adapter('big', 'big', many)] };
    const markdown = renderMarkdown(report);
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    expect(markdown).toMatch(/\*… \d+ more characters cut; see report\.html or conformance\.json\.\*/);
    expect(markdown).toMatch(/\*\d+ more failures not shown, to stay under GitHub's 65,000-character limit/);
    expect(markdown.match(/<details>/g)!.length).toBe(markdown.match(/<\/details>/g)!.length);
    expect(tableRows(markdown)).toHaveLength(203);
  });

  it('bounds "Fix these first" and "Not judged": many roots and many blocked results leave room for the failures', () => {
    const id = (area: string, index: number) => `${area}-${String(index + 1).padStart(3, '0')}` as `SSE-${string}`;
    const failed = Array.from({ length: 30 }, (_, index) => result(id('SSE', index), 'MUST', `requirement ${index + 1}`, 'fail', { message: `t: writeSSE(): mistake number ${'x'.repeat(index + 1)}` }));
    const blocked = Array.from({ length: 300 }, (_, index) =>
      result(id('CLOSE', index), 'MUST', 'y', 'skip', { verdict: 'blocked', blockedBy: ['SSE-001'], message: 'z'.repeat(2_000) }),
    );
    const markdown = renderMarkdown({ ...mixedReport(), adapters: [adapter('big', 'big', [...failed, ...blocked])] });
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    const fix = markdown.slice(markdown.indexOf('### Fix these first'), markdown.indexOf('| Requirement |'));
    expect(fix.match(/^\d+\. /gm)).toHaveLength(10);
    expect(fix).toContain('*20 more roots in report.html and conformance.json.*');
    expect(fix).toContain('1 failure: `SSE-001`; also unblocks `CLOSE-001`, `CLOSE-002`');
    expect(fix).toContain('and 275 more');
    const notJudged = markdown.slice(markdown.indexOf('### Not judged (300)'), markdown.indexOf('### Failures'));
    expect(notJudged.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(21);
    expect(notJudged).toContain('- *280 more in report.html and conformance.json.*');
    expect(markdown.match(/<details>/g)).toHaveLength(30);
  });

  it('cuts even a matrix too large for the limit, at a line end', () => {
    const rows = Array.from({ length: 2_000 }, (_, index) => result(`HDR-${String(index + 1).padStart(4, '0')}` as `HDR-${string}`, 'MUST', 'x'.repeat(60), 'pass'));
    const markdown = renderMarkdown({ ...allPassReport(), adapters: [adapter('a', 'a', rows)] });
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    expect(markdown).toMatch(/\n\n\*Report cut at 65,000 characters; the whole report is in report\.html and conformance\.json\.\*\n$/);
  });
});

describe('markdownInline / markdownCodeBlock', () => {
  it('escapes pipes, backticks, emphasis, links and HTML, and shows CR/LF', () => {
    expect(markdownInline('a|b`c*d_e[f](g)<h>&i\r\n')).toBe('a\\|b\\`c\\*d\\_e\\[f\\](g)&lt;h&gt;&amp;i\\\\r\\\\n');
  });

  it('a code fence is longer than any backtick run inside', () => {
    expect(markdownCodeBlock('a ``` b ```` c')).toBe('`````\na ``` b ```` c\n`````');
    expect(markdownCodeBlock('plain', 'sh')).toBe('```sh\nplain\n```');
  });
});
