/**
 * `streamconform load run`: without k6 on PATH it exits 2 with install
 * instructions; with a FAKE k6 first on PATH (it copies real k6 output to the
 * paths it is given, prints the real console, and holds a stream open on the
 * target until the runner has sampled /metrics) the whole pipeline runs:
 * target process, k6 arguments, /metrics sampling, summary collection, reports.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../load/cli.ts';
import { parseServerSamples } from '../../reports/load/index.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

function capture() {
  let out = '';
  let err = '';
  return { io: { stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t) }, out: () => out, err: () => err };
}

/** A fake `k6` executable in a fresh folder; returns the folder (put it first on PATH). */
function fakeK6(fixtureSet: '' | 'thresholds-failed/', exitCode: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-k6-'));
  const script = join(dir, 'fake-k6.mjs');
  writeFileSync(
    script,
    `
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
const args = process.argv.slice(2);
const value = (flag) => args[args.indexOf(flag) + 1];
const env = Object.fromEntries(args.flatMap((a, i) => (args[i - 1] === '-e' ? [a.split(/=(.*)/s).slice(0, 2)] : [])));
const fixtures = ${JSON.stringify(FIXTURES)};
writeFileSync(env.OUT_DIR + '/fake-k6-args.json', JSON.stringify(args));
// Hold a stream open on the target until the runner has sampled /metrics twice meanwhile.
const controller = new AbortController();
const stream = await fetch(env.BASE_URL + '/sse?count=100000&interval=20&size=1', { signal: controller.signal });
await stream.body.getReader().read();
let own = 0;
const poll = async () => { own += 1; return (await (await fetch(env.BASE_URL + '/metrics')).json()).metricsRequests; };
const atOpen = await poll();
const deadline = Date.now() + 20000;
while ((await poll()) - atOpen - (own - 1) < 2) {
  if (Date.now() > deadline) { console.error('fake k6: the runner never sampled /metrics'); process.exit(3); }
  await new Promise((r) => setTimeout(r, 20));
}
controller.abort();
copyFileSync(fixtures + '/${fixtureSet}summary-export.json', value('--summary-export'));
copyFileSync(fixtures + '/${fixtureSet}summary.json', env.OUT_DIR + '/summary.json');
copyFileSync(fixtures + '/metrics.ndjson', value('--out').slice('json='.length));
process.stdout.write(readFileSync(fixtures + '/${fixtureSet}run-stdout.txt', 'utf8'));
process.exit(${exitCode});
`,
  );
  const k6 = join(dir, 'k6');
  writeFileSync(k6, `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`);
  chmodSync(k6, 0o755);
  return dir;
}

/** The environment without STREAMCONFORM_K6 (CI sets it; it would win over the PATH these tests set). */
function envWithoutK6Var(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.STREAMCONFORM_K6;
  return env;
}

const withPath = (dir: string): NodeJS.ProcessEnv => ({ ...envWithoutK6Var(), PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` });

describe('streamconform load run', () => {
  it('exits 2 with install instructions when STREAMCONFORM_K6 is unset and k6 is not on PATH', async () => {
    const output = capture();
    const empty = mkdtempSync(join(tmpdir(), 'no-k6-'));
    const exit = await main(['run', '--adapter', 'reference', '--scenario', 'sse', '--profile', 'smoke'], {
      io: output.io,
      env: { ...envWithoutK6Var(), PATH: empty },
    });
    expect(exit).toBe(2);
    expect(output.err()).toContain('k6 was not found: STREAMCONFORM_K6 is not set and there is no k6 on PATH.\nInstall it: https://grafana.com/docs/k6/latest/set-up/install-k6/');
    expect(output.err()).toContain('STREAMCONFORM_K6=/path/to/k6');
  });

  it('exits 2 naming STREAMCONFORM_K6 when it names no executable (it does not fall back to PATH)', async () => {
    const output = capture();
    const missing = join(mkdtempSync(join(tmpdir(), 'no-k6-')), 'k6');
    const exit = await main(['run', '--adapter', 'reference', '--scenario', 'sse', '--profile', 'smoke'], {
      io: output.io,
      env: { ...withPath(fakeK6('', 0)), STREAMCONFORM_K6: missing },
    });
    expect(exit).toBe(2);
    expect(output.err()).toContain(`STREAMCONFORM_K6=${missing} is not an executable file`);
  });

  it('uses STREAMCONFORM_K6 before k6 on PATH, and says which k6 it runs', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'load-run-'));
    const output = capture();
    const empty = mkdtempSync(join(tmpdir(), 'no-k6-'));
    const named = join(fakeK6('', 0), 'k6');
    const exit = await main(
      ['run', '--adapter', 'reference', '--scenario', 'sse', '--profile', 'smoke', '--report-dir', reportDir, '--sample-interval', '50'],
      { io: output.io, env: { ...process.env, PATH: `${empty}${delimiter}${process.env.PATH ?? ''}`, STREAMCONFORM_K6: named } },
    );
    expect(exit, output.err()).toBe(0);
    expect(output.out()).toContain(`k6 ${named} (from STREAMCONFORM_K6)`);
    expect(existsSync(join(reportDir, 'load-run', 'fake-k6-args.json'))).toBe(true);
  });

  it('runs the pipeline end to end with a fake k6: target, sampling, summaries, reports (exit 0)', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'load-run-'));
    const output = capture();
    const exit = await main(
      ['run', '--adapter', 'reference', '--scenario', 'sse', '--profile', 'smoke', '--report-dir', reportDir, '--sample-interval', '50'],
      { io: output.io, env: withPath(fakeK6('', 0)) },
    );
    expect(exit, output.err()).toBe(0);
    // k6 got the summary, the --out json stream, the script and the environment
    const args = JSON.parse(readFileSync(join(reportDir, 'load-run', 'fake-k6-args.json'), 'utf8')) as string[];
    expect(args[0]).toBe('run');
    expect(args).toContain(`json=${join(reportDir, 'load-run', 'metrics.ndjson')}`);
    expect(args).toContain('SCENARIO=sse');
    expect(args).toContain('PROFILE=smoke');
    expect(args.find((a) => a.startsWith('BASE_URL='))).toMatch(/^BASE_URL=http:\/\/127\.0\.0\.1:\d+$/);
    expect(args.at(-1)).toMatch(/load[/\\]k6[/\\]main\.ts$/);
    // k6's console went through
    expect(output.out()).toContain('http_reqs=462 failed_rate=0 checks_rate=1');
    // the runner sampled the target's /metrics while the stream was open, in the target's own process
    const samples = parseServerSamples(readFileSync(join(reportDir, 'load-run', 'server-metrics.ndjson'), 'utf8'), 'server-metrics.ndjson');
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...samples.map((s) => s.streams.open))).toBe(1);
    expect(samples.at(-1)!.streams.opened).toBe(1);
    // reports from the handleSummary JSON, with the timeline and the server panel
    const html = readFileSync(join(reportDir, 'load.html'), 'utf8');
    expect(html).toContain('<span class="verdict pass">PASS</span>');
    expect(html).toContain('handleSummary() JSON');
    expect(html).toContain('Server memory');
    expect(html).toContain('Requests per second');
    expect(html).toMatch(/scenario <code>sse<\/code> · profile <code>smoke<\/code>/);
    const markdown = readFileSync(join(reportDir, 'load.md'), 'utf8');
    expect(markdown).toContain('Reproduce: `npx streamconform load run --adapter reference --scenario sse --profile smoke`');
    expect(markdown).toContain('### Server');
  });

  it('exits 1 when k6 reports crossed thresholds (exit 99), and the report names them', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'load-run-'));
    const output = capture();
    const exit = await main(
      ['run', '--adapter', 'reference', '--scenario', 'all', '--profile', 'load', '--report-dir', reportDir, '--sample-interval', '50'],
      { io: output.io, env: withPath(fakeK6('thresholds-failed/', 99)) },
    );
    expect(exit).toBe(1);
    expect(output.err()).toContain('threshold crossed: http_req_waiting p(95)<500');
    const markdown = readFileSync(join(reportDir, 'load.md'), 'utf8');
    expect(markdown).toContain('## ❌ FAIL');
    expect(markdown).toContain('k6 exit code 99');
  });

  it('exits 2 naming an unreachable target', async () => {
    const output = capture();
    const reportDir = mkdtempSync(join(tmpdir(), 'load-run-'));
    // a port that was free a moment ago: nothing listens there
    const probe = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const exit = await main(['run', '--target', `http://127.0.0.1:${port}`, '--scenario', 'sse', '--profile', 'smoke', '--report-dir', reportDir], {
      io: output.io,
      env: withPath(fakeK6('', 0)),
    });
    expect(exit).toBe(2);
    expect(output.err()).toContain(`cannot reach the load target at http://127.0.0.1:${port}: ECONNREFUSED`);
    expect(existsSync(join(reportDir, 'load.html'))).toBe(false);
  });

  it('exits 2 when the adapter cannot be loaded, naming the file', async () => {
    const output = capture();
    const exit = await main(['run', '--adapter', './nowhere/adapter.ts', '--scenario', 'sse', '--profile', 'smoke'], {
      io: output.io,
      env: withPath(fakeK6('', 0)),
    });
    expect(exit).toBe(2);
    expect(output.err()).toContain('the load target exited (code 2) before listening');
    expect(output.err()).toContain('./nowhere/adapter.ts: no such file');
  });

  it.each([
    [['--adapter', 'reference', '--scenario', 'nope', '--profile', 'smoke'], '--scenario "nope" is unknown'],
    [['--adapter', 'reference', '--scenario', 'sse'], '--profile is required'],
    [['--adapter', 'reference', '--target', 'http://127.0.0.1:9', '--scenario', 'sse', '--profile', 'smoke'], 'give exactly one of --adapter'],
    [['--adapter', 'reference', '--scenario', 'sse', '--profile', 'smoke', '--sample-interval', 'fast'], '--sample-interval "fast" must be an integer'],
    [['--adapter', 'reference', '--scenario', 'sse', '--profile', 'smoke', '--tolerance', '5%'], '--tolerance needs --baseline FILE'],
    [['--adapter', 'reference', '--scenario', 'sse', '--profile', 'smoke', '--vus', '5'], "Unknown option '--vus'"],
  ])('exits 2 for %j naming the flag', async (argv, message) => {
    const output = capture();
    expect(await main(['run', ...argv], { io: output.io })).toBe(2);
    expect(output.err()).toContain(message);
  });
});
