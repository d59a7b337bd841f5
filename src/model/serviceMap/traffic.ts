// Observed traffic arithmetic: statistics + histogram → rates, latencies and health.
import type { Health, HealthThresholds, Traffic } from "./mapModel";
import { addStatistics, EMPTY_STATISTICS, histogramQuantile, mergeHistograms, type HistogramEntry, type XrayStatistics } from "./xrayGraph";

/** Traffic of `statistics` over `minutes`. */
export function trafficOf(statistics: XrayStatistics, histogram: HistogramEntry[], minutes: number): Traffic {
  const sorted = mergeHistograms(histogram);
  const p95 = histogramQuantile(sorted, 0.95);
  return {
    statistics,
    rpm: minutes > 0 ? statistics.total / minutes : 0,
    ...(statistics.total > 0 ? { avgMs: (statistics.totalResponseTime / statistics.total) * 1000 } : {}),
    ...(p95 !== undefined ? { p95Ms: p95 * 1000 } : {}),
    histogram: sorted,
  };
}

/** Several traffics as one (parallel edges folded together, a node's incoming edges summed). */
export function sumTraffic(parts: Traffic[]): Traffic | undefined {
  if (!parts.length) return undefined;
  const statistics = parts.reduce((sum, part) => addStatistics(sum, part.statistics), EMPTY_STATISTICS);
  const rpm = parts.reduce((sum, part) => sum + part.rpm, 0);
  const minutes = rpm > 0 ? statistics.total / rpm : 1;
  return trafficOf(statistics, mergeHistograms(...parts.map((p) => p.histogram)), minutes);
}

/** A share of traffic (an observed edge split across the declared paths that explain it). */
export function scaleTraffic(traffic: Traffic, factor: number): Traffic {
  if (factor === 1) return traffic;
  const s = traffic.statistics;
  const statistics: XrayStatistics = {
    ok: s.ok * factor,
    error: s.error * factor,
    throttle: s.throttle * factor,
    fault: s.fault * factor,
    total: s.total * factor,
    totalResponseTime: s.totalResponseTime * factor,
  };
  return { ...traffic, statistics, rpm: traffic.rpm * factor, histogram: traffic.histogram.map((e) => ({ value: e.value, count: e.count * factor })) };
}

/** Worst health whose share reaches its threshold; "idle" without requests. */
export function healthOf(traffic: Traffic | undefined, thresholds: HealthThresholds): Health {
  const s = traffic?.statistics;
  if (!s || s.total <= 0) return "idle";
  if (s.fault / s.total >= thresholds.fault) return "fault";
  if (s.throttle / s.total >= thresholds.throttle) return "throttle";
  if (s.error / s.total >= thresholds.error) return "error";
  return "ok";
}

/** Too few sampled requests to judge, but some. */
export function isLowConfidence(traffic: Traffic | undefined, thresholds: HealthThresholds): boolean {
  const total = traffic?.statistics.total ?? 0;
  return total > 0 && total < thresholds.minSamples;
}
