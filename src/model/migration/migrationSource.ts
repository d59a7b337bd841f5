// What a migration reads: one mesh's resources in the API's shape, each with where it came from
// (a line of a definition file, or the live mesh), so that a report line can link to it. The
// same input comes from a live mesh and from every source dialect alike.
import type { ResourceKind } from "../resources";
import { routeType, weightedTargets, type RouteType } from "../routeSemantics";

export type Obj = Record<string, unknown>;
export const asObject = (value: unknown): Obj => (value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : {});
export const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Where a resource was read: a file and a 0-based line, or the live mesh. */
export type Origin = { uri: string; line: number } | { live: string };

export interface SourceResource {
  kind: ResourceKind;
  name: string;
  /** The router of a route, the gateway of a gateway route. */
  parentName?: string;
  spec: Obj;
  origin?: Origin;
}

export interface MigrationSource {
  meshName: string;
  resources: SourceResource[];
}

export interface NodeListener {
  /** Position in the resource's listeners. */
  index: number;
  port: number;
  protocol: string;
  spec: Obj;
}

/** A route of a router, read for translation (only literal values count). */
export interface RouteRead {
  resource: SourceResource;
  type: RouteType;
  priority?: number;
  match: Obj;
  targets: { node: string; weight: number; port?: number }[];
}

/** A live mesh as a migration source, each resource's origin its ARN. */
export function sourceFromLive(meshName: string, details: Iterable<{ kind: ResourceKind; name: string; parentName?: string; spec: Obj; arn: string }>): MigrationSource {
  return { meshName, resources: [...details].map((d) => ({ kind: d.kind, name: d.name, ...(d.parentName ? { parentName: d.parentName } : {}), spec: d.spec, origin: { live: d.arn } })) };
}

/** The mesh indexed the ways the translators ask it. */
export class MeshView {
  readonly mesh: SourceResource | undefined;
  constructor(readonly source: MigrationSource) {
    this.mesh = source.resources.find((r) => r.kind === "Mesh");
  }

  of(kind: ResourceKind): SourceResource[] {
    return this.source.resources.filter((r) => r.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
  }

  find(kind: ResourceKind, name: string, parentName?: string): SourceResource | undefined {
    return this.source.resources.find((r) => r.kind === kind && r.name === name && (parentName === undefined || r.parentName === parentName));
  }

  /** A virtual service's provider: a router or a node (or none). */
  provider(service: SourceResource): { kind: "VirtualRouter" | "VirtualNode"; name: string } | undefined {
    const provider = asObject(service.spec.provider);
    const router = asObject(provider.virtualRouter).virtualRouterName;
    if (typeof router === "string") return { kind: "VirtualRouter", name: router };
    const node = asObject(provider.virtualNode).virtualNodeName;
    if (typeof node === "string") return { kind: "VirtualNode", name: node };
    return undefined;
  }

  /** A router's routes, lowest priority first (routes without one after them, by name), as App Mesh orders them. */
  routesOf(router: string): RouteRead[] {
    return this.of("Route")
      .filter((r) => r.parentName === router)
      .flatMap((resource): RouteRead[] => {
        const type = routeType(resource.spec);
        if (!type) return [];
        const body = asObject(resource.spec[type]);
        const targets = weightedTargets(resource.spec).flatMap((t) =>
          typeof t.virtualNode === "string" && typeof t.weight === "number" ? [{ node: t.virtualNode, weight: t.weight, ...(typeof t.port === "number" ? { port: t.port } : {}) }] : [],
        );
        const priority = typeof resource.spec.priority === "number" ? resource.spec.priority : undefined;
        return [{ resource, type, ...(priority !== undefined ? { priority } : {}), match: asObject(body.match), targets }];
      })
      .sort((a, b) => (a.priority ?? 1001) - (b.priority ?? 1001) || a.resource.name.localeCompare(b.resource.name));
  }

  listeners(resource: SourceResource): NodeListener[] {
    return asList(resource.spec.listeners).flatMap((l, index) => {
      const listener = asObject(l);
      const mapping = asObject(listener.portMapping);
      return typeof mapping.port === "number" && typeof mapping.protocol === "string" ? [{ index, port: mapping.port, protocol: mapping.protocol, spec: listener }] : [];
    });
  }

  /** The virtual services a node calls (its backends), by name. */
  backendsOf(node: SourceResource): string[] {
    return asList(node.spec.backends).flatMap((b) => {
      const name = asObject(asObject(b).virtualService).virtualServiceName;
      return typeof name === "string" ? [name] : [];
    });
  }

  /** The nodes that serve a virtual service (its node, or its router's route targets). */
  nodesBehind(service: SourceResource): string[] {
    const provider = this.provider(service);
    if (!provider) return [];
    if (provider.kind === "VirtualNode") return [provider.name];
    return [...new Set(this.routesOf(provider.name).flatMap((r) => r.targets.map((t) => t.node)))];
  }

  /**
   * The order to move nodes in: servers before their clients (a node after every node behind the
   * services it calls); nodes in a cycle keep their name order.
   */
  cutOverOrder(): string[] {
    const nodes = this.of("VirtualNode");
    const calls = new Map(nodes.map((n) => [n.name, this.backendsOf(n).flatMap((s) => { const service = this.find("VirtualService", s); return service ? this.nodesBehind(service) : []; })]));
    const order: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (name: string) => {
      if (state.get(name)) return;
      state.set(name, "visiting");
      for (const callee of calls.get(name) ?? []) if (callee !== name && calls.has(callee)) visit(callee);
      state.set(name, "done");
      order.push(name);
    };
    for (const node of nodes) visit(node.name);
    return order;
  }
}

/** "Route color-canary (router color-router)", "VirtualNode front". */
export function resourceLabel(resource: Pick<SourceResource, "kind" | "name" | "parentName">): string {
  const parent = resource.parentName ? ` (${resource.kind === "Route" ? "router" : "gateway"} ${resource.parentName})` : "";
  return `${resource.kind} ${resource.name}${parent}`;
}

/** Milliseconds of an App Mesh duration ({ value, unit: "ms" | "s" }), or undefined. */
export function durationMs(value: unknown): number | undefined {
  const duration = asObject(value);
  if (typeof duration.value !== "number") return undefined;
  return duration.unit === "s" ? duration.value * 1000 : duration.value;
}
