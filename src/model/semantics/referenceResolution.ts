// How each reference finds what it names, as its deployer would: a Kubernetes reference names an
// object (kind, namespace, name) among the manifests; a CloudFormation !Ref/!GetAtt names a logical
// id of its stack; any other reference names an AWS name in a mesh, whichever dialect defines it.
// Several definitions of one target are all kept, nearest first. A reference that resolves nowhere
// is only a warning (the target may live in the console, another repository or a cluster) unless
// the mesh is known live and App Mesh itself would refuse the missing target.
import { DiagnosticCode } from "../diagnosticCodes";
import { isKnown, type MeshResource, type Reference } from "../resources";
import { addonsFolderOf, sameStack, stackOf, type DeclaredNames } from "./cloudFormationStacks";
import { meshMatches, meshOf, sameMesh, sameNamespace } from "./identity";
import { isLiveMesh, liveNames, type LiveSnapshot } from "./liveSnapshot";
import { hasPlaceholderName, isPlaceholderName } from "./placeholders";
import { byProximity, fileName } from "./proximity";
import type { ReportOptions, Resolution, WorkspaceFacts } from "./workspaceFacts";

interface Found {
  resolution: Resolution;
  definitions: MeshResource[];
  problem?: { code: DiagnosticCode; message: string; options: ReportOptions };
}

/** Resolves every reference of the workspace into `facts`, reporting those that resolve nowhere. */
export function resolveReferences(facts: WorkspaceFacts, declared: ReadonlyMap<string, DeclaredNames>, live: LiveSnapshot): void {
  const resolver = new ReferenceResolver(facts.all, declared, live);
  for (const from of facts.all) {
    for (const reference of from.references) {
      const found = resolver.resolve(from, reference);
      facts.resolutions.set(reference, found.resolution);
      facts.definitions.set(reference, found.definitions);
      const target = found.definitions[0];
      if (target && (from.dialect === "kubernetes" || reference.logicalId)) adoptName(from, reference, target);
      if (found.problem) facts.report(from, reference.span, found.problem.code, found.problem.message, found.problem.options);
    }
  }
}

/** Resources grouped by a key, in workspace order. */
function groupBy(all: readonly MeshResource[], keyOf: (r: MeshResource) => string | undefined): Map<string, MeshResource[]> {
  const groups = new Map<string, MeshResource[]>();
  for (const resource of all) {
    const group = keyOf(resource);
    if (group === undefined) continue;
    const list = groups.get(group);
    if (list) list.push(resource);
    else groups.set(group, [resource]);
  }
  return groups;
}

const key = (...parts: string[]) => parts.join("\u0000");

class ReferenceResolver {
  // Looked up once per reference, so grouped once per analysis.
  private readonly byObjectName: Map<string, MeshResource[]>;
  private readonly byAwsName: Map<string, MeshResource[]>;
  private readonly withLogicalId: Map<string, MeshResource[]>;
  private readonly placeholderNamed: Map<string, MeshResource[]>;

  constructor(
    all: readonly MeshResource[],
    private readonly declared: ReadonlyMap<string, DeclaredNames>,
    private readonly live: LiveSnapshot,
  ) {
    this.byObjectName = groupBy(all, (r) => (r.dialect === "kubernetes" && r.k8s ? key(r.kind, r.k8s.name) : undefined));
    this.byAwsName = groupBy(all, (r) => (typeof r.name === "string" ? key(r.kind, r.name) : undefined));
    this.withLogicalId = groupBy(all, (r) => (r.dialect === "cloudformation" && r.logicalId ? r.logicalId : undefined));
    this.placeholderNamed = groupBy(all, (r) => (hasPlaceholderName(r) ? r.kind : undefined));
  }

  resolve(from: MeshResource, reference: Reference): Found {
    if (isPlaceholderName(reference.name)) return { resolution: undefined, definitions: [] }; // names nothing known yet
    if (reference.logicalId) return this.byLogicalId(from, reference, reference.logicalId);
    const matches = from.dialect === "kubernetes" ? this.kubernetesMatches(reference) : this.nameMatches(from, reference);
    const definitions = byProximity(from.uri, matches);
    if (definitions.length > 0) return { resolution: { resource: definitions[0] }, definitions };
    const placeholder = this.placeholderMatch(from, reference);
    if (placeholder) return { resolution: { placeholder }, definitions: [] };
    if (this.isLive(from, reference)) return { resolution: { live: true }, definitions: [] };
    return { resolution: undefined, definitions: [], problem: this.unresolved(from, reference, this.unresolvedMessage(from, reference)) };
  }

  /** The controller looks a reference up as an object of the manifests: kind, namespace, name. */
  private kubernetesMatches(reference: Reference): MeshResource[] {
    return (this.byObjectName.get(key(reference.kind, reference.name)) ?? []).filter((r) => sameNamespace(r.k8s?.namespace, reference.namespace));
  }

  /** App Mesh looks a name up in the mesh, whichever dialect the target is written in. */
  private nameMatches(from: MeshResource, reference: Reference): MeshResource[] {
    const mesh = meshOf(from);
    return (this.byAwsName.get(key(reference.kind, reference.name)) ?? []).filter((r) => r !== from && meshMatches(mesh, r.meshName));
  }

  /** A resource of the right kind (and mesh, namespace) whose name is a placeholder could be the target. */
  private placeholderMatch(from: MeshResource, reference: Reference): MeshResource | undefined {
    return (this.placeholderNamed.get(reference.kind) ?? []).find((r) => {
      if (r === from || !sameMesh(from, r)) return false;
      if (from.dialect === "kubernetes") return r.dialect === "kubernetes" && isPlaceholderName(r.k8s?.name) && sameNamespace(r.k8s?.namespace, reference.namespace);
      return isPlaceholderName(r.name);
    });
  }

  private isLive(from: MeshResource, reference: Reference): boolean {
    const namespace = reference.namespace ?? "default";
    const name =
      from.dialect !== "kubernetes" ? reference.name : reference.kind === "VirtualService" ? `${reference.name}.${namespace}` : `${reference.name}_${namespace}`;
    return liveNames(this.live, meshOf(from), reference.kind).includes(name);
  }

  /** CloudFormation resolves a logical id within the stack: the template, or its Copilot addons folder. */
  private byLogicalId(from: MeshResource, reference: Reference, logicalId: string): Found {
    const candidates = (this.withLogicalId.get(logicalId) ?? []).filter((r) => sameStack(r.uri, from.uri));
    const target = byProximity(from.uri, candidates)[0];
    if (target?.kind === reference.kind) return { resolution: { resource: target }, definitions: [target] };
    if (target) return { resolution: undefined, definitions: [], problem: this.unresolved(from, reference, `${logicalId} is a ${target.kind}, not a ${reference.kind}.`) };
    if (this.declaredInStack(from.uri, logicalId)) return { resolution: { external: true }, definitions: [] };
    const folder = addonsFolderOf(from.uri);
    const where = folder ? ` in this template or the other templates of ${fileName(folder)}/` : " in this template";
    return {
      resolution: undefined,
      definitions: [],
      problem: { code: DiagnosticCode.unknownLogicalId, message: `No resource or parameter "${logicalId}"${where}.`, options: { data: { logicalId } } },
    };
  }

  /** A parameter or a resource of another type is a value this reader cannot know, not a mistake. */
  private declaredInStack(uri: string, logicalId: string): boolean {
    const stack = stackOf(uri);
    for (const [other, names] of this.declared) {
      if (stackOf(other) === stack && (names.transformed || names.logicalIds.has(logicalId))) return true;
    }
    return false;
  }

  private unresolved(from: MeshResource, reference: Reference, message: string): Found["problem"] {
    const mesh = meshOf(from);
    // App Mesh refuses a missing target, provider or parent (NotFoundException), never a missing backend.
    const refused = mesh !== undefined && isLiveMesh(this.live, mesh) && !isBackend(reference);
    return { code: DiagnosticCode.unresolvedReference, message, options: { data: { kind: reference.kind, name: reference.name }, exceptional: refused } };
  }

  private unresolvedMessage(from: MeshResource, reference: Reference): string {
    const mesh = meshOf(from);
    const where = reference.namespace ? ` in namespace ${reference.namespace}` : mesh ? ` in mesh ${mesh}` : "";
    // Say "or live" only when live names were there to look in: the mesh is known live, or (mesh unknown) any mesh is.
    const lookedLive = mesh ? isLiveMesh(this.live, mesh) : this.live.sources.length > 0;
    return `No ${reference.kind} named "${reference.name}"${where}, in the workspace${lookedLive ? " or live" : ""}.`;
  }
}

function isBackend(reference: Reference): boolean {
  return /(^|\.)backends\./.test(reference.path);
}

/**
 * A Kubernetes reference names an object and a CloudFormation !GetAtt names a logical id; in AWS
 * each stands for the target's name, which the reader could only guess. Once resolved, the model
 * carries the real name (and a CloudFormation route learns its router from another addons file).
 */
function adoptName(from: MeshResource, reference: Reference, target: MeshResource): void {
  if (!isKnown(target.name)) return;
  if (reference.kind === "VirtualGateway" && from.kind === "GatewayRoute" && from.dialect === "kubernetes") {
    from.parentName = target.name;
    return;
  }
  if (reference.logicalId && (reference.path === "virtualRouterName" || reference.path === "virtualGatewayName")) {
    if (!isKnown(from.parentName)) from.parentName = target.name;
    return;
  }
  const keys = reference.path.split(".");
  if (keys[0] !== "spec") return;
  let holder: unknown = from.spec;
  for (const key of keys.slice(1, -1)) holder = (holder as Record<string, unknown> | undefined)?.[key];
  if (holder && typeof holder === "object") (holder as Record<string, unknown>)[keys[keys.length - 1]] = target.name;
}
