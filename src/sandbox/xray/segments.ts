// Segment documents as the X-Ray daemon and SDKs send them, and the checks X-Ray applies before it
// accepts one. Only the fields the sandbox reads are typed; everything else passes through.

export type AnnotationScalar = string | number | boolean;

export interface SegmentHttp {
  request?: { method?: string; url?: string; user_agent?: string; client_ip?: string; [key: string]: unknown };
  response?: { status?: number; content_length?: number; [key: string]: unknown };
  [key: string]: unknown;
}

/** A subsegment embedded in a segment (or sent on its own with type "subsegment"). */
export interface SubsegmentDocument {
  id: string;
  name: string;
  start_time: number;
  end_time?: number;
  in_progress?: boolean;
  namespace?: string;
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  http?: SegmentHttp;
  aws?: { [key: string]: unknown };
  annotations?: Record<string, AnnotationScalar>;
  subsegments?: SubsegmentDocument[];
  [key: string]: unknown;
}

/** A segment document, already parsed from JSON. Fields not listed here are kept as they are. */
export interface SegmentDocument extends SubsegmentDocument {
  trace_id: string;
  parent_id?: string;
  /** AWS resource type of the emitter, e.g. "AWS::AppMesh::Proxy"; it becomes the service's Type. */
  origin?: string;
  /** "subsegment" for a subsegment sent on its own (it then needs parent_id). */
  type?: string;
  aws?: {
    app_mesh?: { mesh_name?: string; virtual_node_name?: string; [key: string]: unknown };
    [key: string]: unknown;
  };
}

export const FLAG_ERROR = 1;
export const FLAG_THROTTLE = 2;
export const FLAG_FAULT = 4;
export const FLAG_IN_PROGRESS = 8;

/** What the store keeps of an accepted document, besides its JSON text. */
export interface ParsedSegment {
  traceId: string;
  id: string;
  parentId: string | undefined;
  /** False for an independent subsegment: it belongs to its parent segment's service. */
  isSegment: boolean;
  name: string;
  type: string;
  start: number;
  /** NaN while in progress. */
  end: number;
  flags: number;
  status: number | undefined;
  method: string | undefined;
  url: string | undefined;
  userAgent: string | undefined;
  clientIp: string | undefined;
  /** Ids of the subsegments nested inside, which downstream segments may name as parent. */
  subIds: string[] | undefined;
  annotations: Record<string, AnnotationScalar> | undefined;
}

/** The Type X-Ray gives a service whose segments carry no origin. */
export const DEFAULT_SERVICE_TYPE = "service";

const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const SEGMENT_ID = /^[0-9a-f]{16}$/;
const MAX_NAME = 200;

export class InvalidSegment extends Error {
  constructor(
    readonly segmentId: string,
    message: string,
  ) {
    super(message);
  }
}

/** The epoch second encoded in a trace id ("1-<8 hex seconds>-<24 hex>"). */
export function traceIdTime(traceId: string): number {
  return parseInt(traceId.slice(2, 10), 16);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function collectIds(subsegments: unknown[], ids: string[], depth: number): string[] {
  for (const sub of subsegments) {
    if (!isObject(sub)) continue;
    if (typeof sub.id === "string") ids.push(sub.id);
    if (Array.isArray(sub.subsegments) && depth < 32) collectIds(sub.subsegments, ids, depth + 1);
  }
  return ids;
}

/** Checks a parsed document and extracts what the store needs; throws InvalidSegment. */
export function parseSegment(doc: unknown): ParsedSegment {
  if (!isObject(doc)) throw new InvalidSegment("", "segment document must be a JSON object");
  const id = str(doc.id) ?? "";
  if (!SEGMENT_ID.test(id)) throw new InvalidSegment(id, "id must be 16 hexadecimal digits");
  const traceId = str(doc.trace_id);
  if (traceId === undefined || !TRACE_ID.test(traceId)) throw new InvalidSegment(id, "trace_id must look like 1-<8 hex digits>-<24 hex digits>");
  const isSegment = doc.type !== "subsegment";
  const parentId = doc.parent_id;
  if (parentId !== undefined && (typeof parentId !== "string" || !SEGMENT_ID.test(parentId))) {
    throw new InvalidSegment(id, "parent_id must be 16 hexadecimal digits");
  }
  if (!isSegment && parentId === undefined) throw new InvalidSegment(id, "an independent subsegment needs parent_id");
  const name = str(doc.name);
  if (name === undefined || name.length === 0 || name.length > MAX_NAME) throw new InvalidSegment(id, `name must be 1 to ${MAX_NAME} characters`);
  const start = doc.start_time;
  if (typeof start !== "number" || !Number.isFinite(start)) throw new InvalidSegment(id, "start_time must be a number of epoch seconds");
  const inProgress = doc.in_progress === true;
  let end = NaN;
  if (!inProgress) {
    if (typeof doc.end_time !== "number" || !Number.isFinite(doc.end_time)) {
      throw new InvalidSegment(id, "end_time is required unless in_progress is true");
    }
    end = doc.end_time as number;
  }
  const origin = doc.origin;
  if (origin !== undefined && typeof origin !== "string") throw new InvalidSegment(id, "origin must be a string");

  const http = isObject(doc.http) ? doc.http : undefined;
  const request = http && isObject(http.request) ? http.request : undefined;
  const response = http && isObject(http.response) ? http.response : undefined;
  const status = typeof response?.status === "number" ? response.status : undefined;

  let flags = 0;
  if (doc.error === undefined && doc.fault === undefined && doc.throttle === undefined && status !== undefined) {
    if (status === 429) flags = FLAG_ERROR | FLAG_THROTTLE;
    else if (status >= 400 && status < 500) flags = FLAG_ERROR;
    else if (status >= 500) flags = FLAG_FAULT;
  } else {
    if (doc.error === true) flags |= FLAG_ERROR;
    if (doc.throttle === true) flags |= FLAG_ERROR | FLAG_THROTTLE;
    if (doc.fault === true) flags |= FLAG_FAULT;
  }
  if (inProgress) flags |= FLAG_IN_PROGRESS;

  const subIds = Array.isArray(doc.subsegments) ? collectIds(doc.subsegments, [], 0) : undefined;

  let annotations: Record<string, AnnotationScalar> | undefined;
  if (isObject(doc.annotations)) {
    for (const [key, value] of Object.entries(doc.annotations)) {
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        (annotations ??= {})[key] = value;
      }
    }
  }

  return {
    traceId: traceId as string,
    id,
    parentId: parentId as string | undefined,
    isSegment,
    name: name as string,
    type: (origin as string | undefined) ?? DEFAULT_SERVICE_TYPE,
    start: start as number,
    end,
    flags,
    status,
    method: str(request?.method),
    url: str(request?.url),
    userAgent: str(request?.user_agent),
    clientIp: str(request?.client_ip),
    subIds,
    annotations,
  };
}
