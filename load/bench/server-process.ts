/**
 * The bench's handle on one server child: spawns `server-child.ts` on the
 * project's Node (`process.execPath`) with `--expose-gc`, pinned with
 * `taskset` when the bench pins, and talks to it over IPC only.
 * `BENCH_SERVER_NODE_FLAGS` (space-separated) adds Node/V8 flags to every
 * child, e.g. `--trace-gc-nvp` to see each scavenge.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ControlReply, ControlRequest, MemorySample, ServerKind, ServerStats } from './protocol.ts';

/** A server child could not start, answer, or stop. */
export class BenchServerError extends Error {
  override readonly name = 'BenchServerError';
  readonly code = 'BENCH_SERVER';
}

const CHILD_ENTRY = fileURLToPath(new URL('./server-child.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const REPLY_TIMEOUT_MS = 30_000;

/** A running server child. */
export class ServerProcess {
  readonly kind: ServerKind;
  readonly port: number;
  readonly #child: ChildProcess;
  #exited = false;

  private constructor(kind: ServerKind, port: number, child: ChildProcess) {
    this.kind = kind;
    this.port = port;
    this.#child = child;
    child.once('exit', () => (this.#exited = true));
  }

  /** Spawns a server of `kind`; `cores` is a `taskset -c` list, or `undefined` for unpinned. */
  static async start(kind: ServerKind, cores: string | undefined): Promise<ServerProcess> {
    const nodeArgs = ['--expose-gc', ...(process.env['BENCH_SERVER_NODE_FLAGS']?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', CHILD_ENTRY, kind];
    const [command, args] = cores === undefined ? [process.execPath, nodeArgs] : ['taskset', ['-c', cores, process.execPath, ...nodeArgs]];
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => fail(`did not report listening within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
      function fail(why: string): void {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new BenchServerError(`the ${kind} server ${why}`));
      }
      child.once('error', (error) => fail(`could not be spawned: ${error.message}`));
      child.once('exit', (code, signal) => fail(`exited before listening (code ${code}, signal ${signal})`));
      child.on('message', function onMessage(reply: ControlReply) {
        if (reply.type === 'failed') fail(`failed to start: ${reply.message}`);
        if (reply.type !== 'listening') return;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        resolve(reply.port);
      });
    });
    return new ServerProcess(kind, port, child);
  }

  /** Memory after two full GCs in the child. */
  async memory(): Promise<MemorySample> {
    const reply = await this.#ask({ type: 'memory' }, 'memory');
    return reply.memory;
  }

  /** The child's counters. */
  async stats(): Promise<ServerStats> {
    const reply = await this.#ask({ type: 'stats' }, 'stats');
    return reply.stats;
  }

  /** Asks the child to close its server and exit; kills it if it does not within 5 s. */
  async stop(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    if (this.#child.connected) this.#child.send({ type: 'stop' } satisfies ControlRequest);
    else this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  #ask<T extends ControlReply['type']>(request: ControlRequest, replyType: T): Promise<Extract<ControlReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.#exited || !this.#child.connected) {
        reject(new BenchServerError(`the ${this.kind} server is gone; cannot ask for ${request.type}`));
        return;
      }
      const timer = setTimeout(() => {
        this.#child.off('message', onMessage);
        reject(new BenchServerError(`the ${this.kind} server did not answer ${request.type} within ${REPLY_TIMEOUT_MS} ms`));
      }, REPLY_TIMEOUT_MS);
      const onMessage = (reply: ControlReply): void => {
        if (reply.type !== replyType) return;
        clearTimeout(timer);
        this.#child.off('message', onMessage);
        resolve(reply as Extract<ControlReply, { type: T }>);
      };
      this.#child.on('message', onMessage);
      this.#child.send(request);
    });
  }
}
