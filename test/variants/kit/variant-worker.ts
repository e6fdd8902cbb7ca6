/**
 * A child process that runs variants one after the other as the parent
 * (`variant-suite.ts`) hands them out: a few of these at once overlap the
 * runs' waiting (sockets, reconnection delays) while each pays for loading
 * the suite once.
 */
import { runMusts, type WorkerAnswer, type WorkerRequest } from './run-variant.ts';

function send(answer: WorkerAnswer): Promise<void> {
  return new Promise((resolve) => process.send!(answer, undefined, undefined, () => resolve()));
}

process.on('message', async (request: WorkerRequest) => {
  if (request.type === 'exit') {
    process.disconnect();
    // Servers or timers an adapter left behind must not keep this child alive.
    setTimeout(() => process.exit(0), 200).unref();
    return;
  }
  try {
    await send({ type: 'result', index: request.index, run: await runMusts(request.spec, request.profiles, request.areas) });
  } catch (error) {
    await send({ type: 'error', index: request.index, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
