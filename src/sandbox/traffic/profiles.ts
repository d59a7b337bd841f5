// How each virtual node (or gateway) behaves in simulated traffic.

export interface NodeProfile {
  /** Requests per second entering at this node when it is an entry point (gateways, top services). */
  rps: number;
  /** Median of the node's own latency, in milliseconds. */
  latencyMs: number;
  /** Shares of requests answered 4xx (error), 5xx (fault) and 429 (throttle), each 0–1. */
  errorRate: number;
  faultRate: number;
  throttleRate: number;
}

export const DEFAULT_PROFILE: NodeProfile = { rps: 20, latencyMs: 12, errorRate: 0.01, faultRate: 0.005, throttleRate: 0 };

/** Checks a profile update from the admin endpoint; unknown fields and bad values are refused. */
export function mergeProfile(current: NodeProfile, body: unknown): NodeProfile {
  if (!body || typeof body !== "object") throw new Error("expected a JSON object");
  const next = { ...current };
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (!(key in DEFAULT_PROFILE)) throw new Error(`unknown profile field "${key}" (use ${Object.keys(DEFAULT_PROFILE).join(", ")})`);
    const number = Number(value);
    const ratio = key.endsWith("Rate");
    if (!Number.isFinite(number) || number < 0 || (ratio && number > 1)) throw new Error(`${key} must be ${ratio ? "between 0 and 1" : "a number of at least 0"}`);
    next[key as keyof NodeProfile] = number;
  }
  return next;
}
