/**
 * The default `listen` of README "1. Write an adapter": the runtime's own
 * server on 127.0.0.1 (ephemeral port) in front of any fetch-style handler —
 * the project's Node bridge on Node, `Bun.serve` on Bun, `Deno.serve` on
 * Deno (spec §2.16) — and, for `listenHttp2`, the project's Node `http2`
 * bridge (h2c) on every runtime (neither `Bun.serve` nor `Deno.serve` serves
 * cleartext HTTP/2).
 */
import { serve, serveHttp2 } from '../../reference/index.ts';
import type { ListeningServer } from './contract.ts';
import { currentRuntime, type RuntimeName } from './runtime.ts';

type FetchHandler = (request: Request) => Promise<Response>;

/** The runtime's own HTTP/1.1 server (see the module comment). */
export function listenWithRuntimeServer(handler: FetchHandler, runtime: RuntimeName = currentRuntime()): Promise<ListeningServer> {
  if (runtime === 'bun') return listenWithBunServe(handler);
  if (runtime === 'deno') return listenWithDenoServe(handler);
  return listenWithBridge(handler);
}

/** What the default `listen` serves with on each runtime, as reports name it. */
export const RUNTIME_SERVERS: Record<RuntimeName, string> = {
  node: 'the Node bridge (reference/node, node:http)',
  bun: 'Bun.serve',
  deno: 'Deno.serve',
};

export async function listenWithBridge(handler: FetchHandler): Promise<ListeningServer> {
  const server = await serve({ handler }, { port: 0, hostname: '127.0.0.1' });
  return { url: server.url, close: () => server.close() };
}

export async function listenWithHttp2Bridge(handler: FetchHandler): Promise<ListeningServer> {
  const server = await serveHttp2({ handler }, { port: 0, hostname: '127.0.0.1' });
  return { url: server.url, close: () => server.close() };
}

/** The part of Bun's `Bun.serve` used here (Bun's own types are not a dependency). */
interface BunGlobal {
  serve(options: {
    port: number;
    hostname: string;
    fetch(request: Request): Promise<Response>;
    error?(error: Error): Response;
  }): { port: number; stop(closeActiveConnections?: boolean): Promise<void> | void };
}

async function listenWithBunServe(handler: FetchHandler): Promise<ListeningServer> {
  const bun = (globalThis as { Bun?: BunGlobal }).Bun;
  if (!bun) throw new Error('Bun.serve is not available: this process is not Bun');
  const server = bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (request) => handler(request) });
  return {
    url: `http://127.0.0.1:${server.port}`,
    // `true`: open connections (streams included) end too, as the Node bridge's close() does.
    close: async () => {
      await server.stop(true);
    },
  };
}

/** The part of Deno's `Deno.serve` used here (Deno's own types are not a dependency). */
interface DenoGlobal {
  serve(
    options: { port: number; hostname: string; signal?: AbortSignal; onListen?(address: { port: number }): void },
    handler: (request: Request) => Promise<Response>,
  ): { addr: { port: number }; finished: Promise<void>; shutdown(): Promise<void> };
}

/** How long closing a Deno server waits for responses still streaming before it stops waiting. */
const DENO_SHUTDOWN_WAIT_MS = 2_000;

async function listenWithDenoServe(handler: FetchHandler): Promise<ListeningServer> {
  const deno = (globalThis as { Deno?: DenoGlobal }).Deno;
  if (!deno) throw new Error('Deno.serve is not available: this process is not Deno');
  const server = deno.serve({ port: 0, hostname: '127.0.0.1', onListen: () => {} }, (request) => handler(request));
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    close: async () => {
      // shutdown() is graceful (it waits for open responses); a stream the check left open must not hold the run.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([server.shutdown(), new Promise<void>((resolve) => (timer = setTimeout(resolve, DENO_SHUTDOWN_WAIT_MS)))]);
      clearTimeout(timer);
    },
  };
}
