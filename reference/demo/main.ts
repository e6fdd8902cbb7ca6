/**
 * `npm start`: serves every example of the guide on 127.0.0.1:3000.
 *
 *   tsx reference/demo/main.ts [--port N] [--hostname H] [--delay-scale X]
 *
 * Exit 2 for a bad flag or a port in use (a message, never a stack trace).
 */
import { serve } from '../index.ts';
import { createDemoApp, DEMO_PATHS } from './app.ts';
import { parseDemoFlags, USAGE, type DemoFlags } from './flags.ts';

async function main(): Promise<void> {
  let flags: DemoFlags | 'help';
  try {
    flags = parseDemoFlags(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (flags === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { port, hostname, delayScale } = flags;
  let server;
  try {
    server = await serve(createDemoApp({ delayScale }), { port, hostname });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      process.stderr.write(`port ${port} is already in use on ${hostname}; pass --port <n>\n`);
    } else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') {
      process.stderr.write(`cannot listen on ${hostname}:${port} (${code}); pass --hostname <h> or --port <n>\n`);
    } else {
      throw error;
    }
    process.exit(2);
  }
  process.stdout.write(`streamconform demo (the guide's examples) at ${server.url}/\n`);
  process.stdout.write(`paths: ${DEMO_PATHS.join(' ')}  (POST /chat/:room/send)\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
