// A whole mesh (as the API describes it) written as the definition files a person would keep in a
// repository, in one dialect: Kubernetes controller manifests, one CloudFormation template, or CLI
// input files with a script that creates them in order. Read back by the model, the files give the
// same resources with the same canonical specs (the round trip tests hold this).
import { Scalar } from "yaml";
import { type MeshResource, type ResourceKind } from "../resources";
import { API_REFERENCE_FIELDS } from "../schema/references";
import { NAME_KEY, PARENT_KEY } from "../dialects/apiShape";
import { transformValue } from "./transformSpec";
import { k8sName, resourceFromApi, toApiShape, toCloudFormation, toKubernetes, toYaml } from "./writers";

export type MeshFilesDialect = "kubernetes" | "cloudformation" | "api";

/** One resource of the mesh in the API's shape (the Mesh itself included). */
export interface MeshFileResource {
  kind: ResourceKind;
  name: string;
  /** The router of a route, the gateway of a gateway route. */
  parentName?: string;
  spec: Record<string, unknown>;
  tags?: { key: string; value: string }[];
}

export interface MeshForFiles {
  name: string;
  /** The mesh owner's account id when the mesh is shared from another account. */
  meshOwner?: string;
  resources: MeshFileResource[];
}

export interface MeshFilesOptions {
  /** Kubernetes namespace of the objects; default: one named after the mesh. */
  namespace?: string;
  /** A folder (relative, "/"-separated) the paths are put under. */
  folder?: string;
  /** The region the mesh was read from, for the header comments (and apply.sh's default). */
  region?: string;
}

export interface MeshFile {
  path: string;
  text: string;
  kind: "manifest" | "template" | "script" | "input";
}

/** The order App Mesh needs resources created in (the one apply.sh uses). */
const CREATE_ORDER: readonly ResourceKind[] = ["Mesh", "VirtualNode", "VirtualRouter", "Route", "VirtualService", "VirtualGateway", "GatewayRoute"];

export function meshAsFiles(mesh: MeshForFiles, dialect: MeshFilesDialect, options: MeshFilesOptions = {}): MeshFile[] {
  const resources = ordered(mesh);
  const files = dialect === "kubernetes" ? kubernetesFiles(mesh, resources, options) : dialect === "cloudformation" ? cloudFormationFiles(mesh, resources, options) : cliFiles(mesh, resources, options);
  const folder = (options.folder ?? "").replace(/\\/g, "/").replace(/^\/+|\/+$/g, "");
  return folder ? files.map((f) => ({ ...f, path: `${folder}/${f.path}` })) : files;
}

/** The mesh's resources in creation order (by kind, then parent and name), the Mesh first even when left out. */
function ordered(mesh: MeshForFiles): MeshFileResource[] {
  const list = [...mesh.resources];
  if (!list.some((r) => r.kind === "Mesh")) list.push({ kind: "Mesh", name: mesh.name, spec: {} });
  const rank = (r: MeshFileResource) => CREATE_ORDER.indexOf(r.kind);
  const text = (r: MeshFileResource) => `${r.parentName ?? ""}\u0000${r.name}`;
  return list.sort((a, b) => rank(a) - rank(b) || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}

function origin(mesh: MeshForFiles, options: MeshFilesOptions): string {
  return `App Mesh mesh "${mesh.name}"${options.region ? ` (${options.region})` : ""}, saved from the live mesh`;
}

const asModel = (mesh: MeshForFiles, r: MeshFileResource, spec = r.spec): MeshResource =>
  resourceFromApi({ kind: r.kind, meshName: mesh.name, parentName: r.parentName, name: r.name, spec, ...(r.tags?.length ? { tags: r.tags } : {}) });

const pascal = (name: string) =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");

/** A name made unique among `used` with -2, -3 … (or 2, 3 … when `separator` is empty). */
function unique(base: string, used: Set<string>, separator = "-", fold = (s: string) => s): string {
  let name = base;
  for (let i = 2; used.has(fold(name)); i++) name = `${base}${separator}${i}`;
  used.add(fold(name));
  return name;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes: one file per kind. Routes go inline into their routers; every object carries
// spec.awsName, so the controller recreates exactly the live names whatever the object is called.

const KUBERNETES_FILES: readonly [string, ResourceKind[]][] = [
  ["mesh.yaml", ["Mesh"]],
  ["virtual-nodes.yaml", ["VirtualNode"]],
  ["virtual-routers.yaml", ["VirtualRouter", "Route"]],
  ["virtual-services.yaml", ["VirtualService"]],
  ["virtual-gateways.yaml", ["VirtualGateway"]],
  ["gateway-routes.yaml", ["GatewayRoute"]],
];

/** The label a gateway's gatewayRouteSelector matches on its gateway routes. */
const GATEWAY_LABEL = "gateway";

function kubernetesFiles(mesh: MeshForFiles, resources: MeshFileResource[], options: MeshFilesOptions): MeshFile[] {
  const namespace = options.namespace ?? (k8sName(mesh.name).replace(/\./g, "-").slice(0, 63).replace(/-+$/, "") || "default");
  const used = new Map<ResourceKind, Set<string>>();
  const objectName = new Map<string, string>(); // kind\0awsName → object name
  const models = resources.map((r) => {
    const model = asModel(mesh, r);
    if (r.kind === "Route") return model;
    // An AWS name the controller gave (name_namespace, name.namespace) keeps its object name.
    const suffix = r.kind === "Mesh" ? undefined : r.kind === "VirtualService" ? `.${namespace}` : `_${namespace}`;
    const stem = suffix && r.name.endsWith(suffix) && r.name.length > suffix.length ? r.name.slice(0, -suffix.length) : r.name;
    const kindUsed = used.get(r.kind) ?? new Set<string>();
    used.set(r.kind, kindUsed);
    const name = unique(k8sName(stem), kindUsed);
    objectName.set(`${r.kind}\u0000${r.name}`, name);
    model.k8s = { name, namespace };
    return model;
  });
  const meshObject = objectName.get(`Mesh\u0000${mesh.name}`) ?? k8sName(mesh.name);
  const awsNameOf = new Map<string, string>([...objectName].map(([key, name]) => [`${key.split("\u0000")[0]}\u0000${name}`, key.split("\u0000")[1]]));

  const manifests: Record<string, unknown>[] = toKubernetes(models, namespace).map((manifest) => {
    const kind = manifest.kind as ResourceKind;
    const metadata = manifest.metadata as Record<string, unknown>;
    const { awsName: _written, ...spec } = manifest.spec as Record<string, unknown>;
    const awsName = awsNameOf.get(`${kind}\u0000${String(metadata.name)}`);
    const out: Record<string, unknown> = { ...spec };
    if (kind === "Mesh" && mesh.meshOwner) out.meshOwner = mesh.meshOwner;
    if (kind === "VirtualGateway") {
      // Gateway routes join their gateway through its selectors (the controller fills virtualGatewayRef).
      out.namespaceSelector = { matchLabels: { mesh: meshObject } };
      out.gatewayRouteSelector = { matchLabels: { [GATEWAY_LABEL]: metadata.name } };
    }
    if (kind === "GatewayRoute" && spec.virtualGatewayRef) {
      const gateway = (spec.virtualGatewayRef as { name: string }).name;
      if (awsNameOf.has(`VirtualGateway\u0000${gateway}`)) {
        delete out.virtualGatewayRef;
        metadata.labels = { [GATEWAY_LABEL]: gateway };
      }
    }
    return { ...manifest, metadata, spec: awsName !== undefined ? { awsName, ...out } : out };
  });

  const namespaceObject = {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: namespace, labels: { mesh: meshObject, "appmesh.k8s.aws/sidecarInjectorWebhook": "enabled" } },
  };
  const lossy = kubernetesLosses(resources);
  const header = [
    `# ${origin(mesh, options)} as App Mesh controller manifests (appmesh.k8s.aws/v1beta2).`,
    `# Namespace ${namespace}; spec.awsName keeps each resource's name in AWS. Apply with: kubectl apply -f <this folder>`,
    ...lossy.map((line) => `# Not expressible in the controller's manifests, left out: ${line}`),
  ].join("\n");
  const files: MeshFile[] = [];
  for (const [path, kinds] of KUBERNETES_FILES) {
    const docs = manifests.filter((m) => kinds.includes(m.kind as ResourceKind));
    if (path === "mesh.yaml") docs.unshift(namespaceObject);
    if (docs.length === 0) continue;
    const note = path === "virtual-nodes.yaml" || path === "virtual-gateways.yaml" ? "\n# Add a podSelector to pick each one's pods (the live mesh does not know them)." : "";
    files.push({ path, kind: "manifest", text: `${header}${note}\n${toYaml(docs)}` });
  }
  return files;
}

/** Members the controller's CRDs have no field for (the writer leaves them out). */
function kubernetesLosses(resources: MeshFileResource[]): string[] {
  const out: string[] = [];
  for (const r of resources) {
    if (r.tags?.length) out.push(`tags of ${r.kind} ${r.parentName !== undefined ? `${r.parentName}/` : ""}${r.name} (${r.tags.map((t) => `${t.key}=${t.value}`).join(", ")})`);
    if (r.kind !== "VirtualNode") continue;
    const discovery = (r.spec.serviceDiscovery ?? {}) as Record<string, Record<string, unknown> | undefined>;
    for (const type of ["dns", "awsCloudMap"]) {
      if (discovery[type]?.ipPreference !== undefined) out.push(`virtual node ${r.name}: serviceDiscovery.${type}.ipPreference ${String(discovery[type]!.ipPreference)}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CloudFormation: one template. Logical ids from names; names, parents and references between
// resources as !GetAtt (so CloudFormation orders creation); account-specific ARNs as parameters.

const MARK = "\u0000cfn:";
const getAtt = (logicalId: string, attribute: string) => `${MARK}GetAtt:${logicalId}.${attribute}`;
const ref = (name: string) => `${MARK}Ref:${name}`;

const LOGICAL_SUFFIX: Record<ResourceKind, string> = {
  Mesh: "Mesh",
  VirtualNode: "Node",
  VirtualService: "Service",
  VirtualRouter: "Router",
  Route: "Route",
  VirtualGateway: "Gateway",
  GatewayRoute: "GatewayRoute",
};

/** An ARN that names a resource of one account (…:<region>:<12-digit account>:…). */
const ACCOUNT_ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):[a-z0-9-]*:(\d{12}):(.*)$/;

function parameterBase(arn: string): { name: string; description: string } {
  const [, service, , rest] = ACCOUNT_ARN.exec(arn)!;
  if (service === "acm") return { name: "AcmCertificateArn", description: "ACM certificate" };
  if (service === "acm-pca") return { name: "PrivateCaArn", description: "ACM Private CA" };
  const type = rest.split(/[/:]/)[0];
  return { name: `${pascal(service)}${pascal(type)}Arn`, description: `${service} ${type}` };
}

function cloudFormationFiles(mesh: MeshForFiles, resources: MeshFileResource[], options: MeshFilesOptions): MeshFile[] {
  const used = new Set<string>();
  const logicalIds = new Map<string, string>(); // kind\0parent\0name → logical id
  const keyOf = (kind: ResourceKind, parent: string | undefined, name: string) => `${kind}\u0000${parent ?? ""}\u0000${name}`;
  for (const r of resources) {
    const base = r.kind === "Mesh" ? "Mesh" : `${pascal(r.parentName ?? "")}${pascal(r.name)}${LOGICAL_SUFFIX[r.kind]}`.slice(0, 240);
    logicalIds.set(keyOf(r.kind, r.parentName, r.name), unique(/^[A-Za-z]/.test(base) ? base : `R${base}`, used, ""));
  }
  const meshId = logicalIds.get(keyOf("Mesh", undefined, mesh.name)) ?? "Mesh";

  // Account-specific ARNs become parameters whose defaults are the live values; one per value.
  const parameters: Record<string, Record<string, unknown>> = {};
  const parameterOf = new Map<string, string>();
  const parameterFor = (arn: string) => {
    let name = parameterOf.get(arn);
    if (!name) {
      const base = parameterBase(arn);
      name = unique(base.name, used, "");
      parameterOf.set(arn, name);
      parameters[name] = { Type: "String", Description: `${base.description} ARN (the live mesh's value by default)`, Default: arn };
    }
    return name;
  };
  const depends = new Map<string, Set<string>>(); // logical id → ids it needs first (GetAtt and DependsOn)
  const needs = (from: string, to: string) => {
    const set = depends.get(from) ?? new Set<string>();
    set.add(to);
    depends.set(from, set);
  };
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const id = stack.pop()!;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(depends.get(id) ?? []));
    }
    return false;
  };
  const backendsOf = new Map<string, string[]>();

  const models = resources.map((r) => {
    const id = logicalIds.get(keyOf(r.kind, r.parentName, r.name))!;
    if (r.kind !== "Mesh") needs(id, meshId);
    const parent = PARENT_KEY[r.kind];
    if (parent && r.parentName !== undefined) {
      const parentId = logicalIds.get(keyOf(parent.kind, undefined, r.parentName));
      if (parentId) needs(id, parentId);
    }
    const spec = transformValue(r.spec, `${r.kind}Spec`, (shape, member, value) => {
      const target = API_REFERENCE_FIELDS[`${shape}.${member}`];
      if (target && typeof value === "string") {
        const targetId = logicalIds.get(keyOf(target, undefined, value));
        if (!targetId) return [member, value];
        // A backend stays a name (App Mesh does not need it to exist, and nodes that call each
        // other would make a cycle); it only orders creation when that makes no cycle, below.
        if (shape === "VirtualServiceBackend") {
          backendsOf.set(id, [...(backendsOf.get(id) ?? []), targetId]);
          return [member, value];
        }
        needs(id, targetId);
        return [member, getAtt(targetId, NAME_KEY[target].charAt(0).toUpperCase() + NAME_KEY[target].slice(1))];
      }
      if (typeof value === "string" && ACCOUNT_ARN.test(value)) return [member, ref(parameterFor(value))];
      if (Array.isArray(value) && value.some((v) => typeof v === "string" && ACCOUNT_ARN.test(v))) {
        return [member, value.map((v) => (typeof v === "string" && ACCOUNT_ARN.test(v) ? ref(parameterFor(v)) : v))];
      }
      return [member, value];
    }) as Record<string, unknown>;
    const model = asModel(mesh, r, spec ?? {});
    model.logicalId = id;
    return model;
  });
  // Services a node calls are created before it (and deleted after it) when that makes no cycle.
  const dependsOn = new Map<string, string[]>();
  for (const [id, targets] of backendsOf) {
    for (const target of targets) {
      if (depends.get(id)?.has(target) || reaches(target, id)) continue;
      needs(id, target);
      dependsOn.set(id, [...(dependsOn.get(id) ?? []), target]);
    }
  }

  const template = toCloudFormation(models);
  const written = template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
  const body: Record<string, unknown> = {};
  for (const model of models) {
    const id = model.logicalId!;
    const { Type, Properties } = written[id];
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(Properties)) {
      properties[key] = value;
      if (key !== "MeshName" || model.kind === "Mesh") continue;
      properties.MeshName = getAtt(meshId, "MeshName");
      if (mesh.meshOwner) properties.MeshOwner = ref("MeshOwner");
    }
    const parent = PARENT_KEY[model.kind];
    if (parent && typeof model.parentName === "string") {
      const parentId = logicalIds.get(keyOf(parent.kind, undefined, model.parentName));
      const key = parent.key.charAt(0).toUpperCase() + parent.key.slice(1);
      if (parentId && key in properties) properties[key] = getAtt(parentId, key);
    }
    const after = dependsOn.get(id);
    body[id] = { Type, ...(after ? { DependsOn: after.length === 1 ? after[0] : after } : {}), Properties: properties };
  }
  if (mesh.meshOwner) {
    parameters.MeshOwner = { Type: "String", Description: "Account id of the mesh owner (the mesh is shared with this account)", Default: mesh.meshOwner, AllowedPattern: "^\\d{12}$" };
  }
  const out: Record<string, unknown> = {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `${origin(mesh, options)}.`,
    ...(Object.keys(parameters).length ? { Parameters: parameters } : {}),
    Resources: body,
  };
  const header = `# ${origin(mesh, options)} as a CloudFormation template.\n# Deploy with: aws cloudformation deploy --template-file template.yaml --stack-name ${k8sName(mesh.name).replace(/\./g, "-")}-mesh\n`;
  return [{ path: "template.yaml", kind: "template", text: header + toYaml([withTags(out)]) }];
}

/** The template with each marker string turned into a short-tag node (!GetAtt X.Y, !Ref P). */
function withTags(value: unknown): unknown {
  if (typeof value === "string" && value.startsWith(MARK)) {
    const [fn, ...rest] = value.slice(MARK.length).split(":");
    const node = new Scalar(rest.join(":"));
    node.tag = `!${fn}`;
    return node;
  }
  if (Array.isArray(value)) return value.map(withTags);
  if (value && typeof value === "object" && !(value instanceof Scalar)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withTags(v)]));
  return value;
}

// ---------------------------------------------------------------------------------------------
// CLI input: one file per resource in the API's request shape, and apply.sh creating them in order.

const CLI_FOLDER: Record<ResourceKind, string> = {
  Mesh: "mesh",
  VirtualNode: "virtual-nodes",
  VirtualService: "virtual-services",
  VirtualRouter: "virtual-routers",
  Route: "routes",
  VirtualGateway: "virtual-gateways",
  GatewayRoute: "gateway-routes",
};

const COMMAND: Record<ResourceKind, string> = {
  Mesh: "create-mesh",
  VirtualNode: "create-virtual-node",
  VirtualService: "create-virtual-service",
  VirtualRouter: "create-virtual-router",
  Route: "create-route",
  VirtualGateway: "create-virtual-gateway",
  GatewayRoute: "create-gateway-route",
};

/** A file name for an App Mesh name: letters, digits, ".", "_" and "-" only, never hidden. */
const fileSafe = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, "-").replace(/^\./, "_") || "unnamed";

function cliFiles(mesh: MeshForFiles, resources: MeshFileResource[], options: MeshFilesOptions): MeshFile[] {
  const usedPaths = new Set<string>();
  const files: MeshFile[] = [];
  const commands: string[] = [];
  for (const r of resources) {
    const folder = r.parentName !== undefined ? `${CLI_FOLDER[r.kind]}/${fileSafe(r.parentName)}` : CLI_FOLDER[r.kind];
    // Names that differ only in case would share a file on case-insensitive file systems.
    const path = `${unique(`${folder}/${fileSafe(r.name)}`, usedPaths, "-", (p) => p.toLowerCase())}.yaml`;
    const input = toApiShape(asModel(mesh, r));
    const body = mesh.meshOwner && r.kind !== "Mesh" ? Object.fromEntries(Object.entries(input).flatMap(([k, v]) => (k === "meshName" ? [[k, v], ["meshOwner", mesh.meshOwner]] : [[k, v]]))) : input;
    const what = `${r.kind} ${r.parentName !== undefined ? `${r.parentName}/` : ""}${r.name}`;
    files.push({
      path,
      kind: "input",
      text: `# ${what} of ${origin(mesh, options)}.\n# Create with: aws appmesh ${COMMAND[r.kind]} --cli-input-yaml file://${path}\n${toYaml([body])}`,
    });
    commands.push(`aws appmesh ${COMMAND[r.kind]}${options.region ? ' --region "$REGION"' : ""} --cli-input-yaml 'file://${path}' "$@"`);
  }
  const script = [
    "#!/bin/sh",
    `# ${origin(mesh, options)} as CLI input files.`,
    "# Creates every resource in dependency order: the mesh, virtual nodes, virtual routers, routes,",
    "# virtual services, virtual gateways, gateway routes. Extra arguments go to every command",
    "# (./apply.sh --profile prod).",
    "set -eu",
    'cd "$(dirname "$0")"',
    "export AWS_PAGER=",
    ...(options.region ? [`REGION="\${AWS_REGION:-${options.region}}"`] : []),
    ...commands,
    "",
  ].join("\n");
  files.push({ path: "apply.sh", kind: "script", text: script });
  return files;
}
