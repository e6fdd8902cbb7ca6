/**
 * Conforming variants of the SSE and HDR areas (`test/variants/sse-*.ts`,
 * `hdr-*.ts`): implementations that differ from the reference where the
 * spec allows — fields without the space, CRLF line ends, fields after the
 * data, retry in the first event, an opening comment, a Cache-Control list,
 * normalized media types, a body that errors while every header is right.
 * Each must really differ from the reference (on a few fixed calls), and
 * must pass every requirement of its area at level must: a check that fails
 * one of them is a false alarm.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../../conformance/adapter/load.ts';
import { readBody } from '../../conformance/drive/body.ts';
import { escapeBytes } from '../../conformance/bytes/escape.ts';
import { exchange } from '../../conformance/drive/exchange.ts';
import type { Context, ResolvedAdapter } from '../../conformance/adapter/under-test.ts';
import { runConformance } from '../../conformance/suite/run-suite.ts';
import { requirements } from '../../conformance/requirements/index.ts';

const DIR = fileURLToPath(new URL('./', import.meta.url));
const files = readdirSync(DIR)
  .filter((file) => /^(sse|hdr)-.*\.ts$/.test(file) && !file.endsWith('.test.ts'))
  .sort();

/** A few fixed calls whose answers (status, headers, body) show how an implementation differs. */
const probes: Array<[string, (c: Context) => unknown]> = [
  [
    'writeSSE and writeComment',
    async (c) => {
      const stream = await c.createStream({ contentType: 'text/event-stream' });
      stream.writeSSE('a', { event: 'e', id: '1', retry: 5 });
      stream.writeComment?.('c');
      stream.close();
      return stream.response;
    },
  ],
  ['sseResponse', (c) => c.sseResponse(['a', 'b'], { retry: 5, event: 'e' })],
  [
    'createStream with a media type',
    async (c) => {
      const stream = await c.createStream({ contentType: 'Text/HTML; charset=UTF-8' });
      stream.write('x');
      stream.close();
      return stream.response;
    },
  ],
  ['streamResponse', (c) => c.streamResponse(['x'])],
];

async function fingerprint(adapter: ResolvedAdapter): Promise<string[]> {
  const prints: string[] = [];
  for (const [name, handler] of probes) {
    const { response } = await exchange(adapter, handler);
    const body = await readBody(response, { timeoutMs: 2000 });
    const headers = [...response.headers].map(([key, value]) => `${key}: ${value}`).join('; ');
    prints.push(`${name}: ${response.status} [${headers}] ${escapeBytes(body.bytes)} (${body.end})`);
  }
  return prints;
}

describe('conforming variants of the SSE and HDR areas', () => {
  it('there are some of each', () => {
    expect(files.filter((file) => file.startsWith('sse-')).length).toBeGreaterThanOrEqual(5);
    expect(files.filter((file) => file.startsWith('hdr-')).length).toBeGreaterThanOrEqual(2);
  });

  for (const file of files) {
    const area = file.startsWith('sse-') ? 'SSE' : 'HDR';
    it(`${file} differs from the reference and passes every MUST of ${area}`, async () => {
      const path = join(DIR, file);
      const module = (await import(pathToFileURL(path).href)) as { departs?: unknown };
      expect(typeof module.departs === 'string' && module.departs.length > 20, `${file} says how it departs (export const departs)`).toBe(true);

      const adapter = await loadAdapter(path);
      const reference = await loadAdapter('reference');
      expect(await fingerprint(adapter), `${file} must differ from the reference somewhere`).not.toEqual(await fingerprint(reference));

      const report = await runConformance([adapter], { seed: 1, runs: 30, level: 'must', only: [`${area}-*`], profiles: ['in-process'], timeoutMs: 15_000 });
      const results = report.adapters[0]!.requirements.filter((result) => result.id.startsWith(`${area}-`));
      const musts = requirements.filter((requirement) => requirement.id.startsWith(`${area}-`) && requirement.level === 'MUST' && requirement.profile === 'in-process');
      expect(musts.length).toBeGreaterThan(0);
      const failed = results.filter((result) => result.status === 'fail');
      expect(failed.map((result) => `${result.id}: ${result.message}`), `${file} (${module.departs as string})`).toEqual([]);
      for (const requirement of musts) {
        expect(results.find((result) => result.id === requirement.id)?.status, `${file}: ${requirement.id}`).toBe('pass');
      }
    });
  }
});
