/** k6's `console` (k6 logs through it; @types/k6 does not declare it and the DOM lib is not ours to load). */
declare const console: {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
};
