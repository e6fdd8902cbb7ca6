/** The guide's Examples › Real-time Chat: `GET /chat/:room` (an event stream per client) and `POST /chat/:room/send` (broadcast). */
import type { App, ManualStream } from '../../index.ts';

export function realTimeChat(app: App): void {
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
}
