// Simulated traffic: each tick, requests enter each mesh at its virtual gateways (or at its
// top-level services), follow gateway routes, services, routers and route weights as they stand at
// that moment, call each node's backends, and leave X-Ray segments shaped like Envoy's in App Mesh.
import { randomBytes } from "node:crypto";
import { gatewayRouteService, weightedTargets } from "../../model/routeSemantics";
import type { MeshStore, ResourceData } from "../appmesh/store";
import { DEFAULT_PROFILE, type NodeProfile } from "./profiles";
import type { SimClock } from "./simClock";

/** Where segments go (the sandbox's X-Ray). */
export interface SegmentSink {
  putSegments(documents: Record<string, unknown>[]): unknown;
}

export interface SimulatorOptions {
  /** Share of requests that are traced, as X-Ray sampling would (App Mesh's default is 5%). */
  sampling: number;
  random: () => number;
  /** Deepest chain of calls followed from an entry point. */
  maxDepth?: number;
}

type Obj = Record<string, unknown>;
const asObject = (value: unknown): Obj => (value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : {});
const asList = (value: unknown): Obj[] => (Array.isArray(value) ? (value as Obj[]) : []);

interface Call {
  /** Seconds, own plus downstream. */
  duration: number;
  fault: boolean;
  /** The HTTP status the caller sees. */
  status: number;
}

/** Median latency of a call to a host outside the mesh, in seconds; such calls always succeed. */
const EXTERNAL_LATENCY = 0.04;

/** The caller's view of a call's outcome, as Envoy records it on the subsegment. */
function outcome(status: number): Obj {
  return status === 429 ? { error: true, throttle: true } : status >= 500 ? { fault: true } : status >= 400 ? { error: true } : {};
}

export class TrafficSimulator {
  private readonly profiles = new Map<string, NodeProfile>();
  /** Fractional requests carried over between ticks, per entry point. */
  private readonly carry = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  /** Requests generated so far (sampled ones), for tests and the admin status. */
  traced = 0;

  constructor(
    private readonly store: MeshStore,
    private readonly sink: SegmentSink,
    private readonly clock: SimClock,
    readonly options: SimulatorOptions,
  ) {}

  profile(mesh: string, node: string): NodeProfile {
    return this.profiles.get(`${mesh}/${node}`) ?? DEFAULT_PROFILE;
  }

  setProfile(mesh: string, node: string, profile: NodeProfile): void {
    this.profiles.set(`${mesh}/${node}`, profile);
  }

  profilesSnapshot(): Record<string, NodeProfile> {
    return Object.fromEntries(this.profiles);
  }

  /** Runs one tick per `intervalMs` of wall time, each covering the same span of simulated time. */
  start(intervalMs = 1000): void {
    this.stop();
    this.timer = setInterval(() => this.simulate(intervalMs / 1000), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Simulates `seconds` of traffic; with advance, moves the clock forward over that span first
   * (one second at a time, so memory holds one second of segments, not the whole span).
   */
  tick(seconds = 1, advance = true): number {
    if (!advance) return this.simulate(seconds);
    let segments = 0;
    for (let left = seconds; left > 0; left -= 1) {
      const step = Math.min(1, left);
      this.clock.advance(step * 1000);
      segments += this.simulate(step);
    }
    return segments;
  }

  /** Generates the requests of the `seconds` that end now and hands their segments to the sink. */
  private simulate(seconds: number): number {
    const end = this.clock.now() / 1000;
    const documents: Obj[] = [];
    for (const mesh of this.store.list("Mesh")) {
      for (const entry of this.entryPoints(mesh.name)) {
        const key = `${mesh.name}/${entry.name}`;
        const expected = this.profile(mesh.name, entry.name).rps * seconds * this.options.sampling + (this.carry.get(key) ?? 0);
        const count = Math.floor(expected);
        this.carry.set(key, expected - count);
        for (let i = 0; i < count; i++) {
          const start = end - seconds + this.options.random() * seconds;
          const traceId = `1-${Math.floor(start).toString(16).padStart(8, "0")}-${randomBytes(12).toString("hex")}`;
          this.visit(mesh.name, entry, traceId, undefined, start, documents, 0, new Set());
          this.traced++;
        }
      }
    }
    if (documents.length) this.sink.putSegments(documents);
    return documents.length;
  }

  private entryPoints(mesh: string): ResourceData[] {
    const gateways = this.store.list("VirtualGateway", mesh);
    if (gateways.length) return gateways;
    // Without a gateway, traffic starts at the providers of services no node calls.
    const called = new Set(this.store.list("VirtualNode", mesh).flatMap((n) => asList(n.spec.backends).map((b) => String(asObject(b.virtualService).virtualServiceName))));
    return this.store
      .list("VirtualService", mesh)
      .filter((s) => !called.has(s.name))
      .flatMap((s) => this.providerNodes(mesh, s))
      .filter((n, i, all) => all.indexOf(n) === i);
  }

  private providerNodes(mesh: string, service: ResourceData): ResourceData[] {
    const provider = asObject(service.spec.provider);
    const nodeName = asObject(provider.virtualNode).virtualNodeName;
    if (typeof nodeName === "string") return [this.store.get("VirtualNode", mesh, undefined, nodeName)].filter((n): n is ResourceData => !!n);
    return [];
  }

  /** Picks the node that serves one request to a virtual service, following router weights. */
  private resolve(mesh: string, serviceName: string): ResourceData | undefined {
    const service = this.store.get("VirtualService", mesh, undefined, serviceName);
    if (!service) return undefined;
    const provider = asObject(service.spec.provider);
    const nodeName = asObject(provider.virtualNode).virtualNodeName;
    if (typeof nodeName === "string") return this.store.get("VirtualNode", mesh, undefined, nodeName);
    const routerName = asObject(provider.virtualRouter).virtualRouterName;
    if (typeof routerName !== "string") return undefined;
    const routes = this.store.list("Route", mesh, routerName);
    if (!routes.length) return undefined;
    const route = routes[Math.floor(this.options.random() * routes.length)];
    const targets = weightedTargets(route.spec);
    const total = targets.reduce((sum, t) => sum + (Number(t.weight) || 0), 0);
    if (total <= 0) return undefined;
    let pick = this.options.random() * total;
    for (const target of targets) {
      pick -= Number(target.weight) || 0;
      if (pick < 0) return this.store.get("VirtualNode", mesh, undefined, String(target.virtualNode));
    }
    return undefined;
  }

  private visit(mesh: string, resource: ResourceData, traceId: string, parentId: string | undefined, start: number, out: Obj[], depth: number, seen: Set<string>): Call {
    const profile = this.profile(mesh, resource.name);
    // A node whose Envoy does not trace sends nothing; what it calls still happens (it shapes its
    // latency and faults) but leaves no segments either, as its trace header goes no further.
    if (profile.tracing === false) out = [];
    const id = randomBytes(8).toString("hex");
    const own = (profile.latencyMs / 1000) * Math.exp((this.options.random() - 0.5) * 0.8);
    const subsegments: Obj[] = [];
    let elapsed = own / 2;
    let downstreamFault = false;

    if (depth < (this.options.maxDepth ?? 5) && !seen.has(resource.name)) {
      const path = new Set(seen).add(resource.name);
      for (const serviceName of this.downstream(mesh, resource)) {
        const target = this.resolve(mesh, serviceName);
        if (!target) continue;
        const subId = randomBytes(8).toString("hex");
        const call = this.visit(mesh, target, traceId, subId, start + elapsed, out, depth + 1, path);
        subsegments.push({
          id: subId,
          name: serviceName,
          namespace: "remote",
          start_time: start + elapsed,
          end_time: start + elapsed + call.duration,
          ...outcome(call.status),
          http: { request: { method: "GET", url: `http://${serviceName}/` }, response: { status: call.status } },
        });
        elapsed += call.duration;
        downstreamFault ||= call.fault;
      }
    }
    for (const host of profile.externalCalls ?? []) {
      const seconds = EXTERNAL_LATENCY * Math.exp((this.options.random() - 0.5) * 0.8);
      subsegments.push({
        id: randomBytes(8).toString("hex"),
        name: host,
        namespace: "remote",
        start_time: start + elapsed,
        end_time: start + elapsed + seconds,
        http: { request: { method: "GET", url: `https://${host}/` }, response: { status: 200 } },
      });
      elapsed += seconds;
    }
    elapsed += own / 2;

    // A failed backend call fails the request (5xx); otherwise the node's own rates decide.
    const roll = this.options.random();
    const throttle = !downstreamFault && roll < profile.throttleRate;
    const error = !downstreamFault && !throttle && roll < profile.throttleRate + profile.errorRate;
    const fault = downstreamFault || (!throttle && !error && roll < profile.throttleRate + profile.errorRate + profile.faultRate);
    const status = throttle ? 429 : error ? 404 : fault ? 503 : 200;
    out.push({
      trace_id: traceId,
      id,
      ...(parentId ? { parent_id: parentId } : {}),
      name: `${mesh}/${resource.name}`,
      origin: "AWS::AppMesh::Proxy",
      start_time: start,
      end_time: start + elapsed,
      ...(throttle ? { throttle: true, error: true } : error ? { error: true } : fault ? { fault: true } : {}),
      http: { request: { method: "GET", url: `http://${resource.name}/` }, response: { status } },
      // Envoy writes virtual_node_name for gateways too.
      aws: { app_mesh: { mesh_name: mesh, virtual_node_name: resource.name } },
      ...(subsegments.length ? { subsegments } : {}),
    });
    return { duration: elapsed, fault, status };
  }

  /** Virtual services a node calls (its backends), or that a gateway routes to. */
  private downstream(mesh: string, resource: ResourceData): string[] {
    if (resource.kind === "VirtualGateway") {
      const routes = this.store.list("GatewayRoute", mesh, resource.name);
      if (!routes.length) return [];
      const route = routes[Math.floor(this.options.random() * routes.length)];
      const name = gatewayRouteService(route.spec);
      return typeof name === "string" ? [name] : [];
    }
    return asList(resource.spec.backends)
      .map((b) => asObject(b.virtualService).virtualServiceName)
      .filter((n): n is string => typeof n === "string");
  }
}
