// The progressive promotion's gate, pure: from X-Ray's per-minute statistics of the canary and the
// baseline over one interval, pass, fail or hold (inconclusive: too few samples, never a pass); and
// what the promotion does next after each decision (step, hold, roll back after N failures, done).
import type { XrayStatistics } from "./serviceMap/xrayGraph";

export interface GateThresholds {
  /** Highest error + fault share (percent of sampled requests) the canary may have in any minute. */
  maxErrorPercent: number;
  /** Highest p95 latency (ms) the canary may have in any minute. */
  maxP95Ms: number;
  /** Highest canary p95 as a multiple of the baseline's (e.g. 1.5)… */
  maxP95Ratio: number;
  /** …counted only when the canary is also this many ms slower (5 ms against 9 ms is not a regression). */
  p95SlackMs: number;
  /** Fewer sampled canary requests than this over the interval: inconclusive. */
  minSamples: number;
}

export const DEFAULT_GATE: GateThresholds = { maxErrorPercent: 5, maxP95Ms: 1000, maxP95Ratio: 1.5, p95SlackMs: 25, minSamples: 20 };

/** One minute of one side (service stats, and the caller → target edge's, which see failures the target never logged). */
export interface MinuteStats {
  statistics: XrayStatistics;
  p95Ms?: number;
}

export interface GateInput {
  canary: MinuteStats[];
  baseline: MinuteStats[];
}

export type GateDecision =
  | { verdict: "pass"; reason: string; samples: number }
  | { verdict: "fail"; reason: string; samples: number }
  | { verdict: "inconclusive"; reason: string; samples: number };

const badPercent = (s: XrayStatistics) => (s.total > 0 ? ((s.error + s.throttle + s.fault) * 100) / s.total : 0);
const round = (n: number) => Math.round(n * 10) / 10;

export function gate(input: GateInput, thresholds: GateThresholds): GateDecision {
  const samples = input.canary.reduce((sum, m) => sum + m.statistics.total, 0);
  if (samples < thresholds.minSamples) {
    return { verdict: "inconclusive", samples, reason: `only ${samples} sampled canary requests (at least ${thresholds.minSamples} needed): holding` };
  }
  const minutes = input.canary.filter((m) => m.statistics.total > 0);
  const worstErrors = Math.max(...minutes.map((m) => badPercent(m.statistics)));
  if (worstErrors > thresholds.maxErrorPercent) {
    return { verdict: "fail", samples, reason: `canary errors and faults reached ${round(worstErrors)} % in a minute (limit ${thresholds.maxErrorPercent} %)` };
  }
  const p95s = minutes.flatMap((m) => (m.p95Ms !== undefined ? [m.p95Ms] : []));
  const worstP95 = p95s.length ? Math.max(...p95s) : undefined;
  if (worstP95 !== undefined && worstP95 > thresholds.maxP95Ms) {
    return { verdict: "fail", samples, reason: `canary p95 reached ${round(worstP95)} ms (limit ${thresholds.maxP95Ms} ms)` };
  }
  const baselineP95s = input.baseline.flatMap((m) => (m.p95Ms !== undefined && m.statistics.total > 0 ? [m.p95Ms] : []));
  const baselineP95 = baselineP95s.length ? Math.max(...baselineP95s) : undefined;
  if (worstP95 !== undefined && baselineP95 !== undefined && baselineP95 > 0 && worstP95 > baselineP95 * thresholds.maxP95Ratio && worstP95 - baselineP95 > thresholds.p95SlackMs) {
    return { verdict: "fail", samples, reason: `canary p95 ${round(worstP95)} ms is over ${thresholds.maxP95Ratio}× the baseline's ${round(baselineP95)} ms` };
  }
  return {
    verdict: "pass",
    samples,
    reason: `${samples} sampled requests, errors and faults at most ${round(worstErrors)} %${worstP95 !== undefined ? `, p95 at most ${round(worstP95)} ms` : ""}`,
  };
}

export interface PromotionProgress {
  /** Canary share now, percent. */
  percent: number;
  failures: number;
}

export type PromotionAction =
  | { action: "step"; toPercent: number }
  | { action: "hold" }
  | { action: "rollback" }
  | { action: "done" };

/** After a decision: the next ladder step on a pass, hold when inconclusive, roll back after `maxFailures` failures. */
export function nextAction(progress: PromotionProgress, decision: GateDecision, ladder: readonly number[], maxFailures: number): PromotionAction {
  if (decision.verdict === "inconclusive") return { action: "hold" };
  if (decision.verdict === "fail") return progress.failures + 1 >= maxFailures ? { action: "rollback" } : { action: "hold" };
  const next = [...ladder].sort((a, b) => a - b).find((step) => step > progress.percent + 1e-9);
  return next === undefined ? { action: "done" } : { action: "step", toPercent: next };
}
