// test/streaming.test.ts
import { describe, it, expect } from 'vitest';
import { createApp } from 'imphnen.js';

describe('Streaming', () => {
  const app = createApp();
  
  app.get('/test-stream', async (ctx) => {
    const stream = await ctx.createStream();
    stream.write('chunk1\n');
    stream.write('chunk2\n');
    stream.close();
    return stream.response;
  });

  it('should stream data correctly', async () => {
    const response = await app.handler(new Request('http://localhost/test-stream'));
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    
    let result = '';
    let done = false;
    
    while (!done) {
      const { value, done: readerDone } = await reader.read();
      done = readerDone;
      
      if (value) {
        result += decoder.decode(value, { stream: true });
      }
    }
    
    expect(result).toBe('chunk1\nchunk2\n');
  });

  it('should handle SSE correctly', async () => {
    app.get('/test-sse', async (ctx) => {
      return ctx.sseResponse(async function* () {
        yield { message: 'test1' };
        yield { message: 'test2' };
      }());
    });

    const response = await app.handler(new Request('http://localhost/test-sse'));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
  });
});
