/** The guide's Chunked Transfer Encoding: `/stream/chunked` (an array) and `/stream/manual-chunks` (writeChunk on a manual stream). */
import type { App } from '../../index.ts';
import type { ExampleContext } from './context.ts';

export function chunkedTransfer(app: App, { scaled, inBackground }: ExampleContext): void {
  // Chunked Transfer Encoding › Array-Based Chunking
  app.get('/stream/chunked', async (ctx) => {
    const chunks = [
      'First chunk of data',
      { message: 'JSON data chunk', timestamp: Date.now() },
      'Final text chunk'
    ];

    return ctx.chunkedResponse(chunks, {
      encoding: 'utf-8',
      headers: {
        'X-Transfer-Type': 'chunked'
      }
    });
  });

  // Chunked Transfer Encoding › Manual Chunked Streaming
  app.get('/stream/manual-chunks', async (ctx) => {
    const stream = await ctx.createStream({
      contentType: 'application/json'
    });

    // guide: the loop runs in the background (see the note at the top of app.ts)
    inBackground(stream, ctx.req, async () => {
      // Process data in chunks
      const data = Array.from({ length: 100 }, (_, i) => ({ id: i, value: Math.random() }));
      const chunkSize = 10;

      for (let i = 0; i < data.length; i += chunkSize) {
        const chunk = data.slice(i, i + chunkSize);
        stream.writeChunk({
          chunk: i / chunkSize + 1,
          total: Math.ceil(data.length / chunkSize),
          data: chunk
        });

        await new Promise(resolve => setTimeout(resolve, scaled(100)));
      }

      stream.close();
    });
    return stream.response;
  });
}
