// An in-memory AWS X-Ray that unmodified SDK v3 clients can talk to (restJson1: every operation is a
// POST with a JSON body; timestamps travel as epoch seconds). The traffic simulator in the same
// process feeds it directly through putSegments().

import { createHash } from "node:crypto";
import {
  DEFAULT_REGION,
  SANDBOX_ACCOUNT,
  ServiceError,
  type Clock,
  type SandboxRequest,
  type SandboxResponse,
  type SandboxService,
} from "../protocol";
import {
  evaluate,
  FilterSyntaxError,
  parseEntitySelector,
  parseFilter,
  selects,
  type Expr,
  type Keyword,
  type Scalar,
  type Selector,
  type Subject,
} from "./filter";
import {
  FLAG_ERROR,
  FLAG_FAULT,
  FLAG_IN_PROGRESS,
  FLAG_THROTTLE,
  InvalidSegment,
  parseSegment,
  traceIdTime,
  type AnnotationScalar,
  type SegmentDocument,
} from "./segments";
import { Aggregate, edgeEnds, round, Stats } from "./stats";
import { CLIENT, UNRESOLVED, XRayStore, type InferredCall, type StoredRemote, type StoredSegment, type StoredTrace } from "./store";

export interface XRayServiceOptions {
  /** How long (by the clock) a trace is kept after its last segment arrived. Default 600 s. */
  retentionSeconds?: number;
  /** Most traces kept; the least recently updated go first. Default 20,000. */
  maxTraces?: number;
  /** Width of the statistics buckets. Default 60 s; time-series periods are multiples of it. */
  bucketSeconds?: number;
  /** How long (by the clock) aggregated statistics are kept. Default 24 h. */
  statsRetentionSeconds?: number;
  /** The region in group ARNs (one X-Ray per region). Default us-east-1. */
  region?: string;
}

export interface UnprocessedSegment {
  id: string;
  message: string;
}

type Body = Record<string, unknown>;
type Operation = (input: Body) => unknown;

const SUMMARY_PAGE_SIZE = 100;
/** Services per GetServiceGraph / GetTraceGraph page: X-Ray pages them, so clients must merge pages. */
const GRAPH_PAGE_SIZE = 100;
/** BatchGetTraces takes at most five trace ids per call. */
const MAX_BATCH_TRACES = 5;

interface Group {
  name: string;
  arn: string;
  filter: string | undefined;
  expr: Expr | undefined;
  insightsEnabled: boolean;
  notificationsEnabled: boolean;
}

function invalid(message: string): ServiceError {
  return new ServiceError("InvalidRequestException", 400, message);
}

function isObject(value: unknown): value is Body {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function timestamp(input: Body, key: string): number {
  const value = input[key];
  if (value === undefined || value === null) throw invalid(`${key} is required`);
  let seconds = NaN;
  if (typeof value === "number") seconds = value;
  else if (typeof value === "string") seconds = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : Date.parse(value) / 1000;
  if (!Number.isFinite(seconds)) throw invalid(`${key} is not a valid timestamp`);
  return seconds;
}

function optionalString(input: Body, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(`${key} must be a string`);
  return value;
}

function optionalBoolean(input: Body, key: string): boolean | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalid(`${key} must be a boolean`);
  return value;
}

function window(input: Body): { start: number; end: number } {
  const start = timestamp(input, "StartTime");
  const end = timestamp(input, "EndTime");
  if (end < start) throw invalid("EndTime must not be earlier than StartTime");
  return { start, end };
}

/** A page offset carried in NextToken (base64 of "<what>:<offset>"), so one call's token fits no other. */
function pageToken(what: string, offset: number): string {
  return Buffer.from(`${what}:${offset}`).toString("base64");
}

function pageOffset(input: Body, what: string): number {
  const token = optionalString(input, "NextToken");
  if (token === undefined || token === "") return 0;
  const match = new RegExp(`^${what}:(\\d+)$`).exec(Buffer.from(token, "base64").toString("utf8"));
  if (!match) throw invalid("NextToken is not valid");
  return Number(match[1]);
}

/** One page of a graph's services, with the token for the next. */
function graphPage(services: unknown[], what: string, offset: number): { Services: unknown[]; NextToken?: string } {
  const next = offset + GRAPH_PAGE_SIZE;
  return { Services: services.slice(offset, next), ...(next < services.length ? { NextToken: pageToken(what, next) } : {}) };
}

function filterOrThrow(text: string): Expr {
  try {
    return parseFilter(text);
  } catch (e) {
    if (e instanceof FilterSyntaxError) throw invalid(`Invalid filter expression: ${e.message}`);
    throw e;
  }
}

export class XRayService implements SandboxService {
  readonly name = "xray";
  readonly protocol = "restJson1" as const;
  readonly throttleError = { type: "ThrottledException", status: 429 };
  /** The X-Ray model declares no server error; this is AWS's common one. */
  readonly serverError = { type: "InternalFailure", status: 500 };

  private readonly store: XRayStore;
  private readonly groups = new Map<string, Group>();
  private readonly operations: Record<string, Operation>;
  readonly region: string;

  constructor(
    private readonly clock: Clock,
    options: XRayServiceOptions = {},
  ) {
    const bucketSeconds = options.bucketSeconds ?? 60;
    if (!(bucketSeconds > 0)) throw new RangeError("bucketSeconds must be positive");
    this.region = options.region ?? DEFAULT_REGION;
    this.store = new XRayStore(clock, {
      retentionSeconds: options.retentionSeconds ?? 600,
      maxTraces: options.maxTraces ?? 20_000,
      bucketSeconds,
      statsRetentionSeconds: options.statsRetentionSeconds ?? 86_400,
    });
    this.groups.set("Default", {
      name: "Default",
      arn: `arn:aws:xray:${this.region}:${SANDBOX_ACCOUNT}:group/Default`,
      filter: undefined,
      expr: undefined,
      insightsEnabled: false,
      notificationsEnabled: false,
    });
    this.operations = {
      "/TraceSegments": (input) => this.putTraceSegments(input),
      "/ServiceGraph": (input) => this.getServiceGraph(input),
      "/TraceGraph": (input) => this.getTraceGraph(input),
      "/TraceSummaries": (input) => this.getTraceSummaries(input),
      "/Traces": (input) => this.batchGetTraces(input),
      "/TimeSeriesServiceStatistics": (input) => this.getTimeSeriesServiceStatistics(input),
      "/Groups": () => this.getGroups(),
      "/GetGroup": (input) => ({ Group: this.renderGroup(this.findGroup(input)) }),
      "/CreateGroup": (input) => this.createGroup(input),
      "/UpdateGroup": (input) => this.updateGroup(input),
      "/DeleteGroup": (input) => this.deleteGroup(input),
    };
  }

  owns(request: SandboxRequest): boolean {
    return request.method === "POST" && Object.hasOwn(this.operations, request.path);
  }

  handle(request: SandboxRequest): SandboxResponse {
    if (!this.owns(request)) {
      throw new ServiceError("UnknownOperationException", 404, `No X-Ray operation at ${request.method} ${request.path}`);
    }
    const body = request.body ?? {};
    if (!isObject(body)) throw invalid("The request body must be a JSON object");
    return { status: 200, body: this.operations[request.path](body) };
  }

  // ---- in-process API for the traffic simulator ----

  /**
   * Accepts parsed segment documents (the simulator's fast path); returns those rejected. The
   * service keeps the objects as they are (BatchGetTraces serialises them when asked), so the
   * caller must not change them afterwards.
   */
  putSegments(documents: SegmentDocument[]): { unprocessed: UnprocessedSegment[] } {
    const unprocessed: UnprocessedSegment[] = [];
    for (const document of documents) {
      try {
        this.store.add(parseSegment(document), document);
      } catch (e) {
        if (!(e instanceof InvalidSegment)) throw e;
        unprocessed.push({ id: e.segmentId, message: e.message });
      }
    }
    this.store.expire();
    return { unprocessed };
  }

  /** Sizes, for tests and the benchmark: retained traces and segments, statistics buckets. */
  stats(): { traces: number; segments: number; buckets: number } {
    this.store.expire();
    return this.store.counts();
  }

  // ---- operations ----

  private putTraceSegments(input: Body): unknown {
    const documents = input.TraceSegmentDocuments;
    if (!Array.isArray(documents)) throw invalid("TraceSegmentDocuments is required");
    const unprocessed: { Id?: string; ErrorCode: string; Message: string }[] = [];
    for (const text of documents) {
      if (typeof text !== "string") {
        unprocessed.push({ ErrorCode: "InvalidSegment", Message: "a segment document must be a JSON string" });
        continue;
      }
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch {
        unprocessed.push({ ErrorCode: "MalformedJson", Message: "the segment document is not valid JSON" });
        continue;
      }
      try {
        this.store.add(parseSegment(document), text);
      } catch (e) {
        if (!(e instanceof InvalidSegment)) throw e;
        unprocessed.push({ ...(e.segmentId ? { Id: e.segmentId } : {}), ErrorCode: "InvalidSegment", Message: e.message });
      }
    }
    this.store.expire();
    return { UnprocessedTraceSegments: unprocessed };
  }

  private getServiceGraph(input: Body): unknown {
    const { start, end } = window(input);
    const offset = pageOffset(input, "graph");
    const group = this.findGroup(input);
    const aggregate = this.aggregate(group, start, end, undefined).get(0) ?? new Aggregate();
    return { StartTime: start, EndTime: end, ...graphPage(this.renderGraph(aggregate), "graph", offset), ContainsOldGroupVersions: false };
  }

  private getTraceGraph(input: Body): unknown {
    const ids = input.TraceIds;
    if (!Array.isArray(ids)) throw invalid("TraceIds is required");
    const offset = pageOffset(input, "tracegraph");
    this.store.expire();
    const traces = ids.map((id) => (typeof id === "string" ? this.store.live(id) : undefined)).filter((t) => t !== undefined);
    const aggregate = this.store.aggregateTraces(traces, -Infinity, Infinity, undefined).get(0) ?? new Aggregate();
    return graphPage(this.renderGraph(aggregate), "tracegraph", offset);
  }

  private getTraceSummaries(input: Body): unknown {
    const { start, end } = window(input);
    const rangeType = optionalString(input, "TimeRangeType") ?? "TraceId";
    if (!["TraceId", "Event", "Service"].includes(rangeType)) throw invalid("TimeRangeType must be TraceId, Event or Service");
    optionalBoolean(input, "Sampling");
    const filterText = optionalString(input, "FilterExpression");
    const expr = filterText !== undefined && filterText.trim() !== "" ? filterOrThrow(filterText) : undefined;
    const token = optionalString(input, "NextToken");
    let offset = 0;
    if (token !== undefined) {
      offset = Number(Buffer.from(token, "base64").toString("utf8"));
      if (!Number.isInteger(offset) || offset < 0) throw invalid("NextToken is not valid");
    }

    this.store.expire();
    const matches: TraceView[] = [];
    let processed = 0;
    for (const trace of this.store.liveTraces()) {
      if (rangeType === "TraceId") {
        const time = traceIdTime(trace.id);
        if (time < Math.floor(start) || time > end) continue;
      }
      const view = new TraceView(this.store, trace);
      if (rangeType !== "TraceId" && !(view.start >= start && view.start <= end)) continue;
      processed++;
      if (!expr || evaluate(expr, view)) matches.push(view);
    }
    // Newest first, as X-Ray returns them.
    matches.sort((a, b) => b.start - a.start || (a.trace.id < b.trace.id ? 1 : a.trace.id > b.trace.id ? -1 : 0));
    const page = matches.slice(offset, offset + SUMMARY_PAGE_SIZE);
    const next = offset + SUMMARY_PAGE_SIZE < matches.length ? Buffer.from(String(offset + SUMMARY_PAGE_SIZE)).toString("base64") : undefined;
    return {
      TraceSummaries: page.map((view) => view.summary()),
      ApproximateTime: this.clock.now() / 1000,
      TracesProcessedCount: processed,
      ...(next ? { NextToken: next } : {}),
    };
  }

  private batchGetTraces(input: Body): unknown {
    const ids = input.TraceIds;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string")) throw invalid("TraceIds is required");
    if (ids.length > MAX_BATCH_TRACES) throw invalid(`TraceIds holds ${ids.length} trace IDs; BatchGetTraces takes at most ${MAX_BATCH_TRACES}`);
    if (optionalString(input, "NextToken")) throw invalid("BatchGetTraces does not page: ask for at most 5 trace IDs per call, without NextToken");
    this.store.expire();
    const traces: unknown[] = [];
    const unprocessed: string[] = [];
    for (const id of ids as string[]) {
      const trace = this.store.live(id);
      if (!trace) {
        unprocessed.push(id);
        continue;
      }
      const view = new TraceView(this.store, trace);
      traces.push({
        Id: id,
        Duration: view.duration,
        LimitExceeded: false,
        Segments: trace.segments.map((s) => ({ Id: s.id, Document: s.documentText() })),
      });
    }
    return { Traces: traces, UnprocessedTraceIds: unprocessed };
  }

  private getTimeSeriesServiceStatistics(input: Body): unknown {
    const { start, end } = window(input);
    const group = this.findGroup(input);
    const selectorText = optionalString(input, "EntitySelectorExpression");
    let selector: ReturnType<typeof parseEntitySelector> | undefined;
    if (selectorText !== undefined) {
      try {
        selector = parseEntitySelector(selectorText);
      } catch (e) {
        if (e instanceof FilterSyntaxError) throw invalid(`Invalid entity selector expression: ${e.message}`);
        throw e;
      }
    }
    const size = this.store.options.bucketSeconds;
    const periodValue = input.Period ?? size;
    if (typeof periodValue !== "number" || !Number.isInteger(periodValue) || periodValue <= 0 || periodValue % size !== 0) {
      throw invalid(`Period must be a positive multiple of ${size} seconds`);
    }
    // Pick the selected statistics out of each bucket (or, for a filtered group, each period
    // computed from its traces) and sum them per period.
    const pick = this.picker(selector);
    const sums = new Map<number, Stats>();
    const collect = (slot: number, aggregate: Aggregate) => {
      for (const stats of pick(aggregate)) {
        let sum = sums.get(slot);
        if (!sum) sums.set(slot, (sum = new Stats()));
        sum.merge(stats);
      }
    };
    if (group.expr) {
      for (const [slot, aggregate] of this.aggregate(group, start, end, periodValue)) collect(slot, aggregate);
    } else {
      for (const [key, bucket] of this.store.bucketsIn(start, end)) collect(Math.floor(key / periodValue) * periodValue, bucket);
    }
    const statsField = selector?.kind === "service" ? "ServiceSummaryStatistics" : "EdgeSummaryStatistics";
    const series = [...sums]
      .filter(([, stats]) => stats.total > 0)
      .sort((a, b) => a[0] - b[0])
      .map(([slot, stats]) => ({ Timestamp: slot, [statsField]: stats.summary(), ResponseTimeHistogram: stats.histogramEntries() }));
    return { TimeSeriesServiceStatistics: series, ContainsOldGroupVersions: false };
  }

  /** Which statistics of an aggregate an entity selector takes: a service's, an edge's, or (none) the client edges. */
  private picker(selector: ReturnType<typeof parseEntitySelector> | undefined): (aggregate: Aggregate) => Stats[] {
    const services = this.store.services;
    if (selector?.kind === "service") {
      const chosen = services.filter((e) => e.index !== CLIENT && selects(selector.selector, e.name, e.type)).map((e) => e.index);
      return (aggregate) => chosen.map((i) => aggregate.services.get(i)).filter((s) => s !== undefined);
    }
    const fromOk = services.map((e) => (selector ? selects(selector.from, e.name, e.type) : e.index === CLIENT));
    const toOk = services.map((e) => (selector ? selects(selector.to, e.name, e.type) : true));
    return (aggregate) => {
      const picked: Stats[] = [];
      for (const [key, stats] of aggregate.edges) {
        const [from, to] = edgeEnds(key);
        if (fromOk[from] && toOk[to]) picked.push(stats);
      }
      return picked;
    };
  }

  private getGroups(): unknown {
    return { Groups: [...this.groups.values()].map((g) => this.renderGroup(g)) };
  }

  private createGroup(input: Body): unknown {
    const name = optionalString(input, "GroupName");
    if (name === undefined) throw invalid("GroupName is required");
    if (name.length < 1 || name.length > 32 || !/^[A-Za-z0-9_.-]+$/.test(name)) {
      throw invalid("GroupName must be 1 to 32 letters, digits, '.', '_' or '-'");
    }
    if (this.groups.has(name)) throw invalid(`Group ${name} already exists`);
    const filter = optionalString(input, "FilterExpression");
    const insights = isObject(input.InsightsConfiguration) ? input.InsightsConfiguration : {};
    const suffix = createHash("sha256").update(`${name}:${this.clock.now()}:${this.groups.size}`).digest("hex").slice(0, 26).toUpperCase();
    const group: Group = {
      name,
      arn: `arn:aws:xray:${this.region}:${SANDBOX_ACCOUNT}:group/${name}/${suffix}`,
      filter,
      expr: filter !== undefined ? filterOrThrow(filter) : undefined,
      insightsEnabled: insights.InsightsEnabled === true,
      notificationsEnabled: insights.NotificationsEnabled === true,
    };
    this.groups.set(name, group);
    return { Group: this.renderGroup(group) };
  }

  private updateGroup(input: Body): unknown {
    const group = this.findGroup(input, true);
    const filter = optionalString(input, "FilterExpression");
    if (filter !== undefined) {
      if (group.name === "Default") throw invalid("The Default group's filter expression cannot be changed");
      group.expr = filterOrThrow(filter);
      group.filter = filter;
    }
    if (isObject(input.InsightsConfiguration)) {
      const insights = input.InsightsConfiguration;
      if (typeof insights.InsightsEnabled === "boolean") group.insightsEnabled = insights.InsightsEnabled;
      if (typeof insights.NotificationsEnabled === "boolean") group.notificationsEnabled = insights.NotificationsEnabled;
    }
    return { Group: this.renderGroup(group) };
  }

  private deleteGroup(input: Body): unknown {
    const group = this.findGroup(input, true);
    if (group.name === "Default") throw invalid("The Default group cannot be deleted");
    this.groups.delete(group.name);
    return {};
  }

  // ---- helpers ----

  private findGroup(input: Body, required = false): Group {
    const name = optionalString(input, "GroupName");
    const arn = optionalString(input, "GroupARN");
    if (name === undefined && arn === undefined) {
      if (required) throw invalid("GroupName or GroupARN is required");
      return this.groups.get("Default") as Group;
    }
    const byName = name !== undefined ? this.groups.get(name) : undefined;
    const byArn = arn !== undefined ? [...this.groups.values()].find((g) => g.arn === arn) : undefined;
    const group = byName ?? byArn;
    if (!group || (name !== undefined && arn !== undefined && byName !== byArn)) throw invalid("Group not found");
    return group;
  }

  private renderGroup(group: Group): unknown {
    return {
      GroupName: group.name,
      GroupARN: group.arn,
      ...(group.filter !== undefined ? { FilterExpression: group.filter } : {}),
      InsightsConfiguration: { InsightsEnabled: group.insightsEnabled, NotificationsEnabled: group.notificationsEnabled },
    };
  }

  /** Statistics for a window: from the buckets, or for a filtered group from the retained traces. */
  private aggregate(group: Group, start: number, end: number, period: number | undefined): Map<number, Aggregate> {
    const expr = group.expr;
    if (!expr) return this.store.aggregateBuckets(start, end, period);
    this.store.expire();
    const traces: StoredTrace[] = [];
    for (const trace of this.store.liveTraces()) {
      if (evaluate(expr, new TraceView(this.store, trace))) traces.push(trace);
    }
    return this.store.aggregateTraces(traces, start, end, period);
  }

  private renderGraph(aggregate: Aggregate): unknown[] {
    const outgoing = new Map<number, [number, Stats][]>();
    // Statistics taken back to zero (an inferred call a late segment answered) draw nothing.
    const present = new Set<number>([...aggregate.services].filter(([, stats]) => stats.total > 0).map(([index]) => index));
    const roots = new Set<number>();
    for (const [key, stats] of aggregate.edges) {
      if (stats.total <= 0) continue;
      const [from, to] = edgeEnds(key);
      let list = outgoing.get(from);
      if (!list) outgoing.set(from, (list = []));
      list.push([to, stats]);
      present.add(from);
      present.add(to);
      if (from === CLIENT) roots.add(to);
    }
    const services: unknown[] = [];
    for (const index of [...present].sort((a, b) => a - b)) {
      const entry = this.store.services[index];
      const edges = (outgoing.get(index) ?? [])
        .sort((a, b) => a[0] - b[0])
        .map(([to, stats]) => ({
          ReferenceId: to,
          StartTime: stats.first,
          EndTime: stats.last,
          SummaryStatistics: stats.summary(),
          ResponseTimeHistogram: stats.histogramEntries(),
          Aliases: [],
        }));
      if (index === CLIENT) {
        services.push({
          ReferenceId: CLIENT,
          Name: entry.name,
          Names: [entry.name],
          Root: false,
          Type: entry.type,
          State: "unknown",
          StartTime: Math.min(...edges.map((e) => e.StartTime)),
          EndTime: Math.max(...edges.map((e) => e.EndTime)),
          Edges: edges,
        });
        continue;
      }
      const stats = aggregate.services.get(index) ?? new Stats();
      const histogram = stats.histogramEntries();
      services.push({
        ReferenceId: index,
        Name: entry.name,
        Names: [entry.name],
        Root: roots.has(index),
        Type: entry.type,
        State: "active",
        ...(stats.total > 0 ? { StartTime: stats.first, EndTime: stats.last } : {}),
        Edges: edges,
        SummaryStatistics: stats.summary(),
        DurationHistogram: histogram,
        ResponseTimeHistogram: histogram,
      });
    }
    return services;
  }
}

/** A trace seen as a whole, for summaries and filter expressions. */
class TraceView implements Subject {
  readonly start: number;
  readonly end: number;
  readonly root: StoredSegment | undefined;
  readonly flags: number;
  readonly partial: boolean;

  constructor(
    private readonly store: XRayStore,
    readonly trace: StoredTrace,
  ) {
    let start = Infinity;
    let end = -Infinity;
    let flags = 0;
    let partial = trace.unresolved > 0;
    let root: StoredSegment | undefined;
    for (const s of trace.segments) {
      if (s.start < start) start = s.start;
      if (s.end > end) end = s.end;
      flags |= s.flags;
      if (s.flags & FLAG_IN_PROGRESS) partial = true;
      if (s.service >= 0 && s.parentId === undefined && (!root || s.start < root.start)) root = s;
    }
    this.start = start;
    this.end = end;
    this.flags = flags;
    this.partial = partial;
    this.root = root;
  }

  get duration(): number | undefined {
    return this.end >= this.start ? round(this.end - this.start) : undefined;
  }

  get responseTime(): number | undefined {
    return this.root && !(this.root.flags & FLAG_IN_PROGRESS) ? round(this.root.end - this.root.start) : undefined;
  }

  private inferredCalls: InferredCall[] | undefined;

  /** Remote calls no segment answers: the trace's inferred nodes. */
  get inferred(): InferredCall[] {
    return (this.inferredCalls ??= this.store.inferredCalls(this.trace));
  }

  /** Whether a selector names any service ever inferred: if not, this trace's remote calls need no look. */
  private mayBeInferred(selector: Selector): boolean {
    for (const index of this.store.inferredServices) {
      const entry = this.store.services[index];
      if (selects(selector, entry.name, entry.type)) return true;
    }
    return false;
  }

  keyword(keyword: Keyword): boolean {
    if (keyword === "inferred") return this.inferred.length > 0;
    if (keyword === "root") return this.root !== undefined;
    return keywordOf(keyword, this.flags, this.partial);
  }

  values(field: string): Scalar[] {
    switch (field) {
      case "responsetime":
        return this.responseTime !== undefined ? [this.responseTime] : [];
      case "duration":
        return this.duration !== undefined ? [this.duration] : [];
    }
    if (field.startsWith("annotation.")) {
      const key = field.slice("annotation.".length);
      const values: Scalar[] = [];
      for (const s of this.trace.segments) {
        const value = s.annotations?.[key];
        if (value !== undefined) values.push(value);
      }
      return values;
    }
    return this.root ? httpValues(this.root, field) : [];
  }

  services(selector: Selector): Subject[] {
    const subjects: Subject[] = [];
    for (const s of this.trace.segments) {
      if (s.service < 0) continue;
      const entry = this.store.services[s.service];
      if (selects(selector, entry.name, entry.type)) subjects.push(new SegmentSubject(this, s));
    }
    if (!this.mayBeInferred(selector)) return subjects;
    for (const { call } of this.inferred) {
      const entry = this.store.services[call.service];
      if (selects(selector, entry.name, entry.type)) subjects.push(new InferredSubject(this, call));
    }
    return subjects;
  }

  edges(from: Selector, to: Selector): Subject[] {
    const subjects: Subject[] = [];
    for (const s of this.trace.segments) {
      if (s.service < 0 || s.caller === UNRESOLVED || s.caller === s.service) continue;
      const callee = this.store.services[s.service];
      const caller = this.store.services[s.caller];
      if (selects(from, caller.name, caller.type) && selects(to, callee.name, callee.type)) {
        subjects.push(new SegmentSubject(this, s));
      }
    }
    if (!this.mayBeInferred(to)) return subjects;
    for (const { call, caller } of this.inferred) {
      const callee = this.store.services[call.service];
      const from_ = this.store.services[caller];
      if (selects(from, from_.name, from_.type) && selects(to, callee.name, callee.type)) subjects.push(new InferredSubject(this, call));
    }
    return subjects;
  }

  private serviceId(index: number): Record<string, unknown> {
    const entry = this.store.services[index];
    return { Name: entry.name, Names: [entry.name], Type: entry.type };
  }

  /** Segments that failed (by flag) while none of the segments they called did. */
  private rootCauses(flag: number): unknown[] {
    const failed = this.trace.segments.filter((s) => s.service >= 0 && s.flags & flag);
    const causes: unknown[] = [];
    for (const s of failed) {
      const passedOn = failed.some((child) => child !== s && child.parentId !== undefined && this.store.holderOf(this.trace, child.parentId) === s);
      if (passedOn) continue;
      const entry = this.store.services[s.service];
      causes.push({
        Services: [{ ...this.serviceId(s.service), EntityPath: [{ Name: entry.name, Exceptions: [], Remote: false }], Inferred: false }],
        ClientImpacting: this.root !== undefined && (this.root.flags & flag) !== 0,
      });
    }
    return causes;
  }

  summary(): Record<string, unknown> {
    const serviceIndexes: number[] = [];
    const annotations = new Map<string, Map<AnnotationScalar, Set<number>>>();
    for (const s of this.trace.segments) {
      if (s.service >= 0 && !serviceIndexes.includes(s.service)) serviceIndexes.push(s.service);
    }
    for (const { call } of this.inferred) if (!serviceIndexes.includes(call.service)) serviceIndexes.push(call.service);
    for (const s of this.trace.segments) {
      if (!s.annotations) continue;
      const owner = s.service >= 0 ? s.service : s.parentId ? this.store.ownerOf(this.trace, s.parentId) : UNRESOLVED;
      for (const [key, value] of Object.entries(s.annotations)) {
        let byValue = annotations.get(key);
        if (!byValue) annotations.set(key, (byValue = new Map()));
        let owners = byValue.get(value);
        if (!owners) byValue.set(value, (owners = new Set()));
        if (owner >= 0) owners.add(owner);
      }
    }
    const root = this.root;
    const http: Record<string, unknown> = {};
    if (root) {
      if (root.url !== undefined) http.HttpURL = root.url;
      if (root.status !== undefined) http.HttpStatus = root.status;
      if (root.method !== undefined) http.HttpMethod = root.method;
      if (root.userAgent !== undefined) http.UserAgent = root.userAgent;
      if (root.clientIp !== undefined) http.ClientIp = root.clientIp;
    }
    const annotationOutput: Record<string, unknown> = {};
    for (const [key, byValue] of annotations) {
      annotationOutput[key] = [...byValue].map(([value, owners]) => ({
        AnnotationValue:
          typeof value === "number" ? { NumberValue: value } : typeof value === "boolean" ? { BooleanValue: value } : { StringValue: value },
        ServiceIds: [...owners].map((i) => this.serviceId(i)),
      }));
    }
    return {
      Id: this.trace.id,
      ...(Number.isFinite(this.start) ? { StartTime: this.start } : {}),
      Duration: this.duration,
      ResponseTime: this.responseTime,
      HasFault: (this.flags & FLAG_FAULT) !== 0,
      HasError: (this.flags & FLAG_ERROR) !== 0,
      HasThrottle: (this.flags & FLAG_THROTTLE) !== 0,
      IsPartial: this.partial,
      Http: http,
      Annotations: annotationOutput,
      Users: [],
      ServiceIds: serviceIndexes.map((i) => this.serviceId(i)),
      ResourceARNs: [],
      InstanceIds: [],
      AvailabilityZones: [],
      ...(root ? { EntryPoint: this.serviceId(root.service) } : {}),
      FaultRootCauses: this.rootCauses(FLAG_FAULT),
      ErrorRootCauses: this.rootCauses(FLAG_ERROR),
      ResponseTimeRootCauses: [],
      Revision: this.trace.segments.length,
    };
  }
}

/** One segment inside a service(...) { ... } or edge(...) { ... } body. */
class SegmentSubject implements Subject {
  constructor(
    private readonly trace: TraceView,
    private readonly segment: StoredSegment,
  ) {}

  keyword(keyword: Keyword): boolean {
    if (keyword === "inferred") return false;
    if (keyword === "root") return this.segment.service >= 0 && this.segment.parentId === undefined;
    return keywordOf(keyword, this.segment.flags, (this.segment.flags & FLAG_IN_PROGRESS) !== 0);
  }

  values(field: string): Scalar[] {
    const s = this.segment;
    if (field === "responsetime" || field === "duration") return s.flags & FLAG_IN_PROGRESS ? [] : [round(s.end - s.start)];
    if (field.startsWith("annotation.")) {
      const value = s.annotations?.[field.slice("annotation.".length)];
      return value !== undefined ? [value] : [];
    }
    return httpValues(s, field);
  }

  services(selector: Selector): Subject[] {
    return this.trace.services(selector);
  }

  edges(from: Selector, to: Selector): Subject[] {
    return this.trace.edges(from, to);
  }
}

/** An inferred node's part in a trace: the caller's subsegment for the call nobody answered. */
class InferredSubject implements Subject {
  constructor(
    private readonly trace: TraceView,
    private readonly call: StoredRemote,
  ) {}

  keyword(keyword: Keyword): boolean {
    if (keyword === "inferred") return true;
    if (keyword === "root") return false;
    return keywordOf(keyword, this.call.flags, false);
  }

  values(field: string): Scalar[] {
    const c = this.call;
    const value =
      field === "responsetime" || field === "duration" ? round(c.end - c.start)
      : field === "http.status" ? c.status
      : field === "http.url" ? c.url
      : field === "http.method" ? c.method
      : undefined;
    return value !== undefined ? [value] : [];
  }

  services(selector: Selector): Subject[] {
    return this.trace.services(selector);
  }

  edges(from: Selector, to: Selector): Subject[] {
    return this.trace.edges(from, to);
  }
}

function keywordOf(keyword: Keyword, flags: number, partial: boolean): boolean {
  switch (keyword) {
    case "ok":
      return (flags & (FLAG_ERROR | FLAG_FAULT | FLAG_THROTTLE)) === 0;
    case "error":
      return (flags & FLAG_ERROR) !== 0;
    case "fault":
      return (flags & FLAG_FAULT) !== 0;
    case "throttle":
      return (flags & FLAG_THROTTLE) !== 0;
    case "partial":
      return partial;
    default:
      return false;
  }
}

function httpValues(s: StoredSegment, field: string): Scalar[] {
  const value =
    field === "http.status" ? s.status
    : field === "http.url" ? s.url
    : field === "http.method" ? s.method
    : field === "http.useragent" ? s.userAgent
    : field === "http.clientip" ? s.clientIp
    : undefined;
  return value !== undefined ? [value] : [];
}
