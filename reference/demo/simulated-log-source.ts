/**
 * A stand-in for the guide's undefined `watchLogFile(path)`: emits a made-up
 * log line every `intervalMs` until `stop()`.
 */

type LogListeners = { line: ((line: string) => void)[]; error: ((error: Error) => void)[] };

/** What the guide's log example uses of a log watcher. */
export interface LogSource {
  on(event: 'line', listener: (line: string) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  stop(): void;
}

const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN'] as const;

/** Starts a source of fake log lines of `path`, one every `intervalMs`. */
export function createSimulatedLogSource(path: string, intervalMs: number): LogSource {
  const listeners: LogListeners = { line: [], error: [] };
  let count = 0;
  const timer = setInterval(() => {
    count++;
    const level = LEVELS[count % LEVELS.length]!;
    const line = `${new Date().toISOString()} ${level} ${path}: request #${count} handled in ${(count * 7) % 50}ms`;
    for (const listener of listeners.line) listener(line);
  }, intervalMs);
  return {
    on(event: 'line' | 'error', listener: ((line: string) => void) | ((error: Error) => void)): void {
      (listeners[event] as unknown[]).push(listener);
    },
    stop: () => clearInterval(timer),
  };
}
