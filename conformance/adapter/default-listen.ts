/**
 * The default `listen` of README "1. Write an adapter": the project's Node bridges on
 * 127.0.0.1 (ephemeral port) in front of any fetch-style handler — HTTP/1.1
 * for `listen`, h2c for `listenHttp2`.
 */
import { serve, serveHttp2 } from '../../reference/index.ts';
import type { ListeningServer } from './contract.ts';

type FetchHandler = (request: Request) => Promise<Response>;

export async function listenWithBridge(handler: FetchHandler): Promise<ListeningServer> {
  const server = await serve({ handler }, { port: 0, hostname: '127.0.0.1' });
  return { url: server.url, close: () => server.close() };
}

export async function listenWithHttp2Bridge(handler: FetchHandler): Promise<ListeningServer> {
  const server = await serveHttp2({ handler }, { port: 0, hostname: '127.0.0.1' });
  return { url: server.url, close: () => server.close() };
}
