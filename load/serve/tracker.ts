/**
 * Counts the scenario routes' streams in the target process: open, opened,
 * completed, aborted (client went away), failed; and the bytes handed to the
 * implementation. `/metrics` reports them with the process's memory.
 */

/** How a stream ended, as the route saw it. */
export type StreamOutcome = 'completed' | 'aborted' | 'failed';

/** One stream's lease; `end` counts it once, whatever calls it later. */
export interface StreamLease {
  end(outcome: StreamOutcome): void;
  /** Adds bytes handed to the implementation. */
  produced(bytes: number): void;
}

export interface StreamCounts {
  open: number;
  opened: number;
  completed: number;
  aborted: number;
  failed: number;
}

export class StreamTracker {
  private readonly counts: StreamCounts = { open: 0, opened: 0, completed: 0, aborted: 0, failed: 0 };
  private bytes = 0;
  private metricsRequests = 0;

  /** A stream started. */
  begin(): StreamLease {
    this.counts.open += 1;
    this.counts.opened += 1;
    let ended = false;
    return {
      end: (outcome) => {
        if (ended) return;
        ended = true;
        this.counts.open -= 1;
        this.counts[outcome] += 1;
      },
      produced: (bytes) => {
        this.bytes += bytes;
      },
    };
  }

  /** Counts a `/metrics` request (so a client can tell that sampling happened). */
  countMetricsRequest(): number {
    this.metricsRequests += 1;
    return this.metricsRequests;
  }

  snapshot(): { streams: StreamCounts; bytesProduced: number; metricsRequests: number } {
    return { streams: { ...this.counts }, bytesProduced: this.bytes, metricsRequests: this.metricsRequests };
  }
}
