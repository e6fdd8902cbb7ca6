/**
 * The entry of the API floor's child process (`node --import tsx
 * load/bench/api-floor-child.ts <events> <eventBytes> <repeats>`), pinned like
 * a server child: warmed up like a server (`SSE_WARM_UPS` full-size drains), then `repeats` timed
 * drains; sends `{ eventsPerSecond: number[] }` on the IPC channel.
 */
import { measureApiFloorOnce } from './api-floor.ts';
import { SSE_WARM_UPS } from './run-bench.ts';

async function main(): Promise<void> {
  const [events, eventBytes, repeats] = process.argv.slice(2, 5).map(Number) as [number, number, number];
  if (process.send === undefined) throw new Error('start this file with an IPC channel');
  for (let i = 0; i < SSE_WARM_UPS; i++) await measureApiFloorOnce(events, eventBytes);
  const eventsPerSecond: number[] = [];
  for (let i = 0; i < repeats; i++) eventsPerSecond.push(await measureApiFloorOnce(events, eventBytes));
  process.send({ eventsPerSecond }, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
