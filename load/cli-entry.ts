/**
 * A process entry for `streamconform load ...` (tests and `load run`'s target
 * process spawn it with tsx): `tsx load/cli-entry.ts serve --adapter reference`.
 */
import { main } from './cli.ts';

process.exitCode = await main(process.argv.slice(2));
