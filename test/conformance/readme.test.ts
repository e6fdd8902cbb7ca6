/**
 * The README's claims that a test can hold it to: its two set-up commands are
 * the package's scripts and the test command CI runs; its flag table is the
 * CLI's flags; its exit codes are the ones the CLI uses; the requirement
 * counts it leaves to the spec are not typed into it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RUN_OPTIONS } from '../../conformance/cli/run-command.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

/** The text of the README section whose heading is `heading`, to the next heading of its level or above. */
function section(heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, `README has a section "${heading}"`).toBeGreaterThan(-1);
  const level = /^#+/.exec(heading)![0].length;
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end === -1 ? rest : rest.slice(0, end);
}

describe('README', () => {
  it('set-up: the main job and the tests are npm scripts, and CI runs the same test command', () => {
    const setUp = section('## Set-up: two commands');
    const block = /```sh\n([\s\S]*?)```/.exec(setUp)![1]!;
    const commands = block.split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
    expect(commands).toEqual(['npm install && npm run conformance', 'npm test']);
    expect(packageJson.scripts.conformance).toContain('run --adapter reference');
    expect(packageJson.scripts.test).toBeDefined();
    const ci = read('.ci/run').trim().split('\n');
    expect(ci.at(-1)).toBe('npm test');
  });

  it('the flag table of "2. Run the suite" lists exactly the flags streamconform run takes', () => {
    const table = section('### 2. Run the suite');
    const documented = new Set([...table.matchAll(/^\| `(--[a-z-]+)/gm), ...table.matchAll(/^\| `--[a-z-]+[^|]*` \/ `(--[a-z-]+)/gm)].map((match) => match[1]!));
    const accepted = Object.keys(RUN_OPTIONS)
      .filter((name) => name !== 'help')
      .map((name) => `--${name}`);
    expect([...documented].sort()).toEqual(accepted.sort());
  });

  it('the exit codes it lists are 0, 1, 2 and 3, each explained', () => {
    const paragraph = /Exit codes:([\s\S]*?)\n\n/.exec(readme)![1]!;
    expect([...paragraph.matchAll(/\*\*(\d)\*\*/g)].map((match) => match[1])).toEqual(['0', '1', '2', '3']);
  });

  it('types no requirement count (the spec derives them from the registry)', () => {
    expect(readme).not.toMatch(/\b\d{2,3} requirements\b/);
  });
});
