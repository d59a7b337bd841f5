// Route-weight arithmetic, once: shares, scaling with largest-remainder rounding (integers whose sum
// is kept), canary roles, the promotion ladder and App Mesh's limits. Used by canary promotion, the
// language server's "scale weights to 100" fix and the Meshes view's labels.

/** App Mesh's limits on a route's weighted targets. */
export const WEIGHT_LIMITS = { min: 0, max: 100, maxTotal: 100, minTargets: 1, maxTargets: 10 } as const;

/** The default ladder of canary shares, in percent. */
export const DEFAULT_LADDER: readonly number[] = [1, 5, 10, 25, 50, 100];

/** Each weight's share of the total (0–1); all zero gives zero shares. */
export function sharesOf(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (total > 0 ? w / total : 0));
}

/**
 * Integers in proportion to `parts` adding up to exactly `total` (largest remainder; ties go to the
 * earlier index). All-zero parts split evenly.
 */
export function apportion(parts: number[], total: number): number[] {
  if (!parts.length) return [];
  const sum = parts.reduce((a, b) => a + b, 0);
  const exact = parts.map((p) => (sum > 0 ? (p * total) / sum : total / parts.length));
  const out = exact.map(Math.floor);
  let missing = total - out.reduce((a, b) => a + b, 0);
  const order = [...exact.keys()].sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || a - b);
  for (const i of order) {
    if (missing <= 0) break;
    out[i]++;
    missing--;
  }
  return out;
}

/** Weights scaled to add up to `total` (default 100). */
export function scaleWeights(weights: number[], total = 100): number[] {
  return apportion(weights, total);
}

export interface CanaryRoles {
  /** Index of the baseline: the target with the highest weight. */
  baseline: number;
  canaries: number[];
  /** Several targets share the highest weight: ask the user which is the baseline. */
  ambiguous: boolean;
}

/** A route is a canary when it has two or more targets; the heaviest is the baseline. */
export function canaryRoles(weights: number[], baseline?: number): CanaryRoles | undefined {
  if (weights.length < 2) return undefined;
  const max = Math.max(...weights);
  const heaviest = weights.flatMap((w, i) => (w === max ? [i] : []));
  const chosen = baseline !== undefined && baseline >= 0 && baseline < weights.length ? baseline : heaviest[0];
  return { baseline: chosen, canaries: weights.flatMap((_, i) => (i === chosen ? [] : [i])), ambiguous: baseline === undefined && heaviest.length > 1 };
}

/** The canaries' combined share, in percent (0–100) of the route's total. */
export function canaryPercent(weights: number[], roles: CanaryRoles): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  return (roles.canaries.reduce((sum, i) => sum + weights[i], 0) * 100) / total;
}

/**
 * Weights that give the canaries `percent` of the total (kept; 100 when the weights add up to 0),
 * split among them in proportion to their current weights (evenly when all are 0); the baseline
 * gets the rest. Integers, with the sum exactly kept.
 */
export function weightsForCanary(weights: number[], roles: CanaryRoles, percent: number): number[] {
  const current = weights.reduce((a, b) => a + b, 0);
  const total = current > 0 ? current : 100;
  const p = Math.max(0, Math.min(100, percent));
  const [canaryTotal, baselineTotal] = apportion([p, 100 - p], total);
  const split = apportion(roles.canaries.map((i) => weights[i]), canaryTotal);
  const out = [...weights];
  out[roles.baseline] = baselineTotal;
  roles.canaries.forEach((i, k) => (out[i] = split[k]));
  return out;
}

/** The first ladder step above the canaries' current share, or undefined at 100 %. */
export function nextLadderStep(ladder: readonly number[], currentPercent: number): number | undefined {
  return [...ladder].sort((a, b) => a - b).find((step) => step > currentPercent + 1e-9);
}

/** Why App Mesh would refuse these weights, or undefined when they are acceptable. */
export function weightProblem(weights: number[]): string | undefined {
  if (weights.length < WEIGHT_LIMITS.minTargets || weights.length > WEIGHT_LIMITS.maxTargets) return `a route has 1 to 10 weighted targets, not ${weights.length}`;
  const bad = weights.find((w) => !Number.isInteger(w) || w < WEIGHT_LIMITS.min || w > WEIGHT_LIMITS.max);
  if (bad !== undefined) return `each weight is a whole number from 0 to 100, not ${bad}`;
  const total = weights.reduce((a, b) => a + b, 0);
  if (total > WEIGHT_LIMITS.maxTotal) return `weights add up to at most 100, not ${total}`;
  if (total === 0) return "at least one weight must be above 0";
  return undefined;
}
