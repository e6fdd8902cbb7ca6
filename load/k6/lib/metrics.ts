/**
 * Custom k6 metrics of the stream checks. Counters ending in `_total` are drawn
 * as "events per second" by the load report.
 */
import { Counter, Rate, Trend } from 'k6/metrics';

/** 1 when a body carried every unit, in order, well framed. */
export const streamBodyOk = new Rate('stream_body_ok');
/** Units (lines, blocks, chunks, events) per response. */
export const unitsPerResponse = new Trend('stream_units_per_response');
/** ms the script spent checking a body (k6's JavaScript is slow: this must stay far below the transfer). */
export const streamVerifyDuration = new Trend('stream_verify_duration', true);
export const sseEventsTotal = new Counter('sse_events_total');
export const textLinesTotal = new Counter('text_lines_total');
export const chunksTotal = new Counter('chunks_total');
export const binaryBlocksTotal = new Counter('binary_blocks_total');
