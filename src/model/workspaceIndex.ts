// All definition files of a workspace, parsed once each, plus an optional snapshot of live names.
// Answers what needs every file at once: which mesh a Kubernetes object joins, what a reference
// resolves to, who refers to a resource, and the cross-file diagnostics.
import { DiagnosticCode } from "./diagnosticCodes";
import { parseDefinitions, type ParsedDefinitions } from "./parseDefinitions";
import { isKnown, UNKNOWN, type MeshResource, type ModelDiagnostic, type Reference, type ResourceKind } from "./resources";
import { ROUTE_PROTOCOL, routeType } from "./routeSemantics";
import { listenersOf } from "./semantics/resourceChecks";

/**
 * Names of live resources, one source per region shown: per mesh and kind, routes and gateway
 * routes as "parent/name". Keyed by region because the same mesh name can exist in two regions.
 */
export interface LiveSnapshot {
  sources: { region: string; meshes: Record<string, Partial<Record<ResourceKind, string[]>>> }[];
}

/**
 * Live names of `kind` in meshes named `meshName`, merged over every region (a name counts as live
 * when any region's mesh of that name lists it). `meshName` undefined: every live mesh.
 */
export function liveNames(snapshot: LiveSnapshot, meshName: string | undefined, kind: ResourceKind): string[] {
  const names = new Set<string>();
  for (const source of snapshot.sources) {
    for (const [mesh, kinds] of Object.entries(source.meshes)) {
      if (meshName !== undefined && mesh !== meshName) continue;
      for (const name of kinds[kind] ?? []) names.add(name);
    }
  }
  return [...names];
}

/** True when any region has a live mesh of this name. */
export function isLiveMesh(snapshot: LiveSnapshot, meshName: string): boolean {
  return snapshot.sources.some((source) => Object.hasOwn(source.meshes, meshName));
}

/** Names of the live meshes over every region, each once. */
export function liveMeshNames(snapshot: LiveSnapshot): string[] {
  return [...new Set(snapshot.sources.flatMap((source) => Object.keys(source.meshes)))];
}

export type Resolution = { resource: MeshResource } | { live: true } | { external: true } | undefined;

interface Analysis {
  diagnostics: Map<string, ModelDiagnostic[]>;
  resolutions: Map<Reference, Resolution>;
}

type Obj = Record<string, unknown>;
const asObject = (value: unknown): Obj | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : undefined);

export class WorkspaceIndex {
  private readonly files = new Map<string, ParsedDefinitions>();
  private live: LiveSnapshot = { sources: [] };
  private analysis: Analysis | undefined;

  /** Parses (or re-parses) a file; returns its parse. */
  set(uri: string, text: string): ParsedDefinitions {
    const parsed = parseDefinitions(uri, text);
    this.files.set(uri, parsed);
    this.analysis = undefined;
    return parsed;
  }

  delete(uri: string): void {
    if (this.files.delete(uri)) this.analysis = undefined;
  }

  get(uri: string): ParsedDefinitions | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  setLive(snapshot: LiveSnapshot): void {
    this.live = snapshot;
    this.analysis = undefined;
  }

  resources(): MeshResource[] {
    this.analyse();
    return [...this.files.values()].flatMap((f) => f.resources);
  }

  /** The file's own diagnostics plus those that need the whole workspace. */
  diagnostics(uri: string): ModelDiagnostic[] {
    const file = this.files.get(uri);
    if (!file) return [];
    return [...file.diagnostics, ...(this.analyse().diagnostics.get(uri) ?? [])];
  }

  resolve(reference: Reference): Resolution {
    return this.analyse().resolutions.get(reference);
  }

  /** Every reference in the workspace that resolves to `target`. */
  referencesTo(target: MeshResource): { from: MeshResource; reference: Reference }[] {
    const analysis = this.analyse();
    const out: { from: MeshResource; reference: Reference }[] = [];
    for (const file of this.files.values()) {
      for (const from of file.resources) {
        for (const reference of from.references) {
          const resolution = analysis.resolutions.get(reference);
          if (resolution && "resource" in resolution && resolution.resource === target) out.push({ from, reference });
        }
      }
    }
    return out;
  }

  private analyse(): Analysis {
    if (this.analysis) return this.analysis;
    const all = [...this.files.values()].sort((a, b) => a.uri.localeCompare(b.uri)).flatMap((f) => f.resources);
    const analysis: Analysis = { diagnostics: new Map(), resolutions: new Map() };
    const report = (resource: MeshResource, span: MeshResource["span"] | undefined, code: string, message: string, data?: Record<string, unknown>) => {
      if (!span) return;
      const list = analysis.diagnostics.get(resource.uri) ?? [];
      list.push({ span, severity: "error", code, message, data });
      analysis.diagnostics.set(resource.uri, list);
    };

    this.assignKubernetesMeshes(all);
    const byIdentity = new Map<string, MeshResource>();
    for (const resource of all) {
      const key = identity(resource);
      if (key === undefined) continue;
      const first = byIdentity.get(key);
      if (first) {
        report(resource, resource.nameSpan, DiagnosticCode.duplicateName, `Another ${resource.kind} named "${displayName(resource)}" is already defined${first.uri === resource.uri ? " in this file" : ` in ${fileName(first.uri)}`}.`);
      } else {
        byIdentity.set(key, resource);
      }
    }

    for (const from of all) {
      for (const reference of from.references) {
        const resolution = this.resolveOne(from, reference, byIdentity, all);
        analysis.resolutions.set(reference, resolution);
        if ((from.dialect === "kubernetes" || reference.logicalId) && resolution && "resource" in resolution) adoptName(from, reference, resolution.resource);
        if (resolution === undefined) {
          report(from, reference.span, DiagnosticCode.unresolvedReference, this.unresolvedMessage(from, reference, all), { kind: reference.kind, name: reference.name });
        }
      }
    }

    this.checkRoutes(all, analysis, report);
    checkPriorities(all, report);
    this.analysis = analysis;
    return analysis;
  }

  /** Kubernetes objects join a mesh through meshRef, their namespace's labels, or the only mesh there is. */
  private assignKubernetesMeshes(all: MeshResource[]): void {
    const meshes = all.filter((r) => r.dialect === "kubernetes" && r.kind === "Mesh");
    const namespaces = new Map<string, Record<string, string>>();
    for (const file of this.files.values()) for (const [name, labels] of file.namespaces) namespaces.set(name, labels);
    for (const resource of all) {
      if (resource.dialect !== "kubernetes" || resource.kind === "Mesh") continue;
      const meshRef = asObject(resource.k8s?.controller?.meshRef);
      const byRef = meshes.find((m) => m.k8s?.name === meshRef?.name);
      const labels = namespaces.get(resource.k8s?.namespace ?? "default");
      const bySelector = labels
        ? meshes.find((m) => {
            const wanted = asObject(asObject(m.k8s?.controller?.namespaceSelector)?.matchLabels);
            return wanted !== undefined && Object.entries(wanted).every(([k, v]) => labels[k] === v);
          })
        : undefined;
      const mesh = byRef ?? bySelector ?? (meshes.length === 1 ? meshes[0] : undefined);
      resource.meshName = mesh ? mesh.name : UNKNOWN;
    }
    // A GatewayRoute without virtualGatewayRef joins the gateway whose selectors pick it.
    const gateways = all.filter((r) => r.dialect === "kubernetes" && r.kind === "VirtualGateway");
    for (const route of all) {
      if (route.dialect !== "kubernetes" || route.kind !== "GatewayRoute" || route.parentName !== undefined) continue;
      const namespaceLabels = namespaces.get(route.k8s?.namespace ?? "default") ?? {};
      const candidates = gateways.filter(
        (gateway) =>
          gateway.meshName === route.meshName &&
          selects(gateway.k8s?.controller?.namespaceSelector, namespaceLabels) &&
          selects(gateway.k8s?.controller?.gatewayRouteSelector, route.k8s?.labels ?? {}),
      );
      if (candidates.length === 1) route.parentName = candidates[0].name;
    }
  }

  private resolveOne(from: MeshResource, reference: Reference, byIdentity: Map<string, MeshResource>, all: MeshResource[]): Resolution {
    if (from.dialect === "kubernetes") {
      const found = byIdentity.get(["k8s", reference.kind, reference.namespace ?? "default", reference.name].join("\u0000"));
      if (found) return { resource: found };
      const awsName = reference.kind === "VirtualService" ? `${reference.name}.${reference.namespace ?? "default"}` : `${reference.name}_${reference.namespace ?? "default"}`;
      return this.liveHas(isKnown(from.meshName) ? from.meshName : undefined, reference.kind, awsName) ? { live: true } : undefined;
    }
    if (reference.logicalId) {
      const target = all.find((r) => r.uri === from.uri && r.logicalId === reference.logicalId);
      return target && target.kind === reference.kind ? { resource: target } : undefined;
    }
    const mesh = isKnown(from.meshName) ? from.meshName : undefined;
    const target = all.find(
      (r) => r.dialect !== "kubernetes" && r.kind === reference.kind && r.name === reference.name && (mesh === undefined || !isKnown(r.meshName) || r.meshName === mesh),
    );
    if (target) return { resource: target };
    return this.liveHas(mesh, reference.kind, reference.name) ? { live: true } : undefined;
  }

  private liveHas(mesh: string | undefined, kind: ResourceKind, name: string): boolean {
    return liveNames(this.live, mesh, kind).includes(name);
  }

  private unresolvedMessage(from: MeshResource, reference: Reference, all: MeshResource[]): string {
    if (reference.logicalId) {
      const other = all.find((r) => r.uri === from.uri && r.logicalId === reference.logicalId);
      return other
        ? `${reference.logicalId} is a ${other.kind}, not a ${reference.kind}.`
        : `No resource "${reference.logicalId}" in this template.`;
    }
    const where = reference.namespace ? ` in namespace ${reference.namespace}` : isKnown(from.meshName) ? ` in mesh ${from.meshName}` : "";
    // Say "or live" only when live names were there to look in: the mesh is known live, or (mesh unknown) any mesh is.
    const lookedLive = isKnown(from.meshName) ? isLiveMesh(this.live, from.meshName) : this.live.sources.length > 0;
    return `No ${reference.kind} named "${reference.name}"${where}, in the workspace${lookedLive ? " or live" : ""}.`;
  }

  /** Route type, ports and priorities against the router and target nodes. */
  private checkRoutes(all: MeshResource[], analysis: Analysis, report: (r: MeshResource, span: MeshResource["span"] | undefined, code: string, message: string) => void): void {
    for (const route of all) {
      if (route.kind !== "Route") continue;
      const router = all.find(
        (r) => r.kind === "VirtualRouter" && r.dialect === route.dialect && r.name === route.parentName && (route.dialect !== "cloudformation" || r.uri === route.uri) && sameMesh(r, route),
      );
      const type = routeType(route.spec);
      if (!router || !type) continue;
      const typeSpan = route.keySpans.get(`spec.${type}`);
      const protocol = ROUTE_PROTOCOL[type];
      const routeBody = asObject(route.spec[type]) ?? {};
      const match = asObject(routeBody.match);
      const routerListeners = listenersOf(router.spec);

      if (routerListeners.length === 1) {
        const listener = routerListeners[0];
        if (listener.protocol && listener.protocol !== protocol) {
          report(route, typeSpan, DiagnosticCode.protocolMismatch, `A ${type} needs a router listener of protocol ${protocol}, but router "${String(router.name)}" listens with ${listener.protocol}.`);
        }
      } else if (routerListeners.length > 1) {
        const port = match?.port;
        if (port === undefined) {
          report(route, route.keySpans.get(`spec.${type}.match`) ?? typeSpan, DiagnosticCode.portRequired, `Router "${String(router.name)}" has ${routerListeners.length} listeners, so this route's match needs a port to pick one.`);
        } else if (typeof port === "number") {
          const listener = routerListeners.find((l) => l.port === port);
          if (!listener) {
            report(route, route.valueSpans.get(`spec.${type}.match.port`), DiagnosticCode.portMismatch, `Router "${String(router.name)}" has no listener on port ${port} (it listens on ${routerListeners.map((l) => l.port).join(", ")}).`);
          } else if (listener.protocol && listener.protocol !== protocol) {
            report(route, typeSpan, DiagnosticCode.protocolMismatch, `Port ${port} of router "${String(router.name)}" uses ${listener.protocol}, not ${protocol}.`);
          }
        }
      }

      const targets = Array.isArray(asObject(routeBody.action)?.weightedTargets) ? (asObject(routeBody.action)!.weightedTargets as unknown[]) : [];
      targets.forEach((raw, index) => {
        const base = `spec.${type}.action.weightedTargets.${index}`;
        const reference = route.references.find((r) => r.path === `${base}.virtualNode`);
        const resolution = reference ? analysis.resolutions.get(reference) : undefined;
        if (!resolution || !("resource" in resolution)) return;
        const node = resolution.resource;
        const nodeListeners = listenersOf(node.spec);
        const port = asObject(raw)?.port;
        if (nodeListeners.length > 1 && port === undefined) {
          report(route, route.valueSpans.get(base), DiagnosticCode.portRequired, `Node "${String(node.name)}" has ${nodeListeners.length} listeners, so this target needs a port.`);
          return;
        }
        const listener = typeof port === "number" ? nodeListeners.find((l) => l.port === port) : nodeListeners.length === 1 ? nodeListeners[0] : undefined;
        if (typeof port === "number" && !listener && nodeListeners.length > 0) {
          report(route, route.valueSpans.get(`${base}.port`), DiagnosticCode.portMismatch, `Node "${String(node.name)}" has no listener on port ${port}.`);
        } else if (listener?.protocol && listener.protocol !== protocol) {
          report(route, typeSpan, DiagnosticCode.protocolMismatch, `Target node "${String(node.name)}" listens with ${listener.protocol}, but this is a ${type}.`);
        }
      });

    }
  }
}

/** Two routes of one router (or gateway routes of one gateway) may not share a priority. */
function checkPriorities(all: MeshResource[], report: (r: MeshResource, span: MeshResource["span"] | undefined, code: string, message: string) => void): void {
  const seen = new Map<string, MeshResource>();
  for (const route of all) {
    const priority = route.spec.priority;
    if ((route.kind !== "Route" && route.kind !== "GatewayRoute") || typeof priority !== "number" || !isKnown(route.parentName)) continue;
    const scope = route.dialect === "cloudformation" ? route.uri : route.dialect;
    const key = [route.kind, scope, isKnown(route.meshName) ? route.meshName : "?", route.parentName, priority].join("\u0000");
    const first = seen.get(key);
    if (first) {
      const owner = route.kind === "Route" ? "router" : "gateway";
      report(route, route.valueSpans.get("spec.priority"), DiagnosticCode.duplicatePriority, `${route.kind === "Route" ? "Route" : "Gateway route"} "${displayName(first)}" of the same ${owner} already has priority ${priority}; give each its own.`);
    } else {
      seen.set(key, route);
    }
  }
}

/**
 * A Kubernetes reference names an object and a CloudFormation !GetAtt names a logical id; in AWS
 * each stands for the target's name, which the reader could only guess. Once resolved, the model
 * carries the real name.
 */
function adoptName(from: MeshResource, reference: Reference, target: MeshResource): void {
  if (!isKnown(target.name)) return;
  if (reference.kind === "VirtualGateway" && from.kind === "GatewayRoute" && from.dialect === "kubernetes") {
    from.parentName = target.name;
    return;
  }
  const keys = reference.path.split(".");
  if (keys[0] !== "spec") return;
  let holder: unknown = from.spec;
  for (const key of keys.slice(1, -1)) holder = (holder as Record<string, unknown> | undefined)?.[key];
  if (holder && typeof holder === "object") (holder as Record<string, unknown>)[keys[keys.length - 1]] = target.name;
}

/** True when a label selector (matchLabels only) is absent or matches the labels. */
function selects(selector: unknown, labels: Record<string, string>): boolean {
  const wanted = asObject(asObject(selector)?.matchLabels);
  return wanted === undefined || Object.entries(wanted).every(([k, v]) => labels[k] === v);
}

function sameMesh(a: MeshResource, b: MeshResource): boolean {
  return !isKnown(a.meshName) || !isKnown(b.meshName) || a.meshName === b.meshName;
}

/** Identity for duplicate detection and Kubernetes reference lookup, or undefined when not known. */
function identity(resource: MeshResource): string | undefined {
  if (resource.dialect === "kubernetes") {
    if (!resource.k8s?.name) return undefined;
    const ns = resource.k8s.namespace ?? "default";
    if (resource.kind === "Route") return ["k8s-route", ns, resource.k8s.name, String(resource.name)].join("\u0000");
    return ["k8s", resource.kind, ns, resource.k8s.name].join("\u0000");
  }
  if (!isKnown(resource.name) || resource.name === "") return undefined;
  const mesh = isKnown(resource.meshName) ? resource.meshName : "?";
  const parent = resource.parentName === undefined ? "" : isKnown(resource.parentName) ? resource.parentName : "?";
  const scope = resource.dialect === "cloudformation" ? resource.uri : "api";
  return [scope, resource.kind, mesh, parent, resource.name].join("\u0000");
}

export function displayName(resource: MeshResource): string {
  if (resource.dialect === "kubernetes" && resource.kind !== "Route") return resource.k8s?.name ?? String(resource.name);
  return isKnown(resource.name) ? resource.name : resource.logicalId ?? "(unnamed)";
}

function fileName(uri: string): string {
  return uri.slice(uri.lastIndexOf("/") + 1);
}
