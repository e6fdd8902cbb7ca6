/** The demo's command line: `--port N`, `--hostname H`, `--delay-scale X`. */
import { parseArgs } from 'node:util';

/** Shown after a usage error and for `--help`. */
export const USAGE = `usage: tsx reference/demo/main.ts [--port N] [--hostname H] [--delay-scale X]
  --port N          port to listen on, 0-65535 (default 3000; 0 picks a free one)
  --hostname H      address to bind (default 127.0.0.1)
  --delay-scale X   multiply every delay of the guide by X > 0 (default 1; 0.05 runs the demo in seconds)
  --help            show this text`;

/** Parsed command line. */
export interface DemoFlags {
  port: number;
  hostname: string;
  delayScale: number;
}

/** A flag the demo cannot use; the message names it. */
export class DemoUsageError extends Error {
  override name = 'DemoUsageError';
  readonly code = 'DEMO_USAGE';
}

/** Parses the demo's flags. @throws {@link DemoUsageError} */
export function parseDemoFlags(argv: string[]): DemoFlags | 'help' {
  let values: { port?: string; hostname?: string; 'delay-scale'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        hostname: { type: 'string' },
        'delay-scale': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new DemoUsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const port = values.port === undefined ? 3000 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '3000') || !Number.isInteger(port) || port > 65535) {
    throw new DemoUsageError(`--port must be an integer from 0 to 65535; got ${JSON.stringify(values.port)}`);
  }
  const hostname = values.hostname ?? '127.0.0.1';
  if (hostname === '') throw new DemoUsageError('--hostname must not be empty');
  const delayScale = values['delay-scale'] === undefined ? 1 : Number(values['delay-scale']);
  if (values['delay-scale']?.trim() === '' || !Number.isFinite(delayScale) || delayScale <= 0) {
    throw new DemoUsageError(`--delay-scale must be a number > 0; got ${JSON.stringify(values['delay-scale'])}`);
  }
  return { port, hostname, delayScale };
}
