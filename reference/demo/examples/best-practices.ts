/** The guide's Best Practices: error handling (`/stream/safe`), memory management (`/stream/large-data`), client disconnection (`/stream/resilient`), performance optimization (`/stream/optimized`). */
import { StreamClosedError, type App } from '../../index.ts';
import type { ExampleContext } from './context.ts';

export function bestPractices(app: App, { scaled, inBackground }: ExampleContext): void {
  // Best Practices › 1. Error Handling
  app.get('/stream/safe', async (ctx) => {
    const stream = await ctx.createStream();
    // guide: "some condition" is `?fail=N`: step N throws
    const failAt = Number(ctx.query.get('fail') ?? Number.NaN);

    // guide: the loop runs in the background (see the note at the top of app.ts)
    inBackground(stream, ctx.req, async () => {
      try {
        for (let i = 0; i < 10; i++) {
          if (i === failAt) {
            throw new Error('Processing failed');
          }
          stream.write(`Data ${i}\n`);
          await new Promise(resolve => setTimeout(resolve, scaled(1000)));
        }
        stream.close();
      } catch (error) {
        if (error instanceof StreamClosedError) return; // guide: the client went away; nothing to tell it
        stream.write(`Error: ${(error as Error).message}\n`); // guide: `error` is unknown in strict TypeScript
        stream.close();
      }
    });

    return stream.response;
  });

  // Best Practices › 2. Memory Management
  // guide: `totalRecords` and `fetchDataBatch` are not defined in the guide; a simulated source stands in
  const totalRecords = 10_000;
  async function fetchDataBatch(offset: number, size: number) {
    await new Promise(resolve => setTimeout(resolve, scaled(10)));
    return Array.from({ length: Math.min(size, totalRecords - offset) }, (_, i) => ({ id: offset + i, name: `record-${offset + i}` }));
  }
  app.get('/stream/large-data', async (ctx) => {
    const stream = await ctx.createStream({
      bufferSize: 64 * 1024 // 64KB buffer
    });

    // guide: the loop runs in the background (see the note at the top of app.ts)
    inBackground(stream, ctx.req, async () => {
      // Process large dataset in chunks
      const batchSize = 1000;
      let offset = 0;

      while (offset < totalRecords) {
        const batch = await fetchDataBatch(offset, batchSize);

        for (const record of batch) {
          stream.write(JSON.stringify(record) + '\n');
        }

        offset += batchSize;

        // Allow other operations to run
        await new Promise(resolve => setImmediate(resolve));
        await stream.ready; // guide: wait for the client to take what is queued, so bufferSize bounds memory
      }

      stream.close();
    });
    return stream.response;
  });

  // Best Practices › 3. Client Disconnection
  app.get('/stream/resilient', async (ctx) => {
    const stream = await ctx.createStream();
    let isActive = true;

    // Cleanup function
    const cleanup = () => {
      isActive = false;
      stream.close();
    };

    // Monitor stream state (if supported by runtime)
    ctx.req.signal?.addEventListener('abort', cleanup);

    // guide: the loop runs in the background (see the note at the top of app.ts); as written it never returns
    inBackground(stream, ctx.req, async () => {
      try {
        while (isActive) {
          stream.write(`Heartbeat: ${Date.now()}\n`);
          await new Promise(resolve => setTimeout(resolve, scaled(5000)));
        }
      } catch (error) {
        console.error('Stream error:', error);
      } finally {
        cleanup();
      }
    });

    return stream.response;
  });

  // Best Practices › 4. Performance Optimization
  // guide: `largeDataSet` is not defined in the guide; a generated one stands in
  const largeDataSet = Array.from({ length: 5000 }, (_, i) => ({ id: i, value: (i * 7919) % 1000, label: `item-${i}` }));
  app.get('/stream/optimized', async (ctx) => {
    const stream = await ctx.createStream({
      contentType: 'application/json',
      bufferSize: 128 * 1024, // Larger buffer for better performance
      flushInterval: scaled(100) // Auto-flush every 100ms
    });

    // guide: the loop runs in the background (see the note at the top of app.ts)
    inBackground(stream, ctx.req, async () => {
      // Use efficient serialization
      const encoder = new TextEncoder();
      let counter = 0; // guide: `counter` is not defined in the guide; it counts the items

      for (const item of largeDataSet) {
        // Pre-encode for better performance
        const jsonString = JSON.stringify(item) + '\n';
        const encoded = encoder.encode(jsonString);
        stream.write(encoded);

        // Yield control periodically
        if (++counter % 100 === 0) {
          await new Promise(resolve => setImmediate(resolve));
        }
      }

      stream.close();
    });
    return stream.response;
  });
}
