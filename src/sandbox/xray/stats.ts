// Running statistics for one service or edge over one time bucket: counts by outcome, total response
// time and a log-scale histogram (fixed bins, ten a decade from 0.1 ms to 1000 s, stored sparsely).

import { FLAG_ERROR, FLAG_FAULT, FLAG_THROTTLE } from "./segments";

const BINS_PER_DECADE = 10;
const LOWEST_EXPONENT = -4; // first bin holds everything up to 10^-4 s
const HIGHEST_EXPONENT = 3; // last bin holds everything above 10^2.9 s
export const HISTOGRAM_BINS = (HIGHEST_EXPONENT - LOWEST_EXPONENT) * BINS_PER_DECADE + 1;

/** The upper bound of each bin, in seconds, rounded to three significant digits. */
export const BIN_VALUES: readonly number[] = Array.from({ length: HISTOGRAM_BINS }, (_, i) =>
  Number(Math.pow(10, LOWEST_EXPONENT + i / BINS_PER_DECADE).toPrecision(3)),
);

export function binOf(seconds: number): number {
  if (!(seconds > 0)) return 0;
  const bin = Math.ceil((Math.log10(seconds) - LOWEST_EXPONENT) * BINS_PER_DECADE - 1e-9);
  return bin < 0 ? 0 : bin >= HISTOGRAM_BINS ? HISTOGRAM_BINS - 1 : bin;
}

export class Stats {
  total = 0;
  errorOther = 0;
  throttle = 0;
  fault = 0;
  responseTime = 0;
  first = Infinity;
  last = -Infinity;
  /** Histogram counts from bin `low` on (sparse: response times of one service span few bins). */
  private low = 0;
  private readonly counts: number[] = [];

  add(start: number, end: number, flags: number): void {
    const seconds = end > start ? end - start : 0;
    this.total++;
    if (flags & FLAG_FAULT) this.fault++;
    else if (flags & FLAG_THROTTLE) this.throttle++;
    else if (flags & FLAG_ERROR) this.errorOther++;
    this.responseTime += seconds;
    if (start < this.first) this.first = start;
    if (end > this.last) this.last = end;
    this.count(binOf(seconds), 1);
  }

  /** Takes back one add() (an inferred call that a late segment answered). First/last stay as they were. */
  remove(start: number, end: number, flags: number): void {
    const seconds = end > start ? end - start : 0;
    this.total--;
    if (flags & FLAG_FAULT) this.fault--;
    else if (flags & FLAG_THROTTLE) this.throttle--;
    else if (flags & FLAG_ERROR) this.errorOther--;
    this.responseTime -= seconds;
    this.count(binOf(seconds), -1);
  }

  private count(bin: number, n: number): void {
    const counts = this.counts;
    if (counts.length === 0) {
      this.low = bin;
      counts.push(n);
      return;
    }
    if (bin < this.low) {
      counts.unshift(...new Array<number>(this.low - bin).fill(0));
      this.low = bin;
    }
    const i = bin - this.low;
    while (counts.length <= i) counts.push(0);
    counts[i] += n;
  }

  merge(other: Stats): void {
    this.total += other.total;
    this.errorOther += other.errorOther;
    this.throttle += other.throttle;
    this.fault += other.fault;
    this.responseTime += other.responseTime;
    if (other.first < this.first) this.first = other.first;
    if (other.last > this.last) this.last = other.last;
    const theirs = other.counts;
    for (let i = 0; i < theirs.length; i++) if (theirs[i] > 0) this.count(other.low + i, theirs[i]);
  }

  /** EdgeStatistics / ServiceStatistics, which share one shape. */
  summary(): Record<string, unknown> {
    const errors = this.errorOther + this.throttle;
    return {
      OkCount: this.total - errors - this.fault,
      ErrorStatistics: { ThrottleCount: this.throttle, OtherCount: this.errorOther, TotalCount: errors },
      FaultStatistics: { OtherCount: this.fault, TotalCount: this.fault },
      TotalCount: this.total,
      TotalResponseTime: round(this.responseTime),
    };
  }

  histogramEntries(): { Value: number; Count: number }[] {
    const entries: { Value: number; Count: number }[] = [];
    this.counts.forEach((count, i) => {
      if (count > 0) entries.push({ Value: BIN_VALUES[this.low + i], Count: count });
    });
    return entries;
  }
}

/** Sums of floating-point seconds, trimmed of binary noise (microsecond precision). */
export function round(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

/** Statistics of one time bucket (or one query window): per service index and per edge key. */
export class Aggregate {
  readonly services = new Map<number, Stats>();
  readonly edges = new Map<number, Stats>();

  service(index: number): Stats {
    let stats = this.services.get(index);
    if (!stats) this.services.set(index, (stats = new Stats()));
    return stats;
  }

  edge(from: number, to: number): Stats {
    const key = edgeKey(from, to);
    let stats = this.edges.get(key);
    if (!stats) this.edges.set(key, (stats = new Stats()));
    return stats;
  }

  merge(other: Aggregate): void {
    for (const [key, stats] of other.services) this.service(key).merge(stats);
    for (const [key, stats] of other.edges) {
      let mine = this.edges.get(key);
      if (!mine) this.edges.set(key, (mine = new Stats()));
      mine.merge(stats);
    }
  }
}

const EDGE_SHIFT = 2 ** 22;

export function edgeKey(from: number, to: number): number {
  return from * EDGE_SHIFT + to;
}

export function edgeEnds(key: number): [from: number, to: number] {
  const from = Math.floor(key / EDGE_SHIFT);
  return [from, key - from * EDGE_SHIFT];
}
