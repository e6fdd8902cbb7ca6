/**
 * The entry of the API floor's child process (`node --import tsx
 * load/bench/api-floor-child.ts <events> <eventBytes> <repeats>`), pinned like
 * a server child: a warm-up at a tenth of the size, then `repeats` timed
 * drains; sends `{ eventsPerSecond: number[] }` on the IPC channel.
 */
import { measureApiFloorOnce } from './api-floor.ts';

async function main(): Promise<void> {
  const [events, eventBytes, repeats] = process.argv.slice(2, 5).map(Number) as [number, number, number];
  if (process.send === undefined) throw new Error('start this file with an IPC channel');
  await measureApiFloorOnce(Math.max(1, Math.round(events / 10)), eventBytes);
  const eventsPerSecond: number[] = [];
  for (let i = 0; i < repeats; i++) eventsPerSecond.push(await measureApiFloorOnce(events, eventBytes));
  process.send({ eventsPerSecond }, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
