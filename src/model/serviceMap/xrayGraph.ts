// X-Ray's service graph in our own shape (no SDK types): what GetServiceGraph answers, with times
// as epoch milliseconds. The AWS layer maps the SDK's output to this; the sandbox speaks the API.

/** One bucket of a response-time histogram: `count` requests took about `value` seconds. */
export interface HistogramEntry {
  value: number;
  count: number;
}

/** A node's or edge's SummaryStatistics, flattened. Counts are of sampled requests only. */
export interface XrayStatistics {
  ok: number;
  /** 4xx other than 429. */
  error: number;
  /** 429. */
  throttle: number;
  /** 5xx. */
  fault: number;
  total: number;
  /** Sum of response times, in seconds. */
  totalResponseTime: number;
}

export interface XrayEdge {
  /** The ReferenceId of the service this edge goes to. */
  referenceId: number;
  start?: number;
  end?: number;
  statistics?: XrayStatistics;
  histogram: HistogramEntry[];
  /** "link" for asynchronous edges. */
  edgeType?: string;
}

export interface XrayService {
  referenceId: number;
  name: string;
  names: string[];
  /** "AWS::AppMesh::Proxy", "client", "remote", "AWS::DynamoDB::Table", … */
  type: string;
  root: boolean;
  state?: string;
  start?: number;
  end?: number;
  statistics?: XrayStatistics;
  histogram: HistogramEntry[];
  edges: XrayEdge[];
}

export interface XrayGraph {
  start: number;
  end: number;
  services: XrayService[];
  /** The group's filter changed inside the window: part of the graph used the old filter. */
  containsOldGroupVersions: boolean;
}

export const EMPTY_STATISTICS: XrayStatistics = { ok: 0, error: 0, throttle: 0, fault: 0, total: 0, totalResponseTime: 0 };

export function addStatistics(a: XrayStatistics, b: XrayStatistics): XrayStatistics {
  return {
    ok: a.ok + b.ok,
    error: a.error + b.error,
    throttle: a.throttle + b.throttle,
    fault: a.fault + b.fault,
    total: a.total + b.total,
    totalResponseTime: a.totalResponseTime + b.totalResponseTime,
  };
}

/** Merges histograms bucket by bucket (X-Ray's buckets are unsorted; the result is sorted by value). */
export function mergeHistograms(...histograms: HistogramEntry[][]): HistogramEntry[] {
  const byValue = new Map<number, number>();
  for (const histogram of histograms) for (const { value, count } of histogram) byValue.set(value, (byValue.get(value) ?? 0) + count);
  return [...byValue].sort((a, b) => a[0] - b[0]).map(([value, count]) => ({ value, count }));
}

/** The response time (seconds) at quantile q (0–1) of a histogram, or undefined when it is empty. */
export function histogramQuantile(histogram: HistogramEntry[], q: number): number | undefined {
  const sorted = [...histogram].filter((e) => e.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, e) => sum + e.count, 0);
  if (total === 0) return undefined;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (const entry of sorted) {
    seen += entry.count;
    if (seen >= rank) return entry.value;
  }
  return sorted[sorted.length - 1].value;
}
