/** The guide's Server-Sent Events: `/stream/sse` (sseResponse of a generator) and `/stream/custom-sse` (typed events with writeSSE). */
import type { App } from '../../index.ts';
import type { ExampleContext } from './context.ts';

export function serverSentEvents(app: App, { scaled }: ExampleContext): void {
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
}
