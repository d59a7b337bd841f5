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
  /**
   * Whether the node's Envoy sends X-Ray segments. Without tracing its callers' subsegments for it
   * get no child segment, so X-Ray draws it as an inferred `remote` node named after the service.
   */
  tracing: boolean;
  /** Hosts outside the mesh the node calls on each request; each becomes a `remote` node. */
  externalCalls: readonly string[];
}

export const DEFAULT_PROFILE: NodeProfile = Object.freeze({
  rps: 20,
  latencyMs: 12,
  errorRate: 0.01,
  faultRate: 0.005,
  throttleRate: 0,
  tracing: true,
  externalCalls: Object.freeze([]) as readonly string[],
});

/** A host name (with an optional port): also a valid X-Ray node name. */
const HOST = /^(?=.{1,200}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d{1,5})?$/;
const MAX_EXTERNAL_CALLS = 10;

/** A profile from a state file written before a field existed gets that field's default. */
export function completeProfile(saved: Partial<NodeProfile>): NodeProfile {
  return { ...DEFAULT_PROFILE, ...saved };
}

/** Checks a profile update from the admin endpoint; unknown fields and bad values are refused. */
export function mergeProfile(current: NodeProfile, body: unknown): NodeProfile {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new Error("expected a JSON object");
  const next: NodeProfile = { ...completeProfile(current) };
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (!(key in DEFAULT_PROFILE)) throw new Error(`unknown profile field "${key}" (use ${Object.keys(DEFAULT_PROFILE).join(", ")})`);
    if (key === "tracing") {
      if (typeof value !== "boolean") throw new Error("tracing must be true or false");
      next.tracing = value;
      continue;
    }
    if (key === "externalCalls") {
      next.externalCalls = externalCalls(value);
      continue;
    }
    const number = Number(value);
    const ratio = key.endsWith("Rate");
    if (typeof value === "boolean" || value === null || !Number.isFinite(number) || number < 0 || (ratio && number > 1)) {
      throw new Error(`${key} must be ${ratio ? "between 0 and 1" : "a number of at least 0"}`);
    }
    (next as unknown as Record<string, number>)[key] = number;
  }
  return next;
}

function externalCalls(value: unknown): string[] {
  if (!Array.isArray(value)) throw new Error('externalCalls must be a list of host names, e.g. ["pricing.example.com"]');
  if (value.length > MAX_EXTERNAL_CALLS) throw new Error(`externalCalls takes at most ${MAX_EXTERNAL_CALLS} host names`);
  for (const host of value) {
    if (typeof host !== "string" || !HOST.test(host)) {
      throw new Error(`externalCalls: ${JSON.stringify(host)} is not a host name (letters, digits, '-' and '.', optionally :port)`);
    }
  }
  return [...new Set(value as string[])];
}
