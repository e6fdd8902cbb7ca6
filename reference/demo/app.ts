/**
 * Every example of the guide (`seed/streaming-guide.md`) at its own path,
 * written as close to the guide as possible. Where the guide cannot work as
 * written, the change is minimal and marked `// guide: ...`.
 *
 * Changes made everywhere:
 * - guide: every delay is multiplied by `delayScale` (`scaled(1000)`), so
 *   `--delay-scale 0.05` runs the demo in seconds.
 * - guide: the manual-stream examples write in a loop *before*
 *   `return stream.response`, so nothing reaches the client until the loop
 *   ends (and `/stream/resilient` never returns at all). Here the loop runs in
 *   the background (`inBackground`) after the response is returned, which is
 *   what streaming is for; a write that finds the client gone ends the loop.
 */
import { createApp, StreamClosedError, type App, type AppOptions, type ManualStream } from '../index.ts';
import { BROWSER_TEST_PAGE, htmlResponse, SSE_CLIENT_PAGE } from './pages.ts';
import { createSimulatedLogSource } from './simulated-log-source.ts';

/** Options of {@link createDemoApp}. */
export interface DemoOptions {
  /** Multiplies every delay of the guide (default 1). */
  delayScale?: number;
  /** Passed to `createApp` (default: `console.error`). */
  onError?: AppOptions['onError'];
}

/** The paths the demo serves (GET), for the startup banner and tests. */
export const DEMO_PATHS = [
  '/',
  '/sse-client',
  '/stream/manual',
  '/stream/generator',
  '/stream/binary-generator',
  '/stream/chunked',
  '/stream/manual-chunks',
  '/stream/sse',
  '/stream/custom-sse',
  '/stream/safe',
  '/stream/large-data',
  '/stream/resilient',
  '/stream/optimized',
  '/chat/:room',
  '/task/:id/progress',
  '/logs/live',
] as const;

/** An app serving the guide's examples. */
export function createDemoApp(options: DemoOptions = {}): App {
  const delayScale = options.delayScale ?? 1;
  const scaled = (ms: number): number => ms * delayScale;
  const app = createApp(options.onError === undefined ? {} : { onError: options.onError });
  const reportError = options.onError ?? ((error: unknown) => console.error(error));

  /** Runs a writer loop after the response is returned; a client that went away just ends it. */
  function inBackground(stream: ManualStream, request: Request, task: () => Promise<void>): void {
    task().catch((error: unknown) => {
      if (error instanceof StreamClosedError) return;
      reportError(error, { request, phase: 'stream' });
      stream.error(error);
    });
  }

  app.get('/', () => htmlResponse(BROWSER_TEST_PAGE));
  app.get('/sse-client', () => htmlResponse(SSE_CLIENT_PAGE));

  // Manual Streaming › Basic Usage
  app.get('/stream/manual', async (ctx) => {
    const stream = await ctx.createStream({
      contentType: 'text/plain; charset=utf-8',
      headers: {
        'X-Stream-Type': 'manual'
      }
    });

    // guide: the loop runs in the background (see the note at the top)
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

    // guide: the loop runs in the background (see the note at the top)
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

  // Server-Sent Events › Basic SSE
  app.get('/stream/sse', async (ctx) => {
    async function* eventGenerator() {
      for (let i = 1; i <= 10; i++) {
        yield {
          id: i,
          message: `Event ${i}`,
          timestamp: new Date().toISOString(),
          data: Math.random() * 100
        };
        await new Promise(resolve => setTimeout(resolve, scaled(1000)));
      }
    }

    return ctx.sseResponse(eventGenerator(), {
      retry: 3000, // Reconnection time in milliseconds
      headers: {
        'X-SSE-Stream': 'events'
      }
    });
  });

  // Server-Sent Events › Custom SSE Events
  app.get('/stream/custom-sse', async (ctx) => {
    const stream = await ctx.createStream({
      contentType: 'text/event-stream',
      headers: {
        'Cache-Control': 'no-cache',
        'Access-Control-Allow-Origin': '*'
      }
    });

    // Send different event types
    stream.writeSSE({ status: 'connected' }, {
      event: 'connection',
      id: 'conn-1'
    });

    stream.writeSSE({ message: 'Hello from server!' }, {
      event: 'greeting',
      id: 'msg-1'
    });

    stream.writeSSE({ progress: 100, status: 'complete' }, {
      event: 'progress',
      id: 'prog-1'
    });

    // Close after 10 seconds
    setTimeout(() => {
      // guide: a client gone before the timer fires makes writeSSE throw; don't crash the server
      if (stream.state !== 'open') return;
      stream.writeSSE({ status: 'disconnected' }, {
        event: 'connection',
        id: 'conn-2'
      });
      stream.close();
    }, scaled(10000));

    return stream.response;
  });

  // Best Practices › 1. Error Handling
  app.get('/stream/safe', async (ctx) => {
    const stream = await ctx.createStream();
    // guide: "some condition" is `?fail=N`: step N throws
    const failAt = Number(ctx.query.get('fail') ?? Number.NaN);

    // guide: the loop runs in the background (see the note at the top)
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

    // guide: the loop runs in the background (see the note at the top)
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

    // guide: the loop runs in the background (see the note at the top); as written it never returns
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

    // guide: the loop runs in the background (see the note at the top)
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

  // Examples › Real-time Chat
  // In-memory chat rooms (for demo purposes)
  // guide: the set holds the streams themselves, so it is typed Set<ManualStream> (not WritableStreamDefaultWriter)
  const chatRooms = new Map<string, Set<ManualStream>>();

  app.get('/chat/:room', async (ctx) => {
    const room = ctx.params.room!;
    const stream = await ctx.createStream({
      contentType: 'text/event-stream'
    });

    // Add client to room
    if (!chatRooms.has(room)) {
      chatRooms.set(room, new Set());
    }
    chatRooms.get(room)!.add(stream);

    // Send welcome message
    stream.writeSSE({
      type: 'welcome',
      message: `Welcome to room ${room}`,
      timestamp: Date.now()
    }, { event: 'message' });

    // Cleanup on disconnect
    ctx.req.signal?.addEventListener('abort', () => {
      chatRooms.get(room)?.delete(stream);
      stream.close();
    });

    return stream.response;
  });

  app.post('/chat/:room/send', async (ctx) => {
    const room = ctx.params.room!;
    const { message, user } = ctx.body as { message: string; user: string };

    const chatMessage = {
      user,
      message,
      timestamp: Date.now(),
      room
    };

    // Broadcast to all clients in room
    const clients = chatRooms.get(room);
    if (clients) {
      for (const client of clients) {
        try {
          client.writeSSE(chatMessage, { event: 'message' });
        } catch (error) {
          // Remove disconnected clients
          clients.delete(client);
        }
      }
    }

    return ctx.json({ success: true });
  });

  // Examples › Progress Tracking
  app.get('/task/:id/progress', async (ctx) => {
    const taskId = ctx.params.id!;

    return ctx.sseResponse(trackTaskProgress(taskId), {
      event: 'progress',
      retry: 1000
    });
  });

  async function* trackTaskProgress(taskId: string) {
    const totalSteps = 10;

    for (let step = 0; step <= totalSteps; step++) {
      yield {
        taskId,
        step,
        total: totalSteps,
        percentage: Math.round((step / totalSteps) * 100),
        message: step === totalSteps ? 'Completed!' : `Processing step ${step}...`,
        timestamp: Date.now()
      };

      if (step < totalSteps) {
        await simulateWork(); // Your actual work here
      }
    }
  }

  async function simulateWork() {
    await new Promise(resolve => setTimeout(resolve, scaled(1000)));
  }

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

  return app;
}
