/**
 * How much a loopback connection holds when its client stops reading: the
 * server's kernel send buffer, the client's kernel receive buffer and the
 * client socket's own readable buffer (Node's `highWaterMark`) — everything
 * between a server's `write()` and a client that reads nothing. Measured on
 * this machine, once per process, with a plain `node:net` server writing to
 * a client that pauses at its first packet (as the GEN-004 wire check's
 * client does after the response head).
 *
 * Linux autotunes both kernel buffers (`net.ipv4.tcp_wmem`,
 * `net.ipv4.tcp_rmem`), so the amount differs between machines and between
 * runs: 3.9 to 6.4 MB on the development machine (tcp_wmem max 4 MiB), and
 * it is why a fixed bound would be wrong somewhere.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface LoopbackBuffering {
  /** Bytes the server's socket took (handed to the kernel) before its writes stalled. */
  bytes: number;
  /** How long the measurement took (ms). */
  measuredMs: number;
}

/** Writes are taken to have stalled when no `drain` comes for this long (ms). */
const STALL_MS = 250;
/** Each write of the measurement. */
const WRITE_BYTES = 64 * 1024;
/** Stop anyway after this much (a machine whose buffers take more is told so by the bound). */
const MAX_BYTES = 256 * 1024 * 1024;

let measured: Promise<LoopbackBuffering> | undefined;

/** The loopback buffering of this machine (measured on the first call, then remembered). */
export function loopbackBuffering(): Promise<LoopbackBuffering> {
  measured ??= measure().catch((error: unknown) => {
    measured = undefined;
    throw error;
  });
  return measured;
}

async function measure(): Promise<LoopbackBuffering> {
  const started = performance.now();
  const sockets = new Set<Socket>();
  let report!: (bytes: number) => void;
  const done = new Promise<number>((resolve) => (report = resolve));
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    const chunk = Buffer.alloc(WRITE_BYTES, 0x61);
    const pump = (): void => {
      while (socket.bytesWritten < MAX_BYTES) {
        if (!socket.write(chunk)) {
          const timer = setTimeout(() => report(socket.bytesWritten - socket.writableLength), STALL_MS);
          socket.once('drain', () => {
            clearTimeout(timer);
            pump();
          });
          return;
        }
      }
      report(socket.bytesWritten - socket.writableLength);
    };
    pump();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const client = connect({ host: '127.0.0.1', port });
  sockets.add(client);
  client.on('error', () => {});
  client.once('data', () => client.pause());
  try {
    const bytes = await done;
    return { bytes, measuredMs: performance.now() - started };
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
