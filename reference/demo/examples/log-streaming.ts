/** The guide's Examples › Log Streaming: `/logs/live`. */
import type { App } from '../../index.ts';
import { createSimulatedLogSource } from '../simulated-log-source.ts';
import type { ExampleContext } from './context.ts';

export function logStreaming(app: App, { scaled }: ExampleContext): void {
  // Examples › Log Streaming
  app.get('/logs/live', async (ctx) => {
    const stream = await ctx.createStream({
      contentType: 'text/plain; charset=utf-8'
    });

    // Watch log file or connect to log source
    // guide: `watchLogFile` is not defined in the guide; a simulated source emits a line every second
    const logWatcher = createSimulatedLogSource('/var/log/app.log', scaled(1000));

    logWatcher.on('line', (line) => {
      stream.write(line + '\n');
    });

    logWatcher.on('error', (error) => {
      stream.write(`[ERROR] Log watcher error: ${error.message}\n`);
      stream.close();
    });

    // Cleanup
    ctx.req.signal?.addEventListener('abort', () => {
      logWatcher.stop();
      stream.close();
    });
    void stream.closed.then(() => logWatcher.stop()); // guide: also stop when the body is cancelled without a request abort

    return stream.response;
  });
}
