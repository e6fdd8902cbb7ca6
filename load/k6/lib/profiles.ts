/**
 * Load profiles: how many virtual users, for how long, in which shape.
 * `__ENV.PROFILE` picks one; `__ENV.VUS` scales the VU counts (a number,
 * default 1), `__ENV.DURATION` replaces the hold time (`30s`, `10m`).
 * No k6 imports (the CLI validates names with this file too).
 *
 * https://grafana.com/docs/k6/latest/testing-guides/test-types/
 */

export const PROFILE_NAMES = ['smoke', 'load', 'stress', 'spike', 'soak'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** One k6 ramping stage. */
export interface Stage {
  duration: string;
  target: number;
}

/** A k6 scenario's executor part (the subset these profiles use). */
export type ExecutorConfig =
  | { executor: 'constant-vus'; vus: number; duration: string; gracefulStop: string }
  | { executor: 'ramping-vus'; startVUs: number; stages: Stage[]; gracefulRampDown: string; gracefulStop: string };

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

/**
 * The executor for `profile`, with `baseVus` the scenario's nominal concurrency
 * (a slow-consumer scenario carries fewer, heavier streams than an SSE one).
 * `gracefulStop` leaves room for a stream that is still running.
 */
export function executorFor(profile: ProfileName, baseVus: number, options: { vusScale?: number; hold?: string; gracefulStop?: string } = {}): ExecutorConfig {
  const scale = options.vusScale ?? 1;
  const vus = (factor: number): number => Math.max(1, Math.round(baseVus * factor * scale));
  const gracefulStop = options.gracefulStop ?? '30s';
  switch (profile) {
    case 'smoke':
      return { executor: 'constant-vus', vus: 1, duration: options.hold ?? '10s', gracefulStop };
    case 'load':
      return {
        executor: 'ramping-vus',
        startVUs: 0,
        stages: [
          { duration: '30s', target: vus(1) },
          { duration: options.hold ?? '2m', target: vus(1) },
          { duration: '30s', target: 0 },
        ],
        gracefulRampDown: gracefulStop,
        gracefulStop,
      };
    case 'stress':
      return {
        executor: 'ramping-vus',
        startVUs: 0,
        stages: [
          { duration: '1m', target: vus(2) },
          { duration: options.hold ?? '2m', target: vus(2) },
          { duration: '1m', target: vus(4) },
          { duration: options.hold ?? '2m', target: vus(4) },
          { duration: '1m', target: 0 },
        ],
        gracefulRampDown: gracefulStop,
        gracefulStop,
      };
    case 'spike':
      return {
        executor: 'ramping-vus',
        startVUs: 0,
        stages: [
          { duration: '10s', target: vus(0.2) },
          { duration: '10s', target: vus(8) },
          { duration: options.hold ?? '1m', target: vus(8) },
          { duration: '10s', target: vus(0.2) },
          { duration: '30s', target: vus(0.2) },
          { duration: '10s', target: 0 },
        ],
        gracefulRampDown: gracefulStop,
        gracefulStop,
      };
    case 'soak':
      return { executor: 'constant-vus', vus: vus(1), duration: options.hold ?? '30m', gracefulStop };
  }
}
