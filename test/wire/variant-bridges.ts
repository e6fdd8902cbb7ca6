/**
 * Conforming HTTP/1.1 bridges that differ from the reference's where the
 * spec lets them, for the conforming variants in `test/variants/wire-*.ts`.
 *
 * {@link deferredHeadHttpBridge}: `node:http`, the way several Node
 * frameworks bridge a fetch `Response`: `writeHead` only once the body's
 * first bytes are there (or at its end), no `flushHeaders()`, so Node sends
 * the head in the same packet as the first chunk. No requirement says the
 * head must reach the client before the first write (docs/spec.md §3).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ListeningServer } from '../../conformance/adapter/contract.ts';
import { listen } from '../../reference/node/listen.ts';
import type { FetchApp } from './broken-bridges.ts';

/** An HTTP/1.1 server that sends the response head with the first body bytes. */
export function deferredHeadHttpBridge(app: FetchApp): Promise<ListeningServer> {
  const server = createServer((req, res) => void answer(app, req, res));
  return listen(server, 0, '127.0.0.1', () => server.closeAllConnections(), undefined);
}

async function answer(app: FetchApp, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const controller = new AbortController();
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  res.once('close', () => {
    if (res.writableFinished) return;
    controller.abort(new DOMException('the client went away', 'AbortError'));
    reader?.cancel().catch(() => {});
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  let response: Response;
  try {
    response = await app.handler(new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, { method: req.method, headers, signal: controller.signal }));
  } catch {
    res.writeHead(500, { 'content-length': '0' }).end();
    return;
  }
  let headWritten = false;
  const head = (): void => {
    if (headWritten) return;
    headWritten = true;
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => (out[name] = value));
    // Stored, not sent: Node sends the head with the first write (or the end).
    res.writeHead(response.status, response.statusText || undefined, out);
  };
  reader = response.body?.getReader();
  if (reader === undefined) {
    head();
    res.end();
    return;
  }
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.byteLength === 0) continue;
      head();
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          const go = (): void => {
            res.off('drain', go);
            res.off('close', go);
            resolve();
          };
          res.once('drain', go);
          res.once('close', go);
        });
      }
    }
    head();
    res.end();
  } catch {
    // The body errored: tear the connection down, so the client sees no last chunk.
    res.destroy();
  }
}
