// Where accepted segments go. Two layers:
//  - statistics, aggregated as segments arrive into fixed time buckets keyed by service and edge, so
//    a service graph or time series over hours reads a few hundred small records per bucket;
//  - raw traces, kept only for a retention window and up to a count (oldest dropped first), for
//    trace summaries, filter expressions, BatchGetTraces and graphs of filtered groups.

import type { Clock } from "../protocol";
import { FLAG_IN_PROGRESS, type AnnotationScalar, type ParsedSegment, type RemoteCall } from "./segments";
import { Aggregate } from "./stats";

export const CLIENT = 0;
/** caller of a segment whose parent has not arrived (or never will). */
export const UNRESOLVED = -1;

export interface ServiceEntry {
  readonly index: number;
  readonly name: string;
  readonly type: string;
}

/** A remote or AWS call with the index of the node X-Ray would infer for it. */
export interface StoredRemote extends RemoteCall {
  readonly service: number;
}

/** An inferred call whose statistics the buckets hold, kept so a late child segment can take them back. */
interface CountedRemote {
  readonly call: StoredRemote;
  readonly caller: number;
  readonly bucket: number;
}

/** One accepted segment (or independent subsegment) of a retained trace. A class, so every
 * instance shares one shape: hundreds of thousands pass through an hour of simulated traffic. */
export class StoredSegment {
  readonly id: string;
  readonly parentId: string | undefined;
  /** Index of the segment's service; -1 for an independent subsegment. */
  readonly service: number;
  readonly start: number;
  /** NaN while in progress. */
  readonly end: number;
  readonly flags: number;
  readonly status: number | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly userAgent: string | undefined;
  readonly clientIp: string | undefined;
  readonly subIds: string[] | undefined;
  readonly annotations: Record<string, AnnotationScalar> | undefined;
  readonly remotes: StoredRemote[] | undefined;
  /** Index of the calling service (CLIENT for a root segment), or UNRESOLVED. */
  caller = UNRESOLVED;
  /** Whether the service and edge statistics have taken this segment in. */
  countedService = false;
  countedEdge = false;

  constructor(
    parsed: ParsedSegment,
    service: number,
    remotes: StoredRemote[] | undefined,
    /** The document as received: JSON text over HTTP, the object itself from the simulator. */
    private readonly document: string | object,
  ) {
    this.id = parsed.id;
    this.parentId = parsed.parentId;
    this.service = service;
    this.start = parsed.start;
    this.end = parsed.end;
    this.flags = parsed.flags;
    this.status = parsed.status;
    this.method = parsed.method;
    this.url = parsed.url;
    this.userAgent = parsed.userAgent;
    this.clientIp = parsed.clientIp;
    this.subIds = parsed.subIds;
    this.annotations = parsed.annotations;
    this.remotes = remotes;
  }

  /** The document as JSON text, for BatchGetTraces. */
  documentText(): string {
    return typeof this.document === "string" ? this.document : JSON.stringify(this.document);
  }
}

export interface StoredTrace {
  readonly id: string;
  /** Clock time (ms) of the last segment received, for retention. */
  touched: number;
  readonly segments: StoredSegment[];
  unresolved: number;
  /** Remote calls counted as inferred nodes, by subsegment id, until a child segment shows up. */
  inferred?: Map<string, CountedRemote>;
}

/** A remote call of a trace that no segment answers, with its caller: an inferred node. */
export interface InferredCall {
  readonly call: StoredRemote;
  readonly caller: number;
}

export interface StoreOptions {
  retentionSeconds: number;
  maxTraces: number;
  bucketSeconds: number;
  statsRetentionSeconds: number;
}

export class XRayStore {
  readonly services: ServiceEntry[] = [{ index: CLIENT, name: "client", type: "client" }];
  /** Services ever inferred from remote calls, so queries about others can skip looking for them. */
  readonly inferredServices = new Set<number>();
  /** Service index by type, then name. */
  private readonly serviceIndex = new Map<string, Map<string, number>>();
  /** Retained traces by id. Use live()/liveTraces() in queries: expiry also follows the clock. */
  readonly traces = new Map<string, StoredTrace>();
  /** Traces in order of first arrival, from `head` on: the order in which they are dropped. */
  private arrivals: (StoredTrace | undefined)[] = [];
  private head = 0;
  readonly buckets = new Map<number, Aggregate>();
  private segmentCount = 0;
  private oldestBucket = Infinity;

  constructor(
    private readonly clock: Clock,
    readonly options: StoreOptions,
  ) {}

  serviceOf(name: string, type: string): number {
    let byName = this.serviceIndex.get(type);
    if (!byName) this.serviceIndex.set(type, (byName = new Map()));
    let index = byName.get(name);
    if (index === undefined) {
      index = this.services.length;
      this.services.push({ index, name, type });
      byName.set(name, index);
    }
    return index;
  }

  counts(): { traces: number; segments: number; buckets: number } {
    return { traces: this.traces.size, segments: this.segmentCount, buckets: this.buckets.size };
  }

  /** Adds one accepted segment. Call `expire()` once after a batch. */
  add(parsed: ParsedSegment, document: string | object): void {
    const now = this.clock.now();
    let trace = this.traces.get(parsed.traceId);
    if (!trace) {
      trace = { id: parsed.traceId, touched: now, segments: [], unresolved: 0 };
      this.traces.set(parsed.traceId, trace);
      this.arrivals.push(trace);
    }
    trace.touched = now;

    const remotes = parsed.remotes?.map((r) => {
      const service = this.serviceOf(r.name, r.type);
      this.inferredServices.add(service);
      return { ...r, service };
    });
    const segment = new StoredSegment(parsed, parsed.isSegment ? this.serviceOf(parsed.name, parsed.type) : -1, remotes, document);
    const segments = trace.segments;
    const existing = segments.findIndex((s) => s.id === parsed.id);
    if (existing >= 0) {
      const previous = segments[existing];
      // A completed segment replaces its in-progress version; a repeat of a completed one only
      // replaces the stored document (its statistics were already counted).
      if (!(previous.flags & FLAG_IN_PROGRESS) && segment.flags & FLAG_IN_PROGRESS) return;
      if (previous.service === segment.service) {
        segment.countedService = previous.countedService;
        segment.countedEdge = previous.countedEdge;
        segment.caller = previous.caller;
      }
      if (previous.service >= 0 && previous.caller === UNRESOLVED) trace.unresolved--;
      segments[existing] = segment;
    } else {
      segments.push(segment);
      this.segmentCount++;
    }

    if (segment.service >= 0) {
      if (segment.caller === UNRESOLVED) {
        segment.caller = this.resolveCaller(trace, segment);
        if (segment.caller === UNRESOLVED) trace.unresolved++;
      }
      this.count(segment);
    }
    // The new segment (or subsegment) may be the parent others were waiting for.
    const othersWaiting = trace.unresolved - (segment.service >= 0 && segment.caller === UNRESOLVED ? 1 : 0);
    if (othersWaiting > 0) {
      for (const other of segments) {
        if (other.service < 0 || other.caller !== UNRESOLVED || other === segment) continue;
        other.caller = this.resolveCaller(trace, other);
        if (other.caller !== UNRESOLVED) {
          trace.unresolved--;
          this.count(other);
        }
      }
    }
    // A segment answering a remote call replaces the inferred node drawn for it (the child may
    // arrive after its parent, in a later batch); calls nobody answers yet become inferred nodes.
    if (segment.service >= 0 && segment.parentId !== undefined) this.uncountInferred(trace, segment.parentId);
    if (segment.remotes) this.countInferred(trace, segment);
  }

  private countInferred(trace: StoredTrace, segment: StoredSegment): void {
    const caller = segment.service >= 0 ? segment.service : segment.parentId ? this.ownerOf(trace, segment.parentId) : UNRESOLVED;
    if (caller === UNRESOLVED) return;
    for (const call of segment.remotes as StoredRemote[]) {
      if (trace.inferred?.has(call.id)) continue;
      if (trace.segments.some((s) => s.service >= 0 && s.parentId === call.id)) continue;
      const bucket = this.bucketFor(call.start);
      if (!bucket) continue;
      bucket.service(call.service).add(call.start, call.end, call.flags);
      bucket.edge(caller, call.service).add(call.start, call.end, call.flags);
      (trace.inferred ??= new Map()).set(call.id, { call, caller, bucket: this.bucketKey(call.start) });
    }
  }

  private uncountInferred(trace: StoredTrace, subsegmentId: string): void {
    const counted = trace.inferred?.get(subsegmentId);
    if (!counted) return;
    trace.inferred?.delete(subsegmentId);
    const bucket = this.buckets.get(counted.bucket);
    if (!bucket) return;
    const { call, caller } = counted;
    bucket.service(call.service).remove(call.start, call.end, call.flags);
    bucket.edge(caller, call.service).remove(call.start, call.end, call.flags);
  }

  /** The trace's remote calls that no segment answers, each with the service that made it. */
  inferredCalls(trace: StoredTrace): InferredCall[] {
    let answered: Set<string> | undefined;
    const calls: InferredCall[] = [];
    for (const s of trace.segments) {
      if (!s.remotes) continue;
      answered ??= new Set(trace.segments.filter((c) => c.service >= 0 && c.parentId !== undefined).map((c) => c.parentId as string));
      const caller = s.service >= 0 ? s.service : s.parentId ? this.ownerOf(trace, s.parentId) : UNRESOLVED;
      if (caller === UNRESOLVED) continue;
      for (const call of s.remotes) if (!answered.has(call.id)) calls.push({ call, caller });
    }
    return calls;
  }

  /** The service owning a segment or subsegment id within the trace, following independent subsegments. */
  ownerOf(trace: StoredTrace, id: string, depth = 0): number {
    for (const s of trace.segments) {
      if (s.id === id || s.subIds?.includes(id)) {
        if (s.service >= 0) return s.service;
        return s.parentId && depth < 16 ? this.ownerOf(trace, s.parentId, depth + 1) : UNRESOLVED;
      }
    }
    return UNRESOLVED;
  }

  /** The segment or independent subsegment that holds an id. */
  holderOf(trace: StoredTrace, id: string): StoredSegment | undefined {
    return trace.segments.find((s) => s.id === id || s.subIds?.includes(id));
  }

  private resolveCaller(trace: StoredTrace, segment: StoredSegment): number {
    return segment.parentId === undefined ? CLIENT : this.ownerOf(trace, segment.parentId);
  }

  private count(segment: StoredSegment): void {
    if (segment.flags & FLAG_IN_PROGRESS) return;
    const needService = !segment.countedService;
    const needEdge = !segment.countedEdge && segment.caller !== UNRESOLVED && segment.caller !== segment.service;
    if (!needService && !needEdge) return;
    const bucket = this.bucketFor(segment.start);
    if (!bucket) return;
    if (needService) {
      bucket.service(segment.service).add(segment.start, segment.end, segment.flags);
      segment.countedService = true;
    }
    if (needEdge) {
      bucket.edge(segment.caller, segment.service).add(segment.start, segment.end, segment.flags);
      segment.countedEdge = true;
    }
  }

  private bucketKey(start: number): number {
    const size = this.options.bucketSeconds;
    return Math.floor(start / size) * size;
  }

  private bucketFor(start: number): Aggregate | undefined {
    const size = this.options.bucketSeconds;
    const key = this.bucketKey(start);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const horizon = this.clock.now() / 1000 - this.options.statsRetentionSeconds;
      if (key + size <= horizon) return undefined;
      bucket = new Aggregate();
      this.buckets.set(key, bucket);
      if (key < this.oldestBucket) this.oldestBucket = key;
      if (this.oldestBucket + size <= horizon) this.pruneBuckets(horizon);
    }
    return bucket;
  }

  private pruneBuckets(horizon: number): void {
    let oldest = Infinity;
    for (const key of [...this.buckets.keys()]) {
      if (key + this.options.bucketSeconds <= horizon) this.buckets.delete(key);
      else if (key < oldest) oldest = key;
    }
    this.oldestBucket = oldest;
  }

  /**
   * Drops the oldest traces (by first arrival) while there are more than maxTraces or the oldest
   * has had no segment within the retention window. A trace that is still receiving segments can
   * hold back the drop of later ones for a while; live() hides those from queries meanwhile.
   */
  expire(): void {
    const cutoff = this.retentionCutoff();
    const arrivals = this.arrivals;
    while (this.head < arrivals.length) {
      const trace = arrivals[this.head] as StoredTrace;
      if (this.traces.size <= this.options.maxTraces && trace.touched >= cutoff) break;
      this.traces.delete(trace.id);
      this.segmentCount -= trace.segments.length;
      arrivals[this.head++] = undefined;
    }
    if (this.head > 1024 && this.head * 2 > arrivals.length) {
      this.arrivals = arrivals.slice(this.head);
      this.head = 0;
    }
  }

  private retentionCutoff(): number {
    return this.clock.now() - this.options.retentionSeconds * 1000;
  }

  /** A retained trace by id, unless the retention window has passed it by. */
  live(id: string): StoredTrace | undefined {
    const trace = this.traces.get(id);
    return trace && trace.touched >= this.retentionCutoff() ? trace : undefined;
  }

  *liveTraces(): Generator<StoredTrace> {
    const cutoff = this.retentionCutoff();
    for (const trace of this.traces.values()) if (trace.touched >= cutoff) yield trace;
  }

  /** The buckets overlapping [start, end), with their start times. */
  *bucketsIn(start: number, end: number): Generator<[number, Aggregate]> {
    const size = this.options.bucketSeconds;
    for (const entry of this.buckets) if (entry[0] < end && entry[0] + size > start) yield entry;
  }

  /** Statistics of the buckets overlapping [start, end), merged per period (all in 0 without one). */
  aggregateBuckets(start: number, end: number, period: number | undefined): Map<number, Aggregate> {
    const result = new Map<number, Aggregate>();
    for (const [key, bucket] of this.bucketsIn(start, end)) {
      const slot = period ? Math.floor(key / period) * period : 0;
      let target = result.get(slot);
      if (!target) result.set(slot, (target = new Aggregate()));
      target.merge(bucket);
    }
    return result;
  }

  /** Statistics computed from raw traces, for segments starting in [start, end). */
  aggregateTraces(
    traces: Iterable<StoredTrace>,
    start: number,
    end: number,
    period: number | undefined,
  ): Map<number, Aggregate> {
    const result = new Map<number, Aggregate>();
    for (const trace of traces) {
      for (const s of trace.segments) {
        if (s.service < 0 || s.flags & FLAG_IN_PROGRESS || s.start < start || s.start >= end) continue;
        const slot = period ? Math.floor(s.start / period) * period : 0;
        let target = result.get(slot);
        if (!target) result.set(slot, (target = new Aggregate()));
        target.service(s.service).add(s.start, s.end, s.flags);
        if (s.caller !== UNRESOLVED && s.caller !== s.service) target.edge(s.caller, s.service).add(s.start, s.end, s.flags);
      }
      for (const { call, caller } of this.inferredCalls(trace)) {
        if (call.start < start || call.start >= end) continue;
        const slot = period ? Math.floor(call.start / period) * period : 0;
        let target = result.get(slot);
        if (!target) result.set(slot, (target = new Aggregate()));
        target.service(call.service).add(call.start, call.end, call.flags);
        target.edge(caller, call.service).add(call.start, call.end, call.flags);
      }
    }
    return result;
  }
}
