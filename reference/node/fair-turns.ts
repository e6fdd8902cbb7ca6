/**
 * Node bridge: turns of the event loop shared fairly by the responses that
 * write without pause. A response that used up its time slice
 * (`batching-writer.ts`) waits here, in order of arrival; each turn resumes
 * only a few of them, then lets the loop poll again. With 200 responses
 * streaming at once, new requests are read within about one slice per
 * resumed writer (a millisecond), not after every open response had its
 * slice (tens of milliseconds): time to first byte stays near what raw
 * `node:http` gets. What a response wrote goes out before it waits (the
 * batch is written at `process.nextTick`): nothing written is held back.
 */

/** Writers resumed per turn of the event loop. */
const WRITERS_PER_TURN = 4;

const waiting: ((value?: undefined) => void)[] = [];
let head = 0;
let scheduled = false;

/** Resolves at a later turn of the event loop, after the writers that waited before it. */
export function nextFairTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(resumeWriters);
    }
  });
}

function resumeWriters(): void {
  scheduled = false;
  const end = Math.min(head + WRITERS_PER_TURN, waiting.length);
  for (; head < end; head++) waiting[head]!();
  if (head === waiting.length) {
    waiting.length = 0;
    head = 0;
    return;
  }
  if (head >= 1024) {
    waiting.splice(0, head);
    head = 0;
  }
  scheduled = true;
  setImmediate(resumeWriters);
}
