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

/**
 * A call to something outside the emitter (a subsegment with namespace "remote", or "aws" for an
 * AWS SDK call). When no segment names it as parent, X-Ray draws the callee as an inferred node.
 */
export interface RemoteCall {
  id: string;
  /** The inferred node's name: the subsegment's name (a hostname, or "DynamoDB" for AWS calls). */
  name: string;
  /** "remote", or an AWS resource type such as "AWS::DynamoDB::Table". */
  type: string;
  start: number;
  end: number;
  flags: number;
  status: number | undefined;
  url: string | undefined;
  method: string | undefined;
}

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
  /** Completed remote and AWS subsegments, outermost only (a call's own subsegments are its details). */
  remotes: RemoteCall[] | undefined;
}

/** The Type X-Ray gives a service whose segments carry no origin. */
export const DEFAULT_SERVICE_TYPE = "service";

const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const SEGMENT_ID = /^[0-9a-f]{16}$/;
const MAX_NAME = 200;
/** X-Ray's rule for names: Unicode letters and digits, spaces and _ . : / % & # = + \ - @. */
const NAME_CHARACTERS = /^[\p{L}\p{N}\p{Zs}_.:/%&#=+\\\-@]+$/u;

export function isValidName(name: string): boolean {
  return name.length >= 1 && name.length <= MAX_NAME && NAME_CHARACTERS.test(name);
}

/** Resource types X-Ray gives AWS SDK calls by service; others become AWS::<name>. */
const AWS_TYPES: Record<string, string> = {
  DynamoDB: "AWS::DynamoDB::Table",
  S3: "AWS::S3::Bucket",
  SQS: "AWS::SQS::Queue",
};

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

/** Outcome flags: the explicit error/fault/throttle fields, else the HTTP status. */
function outcomeFlags(doc: Record<string, unknown>, status: number | undefined): number {
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
  return flags;
}

function httpOf(doc: Record<string, unknown>) {
  const http = isObject(doc.http) ? doc.http : undefined;
  const request = http && isObject(http.request) ? http.request : undefined;
  const response = http && isObject(http.response) ? http.response : undefined;
  return { request, status: typeof response?.status === "number" ? response.status : undefined };
}

/** The inferred call a subsegment describes, if it is a completed remote or AWS call with a usable name. */
function remoteCall(sub: Record<string, unknown>): RemoteCall | undefined {
  const { id, name, start_time: start, end_time: end } = sub;
  if (typeof id !== "string" || typeof name !== "string" || !isValidName(name)) return undefined;
  if (typeof start !== "number" || typeof end !== "number" || sub.in_progress === true) return undefined;
  const { request, status } = httpOf(sub);
  return {
    id,
    name,
    type: sub.namespace === "aws" ? (AWS_TYPES[name] ?? `AWS::${name}`) : "remote",
    start,
    end,
    flags: outcomeFlags(sub, status),
    status,
    url: str(request?.url),
    method: str(request?.method),
  };
}

function collectIds(subsegments: unknown[], ids: string[], remotes: RemoteCall[], depth: number, inRemote: boolean): void {
  for (const sub of subsegments) {
    if (!isObject(sub)) continue;
    if (typeof sub.id === "string") ids.push(sub.id);
    const isRemote = sub.namespace === "remote" || sub.namespace === "aws";
    if (isRemote && !inRemote) {
      const call = remoteCall(sub);
      if (call) remotes.push(call);
    }
    if (Array.isArray(sub.subsegments) && depth < 32) collectIds(sub.subsegments, ids, remotes, depth + 1, inRemote || isRemote);
  }
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
  if (isSegment && !NAME_CHARACTERS.test(name)) {
    throw new InvalidSegment(id, "name may hold only letters, digits, spaces and _ . : / % & # = + \\ - @");
  }
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

  const { request, status } = httpOf(doc);
  let flags = outcomeFlags(doc, status);
  if (inProgress) flags |= FLAG_IN_PROGRESS;

  let subIds: string[] | undefined;
  let remotes: RemoteCall[] | undefined;
  if (Array.isArray(doc.subsegments)) {
    subIds = [];
    const found: RemoteCall[] = [];
    // An independent subsegment that is itself a remote call counts as one, as if embedded.
    collectIds(doc.subsegments, subIds, found, 0, !isSegment && (doc.namespace === "remote" || doc.namespace === "aws"));
    if (found.length) remotes = found;
  }
  if (!isSegment && (doc.namespace === "remote" || doc.namespace === "aws")) {
    const self = remoteCall(doc);
    if (self) (remotes ??= []).unshift(self);
  }

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
    remotes,
  };
}
