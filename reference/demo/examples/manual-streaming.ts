/** The guide's Manual Streaming › Basic Usage: `/stream/manual`. */
import type { App } from '../../index.ts';
import type { ExampleContext } from './context.ts';

export function manualStreaming(app: App, { scaled, inBackground }: ExampleContext): void {
  // Manual Streaming › Basic Usage
  app.get('/stream/manual', async (ctx) => {
    const stream = await ctx.createStream({
      contentType: 'text/plain; charset=utf-8',
      headers: {
        'X-Stream-Type': 'manual'
      }
    });

    // guide: the loop runs in the background (see the note at the top of app.ts)
    inBackground(stream, ctx.req, async () => {
      // Send data incrementally
      stream.write('Starting process...\n');

      for (let i = 1; i <= 5; i++) {
        await new Promise(resolve => setTimeout(resolve, scaled(1000)));
        stream.write(`Step ${i} completed\n`);
      }

      stream.write('Process finished!\n');
      stream.close();
    });

    return stream.response;
  });
}
