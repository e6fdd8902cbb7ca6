/**
 * describeConformance inside vitest: the reference passes (these very tests),
 * and a broken adapter's run fails on its requirement with the CLI's titles.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import referenceAdapter from '../../conformance/adapter/reference-adapter.ts';
import { describeConformance } from '../../conformance/vitest.ts';
import { ROOT } from './cli-helpers.ts';

describeConformance(referenceAdapter, { runs: 25, seed: 9, level: 'should', only: ['SSE-00?', 'HDR-*', 'CLOSE-002'], profiles: ['in-process'] });

describe('describeConformance with a broken adapter', () => {
  it('fails the test of the broken requirement, titled [ID] title, and passes the others', async () => {
    const vitest = `${ROOT}node_modules/vitest/vitest.mjs`;
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [vitest, 'run', '--config', 'test/conformance/fixtures/vitest/vitest.config.ts', '--reporter', 'verbose'], {
        cwd: ROOT,
        env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('error', reject);
      child.on('close', (exitCode) => resolve({ code: exitCode, output: text }));
    });
    expect(code, output).toBe(1);
    expect(output).toMatch(/×.*\[SSE-006\]/);
    expect(output).toMatch(/✓.*\[SSE-002\]/);
    expect(output).toMatch(/replay: seed 4/);
  }, 120_000);
});
