// Fault injection: throttling, server errors, added latency, meshes the caller may not touch, a
// stalled endpoint, and a fixed error for one operation (e.g. a 500 on every UpdateRoute). Set at
// start (--faults) and changed at run time (POST /_sandbox/faults).
import { KINDS } from "./appmesh/kinds";
import type { SandboxRequest } from "./protocol";

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
  /** Operations (by API name, e.g. "UpdateRoute") answered with a fixed error instead of being run. */
  operationFaults: Record<string, OperationFault>;
}

/** A fixed error for every call of one operation (or only its next `times` calls). */
export interface OperationFault {
  /** HTTP status, 400–599. */
  status: number;
  /** The error type; by default the service's own for the status (500: InternalServerErrorException, 429: its throttling error, 409: ConflictException, …). */
  type?: string;
  /** Fail only this many calls, then answer normally (counted from when the fault was set). */
  times?: number;
}

export const NO_FAULTS: Faults = { throttle: 0, error: 0, latencyMs: [0, 0], forbiddenMeshes: [], stall: false, credentials: "valid", deniedServices: [], operationFaults: {} };

const APP_MESH_OPERATIONS = [
  ...Object.values(KINDS).flatMap((k) => [`List${k.collection[0].toUpperCase()}${k.collection.slice(1)}`, ...["Describe", "Create", "Update", "Delete"].map((verb) => `${verb}${k.kind}`)]),
  "ListTagsForResource",
  "TagResource",
  "UntagResource",
];
const CLOUD_MAP_TARGET = "Route53AutoNaming_v20170314.";
const CLOUD_MAP_OPERATIONS = [
  "ListNamespaces", "GetNamespace", "CreateHttpNamespace", "CreatePrivateDnsNamespace", "CreatePublicDnsNamespace", "DeleteNamespace", "ListServices", "GetService", "CreateService", "DeleteService",
  "ListInstances", "GetInstance", "DiscoverInstances", "DiscoverInstancesRevision", "GetInstancesHealthStatus", "RegisterInstance", "DeregisterInstance", "UpdateInstanceCustomHealthStatus", "GetOperation", "ListOperations",
];
const XRAY_OPERATIONS: Record<string, string> = {
  "/TraceSegments": "PutTraceSegments",
  "/ServiceGraph": "GetServiceGraph",
  "/TraceGraph": "GetTraceGraph",
  "/TraceSummaries": "GetTraceSummaries",
  "/Traces": "BatchGetTraces",
  "/TimeSeriesServiceStatistics": "GetTimeSeriesServiceStatistics",
  "/Groups": "GetGroups",
  "/GetGroup": "GetGroup",
  "/CreateGroup": "CreateGroup",
  "/UpdateGroup": "UpdateGroup",
  "/DeleteGroup": "DeleteGroup",
};
/** Every operation name an operation fault may name. */
export const KNOWN_OPERATIONS: ReadonlySet<string> = new Set([...APP_MESH_OPERATIONS, ...CLOUD_MAP_OPERATIONS, ...Object.values(XRAY_OPERATIONS)]);

/** The API operation a request calls (e.g. "UpdateRoute"), from its method and path or X-Amz-Target. */
export function operationOf(service: string, request: SandboxRequest): string | undefined {
  if (service === "servicediscovery") {
    const target = request.headers["x-amz-target"];
    const text = Array.isArray(target) ? target[0] : target;
    return text?.startsWith(CLOUD_MAP_TARGET) ? text.slice(CLOUD_MAP_TARGET.length) : undefined;
  }
  if (service === "xray") return XRAY_OPERATIONS[request.path];
  if (service !== "appmesh") return undefined;
  const path = request.path.replace(/^\/v20190125/, "");
  if (path === "/tags") return "ListTagsForResource";
  if (path === "/tag") return "TagResource";
  if (path === "/untag") return "UntagResource";
  const parts = path.split("/").filter(Boolean);
  if (parts[0] !== "meshes") return undefined;
  let kind: string | undefined;
  let item: boolean;
  if (parts.length <= 2) [kind, item] = ["Mesh", parts.length === 2];
  else {
    const collection = parts.length <= 4 ? parts[2] : parts[4];
    kind = Object.values(KINDS).find((k) => k.collection === collection && (parts.length <= 4) === !k.parent)?.kind;
    item = parts.length === 4 || parts.length === 6;
  }
  if (!kind) return undefined;
  const verb = { GET: item ? "Describe" : "List", PUT: item ? "Update" : "Create", DELETE: item ? "Delete" : undefined }[request.method];
  if (!verb) return undefined;
  return verb === "List" ? `List${KINDS[kind as keyof typeof KINDS].collection[0].toUpperCase()}${KINDS[kind as keyof typeof KINDS].collection.slice(1)}` : `${verb}${kind}`;
}

/** Checks one operation fault (name and fields) and returns it in its clean form. */
export function operationFault(operation: string, value: unknown): OperationFault {
  if (!KNOWN_OPERATIONS.has(operation)) throw new Error(`operation fault: unknown operation "${operation}" (an API name such as UpdateRoute or DescribeRoute)`);
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error(`operation fault ${operation}: expected {"status": 500} (optional "type", "times")`);
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) if (!["status", "type", "times"].includes(key)) throw new Error(`operation fault ${operation}: unknown field "${key}" (use status, type, times)`);
  const status = input.status;
  if (typeof status !== "number" || !Number.isInteger(status) || status < 400 || status > 599) throw new Error(`operation fault ${operation}: status must be an HTTP error status from 400 to 599, got ${JSON.stringify(status)}`);
  const fault: OperationFault = { status };
  if (input.type !== undefined) {
    if (typeof input.type !== "string" || !/^[A-Za-z][A-Za-z0-9]*$/.test(input.type)) throw new Error(`operation fault ${operation}: type must be an error type name such as ConflictException`);
    fault.type = input.type;
  }
  if (input.times !== undefined) {
    if (typeof input.times !== "number" || !Number.isInteger(input.times) || input.times < 1) throw new Error(`operation fault ${operation}: times must be a whole number of calls, 1 or more`);
    fault.times = input.times;
  }
  return fault;
}

function operationFaults(value: unknown): Record<string, OperationFault> {
  if (value === null) return {};
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error('operationFaults must be an object such as {"UpdateRoute": {"status": 500}}');
  return Object.fromEntries(Object.entries(value).map(([operation, fault]) => [operation, operationFault(operation, fault)]));
}

/** Parses `throttle=0.1,error=0.02,latency=20-200,forbidden=a+b,stall,credentials=expired,op=UpdateRoute:500[:TIMES]`. */
export function parseFaults(text: string): Faults {
  const faults: Faults = { ...NO_FAULTS, latencyMs: [0, 0], forbiddenMeshes: [], deniedServices: [], operationFaults: {} };
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
    else if (name === "op") {
      for (const entry of value.split("+").filter(Boolean)) {
        const [operation, status, times, ...rest] = entry.split(":");
        if (status === undefined || rest.length) throw new Error(`op must be OPERATION:STATUS[:TIMES], e.g. op=UpdateRoute:500, got "${entry}"`);
        faults.operationFaults[operation] = operationFault(operation, { status: Number(status), ...(times !== undefined ? { times: Number(times) } : {}) });
      }
    } else throw new Error(`unknown fault "${name}" (use throttle, error, latency, forbidden, stall, credentials, deny, op)`);
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
      case "operationFaults":
        next.operationFaults = operationFaults(value);
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
