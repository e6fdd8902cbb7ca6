/** The guide's Async Generator Streaming: `/stream/generator` (text) and `/stream/binary-generator` (bytes). */
import type { App } from '../../index.ts';
import type { ExampleContext } from './context.ts';

export function generatorStreaming(app: App, { scaled }: ExampleContext): void {
  // Async Generator Streaming › Basic Generator Streaming
  app.get('/stream/generator', async (ctx) => {
    async function* dataGenerator() {
      for (let i = 1; i <= 10; i++) {
        yield `Data chunk ${i}: ${Math.random().toFixed(4)}\n`;
        await new Promise(resolve => setTimeout(resolve, scaled(500)));
      }
      yield 'Stream completed!\n';
    }

    return ctx.streamResponse(dataGenerator(), {
      contentType: 'text/plain; charset=utf-8',
      headers: {
        'X-Generated-Stream': 'true'
      }
    });
  });

  // Async Generator Streaming › Binary Generator Streaming
  app.get('/stream/binary-generator', async (ctx) => {
    async function* binaryGenerator() {
      for (let i = 0; i < 5; i++) {
        const buffer = new Uint8Array(1024);
        crypto.getRandomValues(buffer);
        yield buffer;
        await new Promise(resolve => setTimeout(resolve, scaled(200)));
      }
    }

    return ctx.streamResponse(binaryGenerator(), {
      contentType: 'application/octet-stream',
      headers: {
        'Content-Disposition': 'attachment; filename="data.bin"'
      }
    });
  });
}
