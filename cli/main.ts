/**
 * `streamconform <command>`: the CLI's entry. Each command lives in its own
 * module and returns its exit code (0 pass, 1 failures, 2 usage or load error).
 */
import { UsageError } from '../conformance/cli/usage-error.ts';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ main(argv: string[]): Promise<number> }> }> = {
  run: { summary: 'run the conformance suite against one or more adapters', load: () => import('../conformance/cli/run-command.ts') },
  soak: { summary: 'run the suite N times on fresh seeds and report the pass rate (flaky checks, flaky implementations)', load: () => import('../conformance/cli/soak.ts') },
  spec: { summary: 'print (or --write) docs/spec.md from the requirement registry', load: () => import('../conformance/cli/spec-command.ts') },
  load: { summary: 'load testing with k6: `load serve`, `load run`, `load report`', load: () => import('../load/cli.ts') },
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(6)} ${command.summary}`);
  return [
    'usage: streamconform <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'Run `streamconform <command> --help` for its options.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const { version } = await import('../conformance/cli/version.ts');
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`streamconform: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  try {
    const module = await command.load();
    return await module.main(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`streamconform ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
