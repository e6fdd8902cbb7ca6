/**
 * The load target: an adapter's app with the scenario routes and `/metrics`,
 * served by the adapter's own `listen` (its server is what is measured). With
 * a fixed `port`, a plain TCP relay on that port forwards to it (the adapter
 * contract's `listen` picks its own port).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { ResolvedAdapter } from '../../conformance/adapter/under-test.ts';
import { mountLoadRoutes } from './routes.ts';
import { StreamTracker } from './tracker.ts';

/** The target could not start; the CLI exits 2 with the message. */
export class LoadTargetError extends Error {
  override readonly name = 'LoadTargetError';
  readonly code: 'PORT_IN_USE' | 'LISTEN_FAILED';
  constructor(
    code: 'PORT_IN_USE' | 'LISTEN_FAILED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
  }
}

export interface LoadTargetOptions {
  /** A fixed port (default: the adapter's own, usually ephemeral). */
  port?: number;
  /** Interface for the fixed port (default 127.0.0.1). */
  hostname?: string;
}

export interface LoadTarget {
  /** Base URL k6 gets as `BASE_URL`. */
  url: string;
  /** The adapter's own URL (differs from `url` when a fixed port relays to it). */
  adapterUrl: string;
  tracker: StreamTracker;
  close(): Promise<void>;
}

function relay(targetPort: number, targetHost: string): { server: Server; sockets: Set<Socket> } {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return { server, sockets };
}

function listenOn(server: Server, port: number, hostname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new LoadTargetError('PORT_IN_USE', `port ${port} is already in use on ${hostname}; pass --port <n>`, { cause: error }));
      } else {
        reject(new LoadTargetError('LISTEN_FAILED', `cannot listen on ${hostname}:${port}: ${error.message}`, { cause: error }));
      }
    });
    server.listen(port, hostname, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** Starts the load target for `adapter`. */
export async function startLoadTarget(adapter: ResolvedAdapter, options: LoadTargetOptions = {}): Promise<LoadTarget> {
  const tracker = new StreamTracker();
  const app = await adapter.createApp();
  mountLoadRoutes(app, tracker);
  const listening = await adapter.listen(app);
  const adapterUrl = listening.url.replace(/\/+$/, '');
  if (options.port === undefined) {
    return { url: adapterUrl, adapterUrl, tracker, close: () => listening.close() };
  }
  const upstream = new URL(adapterUrl);
  const hostname = options.hostname ?? '127.0.0.1';
  const { server, sockets } = relay(Number(upstream.port || 80), upstream.hostname.replace(/^\[|\]$/g, ''));
  let port: number;
  try {
    port = await listenOn(server, options.port, hostname);
  } catch (error) {
    await listening.close();
    throw error;
  }
  const shownHost = hostname.includes(':') ? `[${hostname}]` : hostname;
  return {
    url: `http://${shownHost}:${port}`,
    adapterUrl,
    tracker,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await listening.close();
    },
  };
}
