// Fault injection: throttling, server errors, added latency, meshes the caller may not touch, and
// a stalled endpoint. Set at start (--faults) and changed at run time (POST /_sandbox/faults).

export interface Faults {
  /** Share of requests answered with the service's throttling error (0–1). */
  throttle: number;
  /** Share of requests answered with the service's internal error (0–1). */
  error: number;
  /** Added latency, uniformly between the two bounds, in milliseconds. */
  latencyMs: [number, number];
  /** Meshes whose resources answer 403 ForbiddenException. */
  forbiddenMeshes: string[];
  /** When true, requests are accepted but never answered (a hung endpoint). */
  stall: boolean;
  /** Answer every request as AWS does for expired or unknown credentials (403), or not at all. */
  credentials: "valid" | "expired" | "invalid";
  /** Services whose every call is denied (AccessDeniedException), e.g. ["xray"]: a role without X-Ray permissions. */
  deniedServices: string[];
}

export const NO_FAULTS: Faults = { throttle: 0, error: 0, latencyMs: [0, 0], forbiddenMeshes: [], stall: false, credentials: "valid", deniedServices: [] };

/** Parses `throttle=0.1,error=0.02,latency=20-200,forbidden=a+b,stall,credentials=expired`. */
export function parseFaults(text: string): Faults {
  const faults: Faults = { ...NO_FAULTS, latencyMs: [0, 0], forbiddenMeshes: [], deniedServices: [] };
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [name, value = ""] = part.split("=");
    if (name === "throttle" || name === "error") faults[name] = ratio(value, name);
    else if (name === "latency") {
      const [low, high = low] = value.split("-").map(Number);
      if (!(low >= 0 && high >= low)) throw new Error(`latency must be MIN-MAX milliseconds, got "${value}"`);
      faults.latencyMs = [low, high];
    } else if (name === "forbidden") faults.forbiddenMeshes = value.split("+").filter(Boolean);
    else if (name === "stall") faults.stall = value !== "false";
    else if (name === "credentials") faults.credentials = credentialsFault(value);
    else if (name === "deny") faults.deniedServices = deniedServices(value.split("+").filter(Boolean));
    else throw new Error(`unknown fault "${name}" (use throttle, error, latency, forbidden, stall, credentials, deny)`);
  }
  return faults;
}

/** Merges a JSON body from the admin endpoint into the current faults, checking each field. */
export function mergeFaults(current: Faults, body: unknown): Faults {
  if (!body || typeof body !== "object") throw new Error("expected a JSON object");
  const next: Faults = { ...current };
  const input = body as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case "throttle":
      case "error":
        next[key] = ratio(String(value), key);
        break;
      case "latencyMs": {
        const pair = Array.isArray(value) ? value.map(Number) : [Number(value), Number(value)];
        if (pair.length !== 2 || !(pair[0] >= 0 && pair[1] >= pair[0])) throw new Error("latencyMs must be [min, max] milliseconds");
        next.latencyMs = [pair[0], pair[1]];
        break;
      }
      case "forbiddenMeshes":
        if (!Array.isArray(value) || !value.every((m) => typeof m === "string")) throw new Error("forbiddenMeshes must be a list of mesh names");
        next.forbiddenMeshes = value;
        break;
      case "stall":
        if (typeof value !== "boolean") throw new Error("stall must be true or false");
        next.stall = value;
        break;
      case "credentials":
        next.credentials = credentialsFault(String(value));
        break;
      case "deniedServices":
        if (!Array.isArray(value)) throw new Error("deniedServices must be a list of service names (appmesh, servicediscovery, xray)");
        next.deniedServices = deniedServices(value);
        break;
      default:
        throw new Error(`unknown fault "${key}"`);
    }
  }
  return next;
}

const SERVICES = ["appmesh", "servicediscovery", "xray"];

function deniedServices(names: unknown[]): string[] {
  for (const name of names) if (typeof name !== "string" || !SERVICES.includes(name)) throw new Error(`a denied service must be one of ${SERVICES.join(", ")}, got "${String(name)}"`);
  return names as string[];
}

function credentialsFault(value: string): Faults["credentials"] {
  if (value !== "valid" && value !== "expired" && value !== "invalid") throw new Error(`credentials must be valid, expired or invalid, got "${value}"`);
  return value;
}

function ratio(value: string, name: string): number {
  const number = Number(value);
  if (!(number >= 0 && number <= 1)) throw new Error(`${name} must be a ratio between 0 and 1, got "${value}"`);
  return number;
}
