/**
 * Inline SVG charts for the HTML load report: a line chart over seconds and a
 * histogram on a log scale. Pure string builders, no scripts, no external URLs.
 */
import { escapeHtml } from './html-escape.ts';

export interface Series {
  name: string;
  /** CSS colour. */
  color: string;
  /** [x, y] pairs, x ascending. */
  points: ReadonlyArray<readonly [number, number]>;
  /** Draw on the right-hand axis (scaled separately). */
  rightAxis?: boolean;
}

export interface LineChartOptions {
  title: string;
  series: readonly Series[];
  xLabel: string;
  formatY(value: number): string;
  formatRightY?(value: number): string;
  width?: number;
  height?: number;
}

const PAD = { left: 64, right: 64, top: 28, bottom: 36 };

/** A maximum that splits into 4 round ticks: 29 → 40 (ticks of 10), 0.7 → 0.8. */
function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= rough) return step * magnitude * 4;
  }
  return 40 * magnitude;
}

/**
 * Ticks for an axis from 0 to `max`: the multiples of a round step (1, 2 or 5
 * × 10^k) up to `max`, at most `maxTicks` + 1 of them. 12.3 s → 0, 2, 4, …, 12.
 */
export function roundTicks(max: number, maxTicks = 6): number[] {
  if (!(max > 0)) return [0];
  const rough = max / maxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10, 20].map((m) => m * magnitude).find((candidate) => Math.floor(max / candidate + 1e-9) <= maxTicks) ?? 50 * magnitude;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: number[] = [];
  for (let index = 0; index * step <= max * (1 + 1e-9); index += 1) ticks.push(Number((index * step).toFixed(decimals)));
  return ticks;
}

function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** A multi-series line chart; returns `<svg>` markup. */
export function lineChart(options: LineChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 240;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const all = options.series.flatMap((s) => s.points);
  const maxX = Math.max(1, ...all.map(([x]) => x));
  const left = options.series.filter((s) => !s.rightAxis).flatMap((s) => s.points.map(([, y]) => y));
  const right = options.series.filter((s) => s.rightAxis).flatMap((s) => s.points.map(([, y]) => y));
  const maxLeft = niceMax(Math.max(0, ...left));
  const maxRight = niceMax(Math.max(0, ...right));
  const x = (value: number): number => PAD.left + (value / maxX) * plotW;
  const y = (value: number, rightAxis: boolean): number =>
    PAD.top + plotH - (value / (rightAxis ? maxRight : maxLeft)) * plotH;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}">`,
  );
  parts.push(`<title>${escapeHtml(options.title)}</title>`);
  parts.push(`<text x="${PAD.left}" y="16" class="chart-title">${escapeHtml(options.title)}</text>`);
  for (let tick = 0; tick <= 4; tick += 1) {
    const value = (maxLeft * tick) / 4;
    const ty = y(value, false);
    parts.push(`<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${num(ty)}" y2="${num(ty)}" class="grid"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${num(ty + 4)}" text-anchor="end" class="tick">${escapeHtml(options.formatY(value))}</text>`);
    if (right.length > 0 && options.formatRightY) {
      parts.push(
        `<text x="${PAD.left + plotW + 6}" y="${num(ty + 4)}" class="tick">${escapeHtml(options.formatRightY((maxRight * tick) / 4))}</text>`,
      );
    }
  }
  for (const value of roundTicks(maxX)) {
    parts.push(
      `<text x="${num(x(value))}" y="${PAD.top + plotH + 16}" text-anchor="middle" class="tick">${escapeHtml(String(value))}</text>`,
    );
  }
  parts.push(
    `<text x="${PAD.left + plotW / 2}" y="${height - 4}" text-anchor="middle" class="axis-label">${escapeHtml(options.xLabel)}</text>`,
  );
  parts.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" class="frame"/>`);
  for (const series of options.series) {
    if (series.points.length === 0) continue;
    const path = series.points
      .map(([px, py], index) => `${index === 0 ? 'M' : 'L'}${num(x(px))},${num(y(py, series.rightAxis === true))}`)
      .join(' ');
    parts.push(
      `<path d="${path}" fill="none" stroke="${escapeHtml(series.color)}" stroke-width="2"${series.rightAxis ? ' stroke-dasharray="5 3"' : ''}><title>${escapeHtml(series.name)}</title></path>`,
    );
  }
  let legendX = PAD.left + plotW;
  for (const series of [...options.series].reverse()) {
    const label = `${series.name}${series.rightAxis ? ' (right axis)' : ''}`;
    legendX -= label.length * 6.2 + 22;
    parts.push(
      `<rect x="${num(legendX)}" y="8" width="12" height="4" fill="${escapeHtml(series.color)}"/><text x="${num(legendX + 16)}" y="14" class="legend">${escapeHtml(label)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

export interface HistogramChartOptions {
  title: string;
  bounds: readonly number[];
  counts: readonly number[];
  color: string;
  formatX(value: number): string;
  width?: number;
  height?: number;
}

/** Bars over log-spaced bins (bounds has counts.length + 1 entries); returns `<svg>` markup. */
export function histogramChart(options: HistogramChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 220;
  const plotW = width - PAD.left - 24;
  const plotH = height - PAD.top - PAD.bottom;
  const maxCount = niceMax(Math.max(0, ...options.counts));
  const bars = options.counts.length;
  const barW = bars > 0 ? plotW / bars : plotW;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}">`,
  );
  parts.push(`<title>${escapeHtml(options.title)}</title>`);
  parts.push(`<text x="${PAD.left}" y="16" class="chart-title">${escapeHtml(options.title)}</text>`);
  for (let tick = 0; tick <= 4; tick += 1) {
    const value = (maxCount * tick) / 4;
    const ty = PAD.top + plotH - (value / maxCount) * plotH;
    parts.push(`<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${num(ty)}" y2="${num(ty)}" class="grid"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${num(ty + 4)}" text-anchor="end" class="tick">${num(value)}</text>`);
  }
  options.counts.forEach((count, index) => {
    const barH = (count / maxCount) * plotH;
    const lower = options.bounds[index] ?? 0;
    const upper = options.bounds[index + 1] ?? lower;
    parts.push(
      `<rect x="${num(PAD.left + index * barW + 0.5)}" y="${num(PAD.top + plotH - barH)}" width="${num(Math.max(1, barW - 1))}" height="${num(barH)}" fill="${escapeHtml(options.color)}"><title>${escapeHtml(`${options.formatX(lower)} – ${options.formatX(upper)}: ${count}`)}</title></rect>`,
    );
  });
  const labelEvery = Math.max(1, Math.ceil(bars / 6));
  for (let index = 0; index <= bars; index += labelEvery) {
    const bound = options.bounds[index];
    if (bound === undefined) continue;
    parts.push(
      `<text x="${num(PAD.left + index * barW)}" y="${PAD.top + plotH + 16}" text-anchor="middle" class="tick">${escapeHtml(options.formatX(bound))}</text>`,
    );
  }
  parts.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" class="frame"/>`);
  parts.push('</svg>');
  return parts.join('');
}
