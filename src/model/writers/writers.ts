// Writers that turn model resources back into each dialect: the API's request shape (CLI input and
// export), a CloudFormation template, and App Mesh controller manifests. Output is YAML text.
import { stringify } from "yaml";
import { NAME_KEY, PARENT_KEY } from "../dialects/apiShape";
import { CURRENT_VERSION, defaultAwsName } from "../dialects/kubernetes";
import { isKnown, type MeshResource, type ResourceKind } from "../resources";
import { API_REFERENCE_FIELDS, KUBERNETES_SPELLING } from "../schema/references";
import { CLOUDFORMATION_VIEW } from "../schema/views";
import { transformValue } from "./transformSpec";

const specShape = (kind: ResourceKind) => `${kind}Spec`;
const text = (value: unknown) => (isKnown(value) ? String(value) : "");

/** The API request body (`aws appmesh create-… --cli-input-yaml`) of one resource. */
export function toApiShape(resource: MeshResource): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (resource.kind !== "Mesh") out.meshName = text(resource.meshName);
  const parent = PARENT_KEY[resource.kind];
  if (parent) out[parent.key] = text(resource.parentName);
  out[NAME_KEY[resource.kind]] = text(resource.name);
  out.spec = transformValue(resource.spec, specShape(resource.kind), (_s, member, value) => [member, value]) ?? {};
  if (resource.tags?.length) out.tags = resource.tags;
  return out;
}

/** A CloudFormation template holding the resources, with logical ids derived from names. */
export function toCloudFormation(resources: MeshResource[]): Record<string, unknown> {
  const logicalIds = new Map<MeshResource, string>();
  const used = new Set<string>();
  for (const resource of resources) {
    const base = (resource.logicalId ?? `${text(resource.name)}${resource.kind}`).replace(/[^A-Za-z0-9]/g, "") || resource.kind;
    let id = base.charAt(0).toUpperCase() + base.slice(1);
    for (let i = 2; used.has(id); i++) id = `${base}${i}`;
    used.add(id);
    logicalIds.set(resource, id);
  }
  const template: Record<string, unknown> = { AWSTemplateFormatVersion: "2010-09-09", Resources: {} };
  for (const resource of resources) {
    const properties: Record<string, unknown> = {};
    if (resource.kind !== "Mesh") properties.MeshName = text(resource.meshName);
    const parent = PARENT_KEY[resource.kind];
    const propertiesShape = `Cfn${resource.kind}Properties`;
    if (parent) properties[CLOUDFORMATION_VIEW.keyFor(propertiesShape, parent.key)] = text(resource.parentName);
    properties[CLOUDFORMATION_VIEW.keyFor(propertiesShape, NAME_KEY[resource.kind])] = text(resource.name);
    properties.Spec = transformValue(resource.spec, specShape(resource.kind), (shape, member, value) => [CLOUDFORMATION_VIEW.keyFor(shape, member), value]) ?? {};
    if (resource.tags?.length) properties.Tags = resource.tags.map((t) => ({ Key: t.key, Value: t.value }));
    (template.Resources as Record<string, unknown>)[logicalIds.get(resource)!] = { Type: `AWS::AppMesh::${resource.kind}`, Properties: properties };
  }
  return template;
}

const KUBERNETES_DROPPED = new Set(["DnsServiceDiscovery.ipPreference", "AwsCloudMapServiceDiscovery.ipPreference"]);

/**
 * Controller manifests. Kubernetes object names are the App Mesh names made DNS-safe; routes go
 * inline into their router; awsName keeps the exact App Mesh name when the default would differ.
 */
export function toKubernetes(resources: MeshResource[], namespace = "default"): Record<string, unknown>[] {
  const k8sName = (name: string) => name.toLowerCase().replace(/[^a-z0-9.-]/g, "-").replace(/^-+|-+$/g, "") || "unnamed";
  const specOf = (resource: MeshResource) =>
    (transformValue(resource.spec, specShape(resource.kind), (shape, member, value) => {
      const key = `${shape}.${member}`;
      if (KUBERNETES_DROPPED.has(key)) return undefined;
      const spelled = KUBERNETES_SPELLING[key] ?? member;
      return [spelled, API_REFERENCE_FIELDS[key] ? { name: k8sName(String(value)) } : value];
    }) ?? {}) as Record<string, unknown>;

  const manifests: Record<string, unknown>[] = [];
  for (const resource of resources) {
    if (resource.kind === "Route") continue;
    const name = resource.k8s?.name ?? k8sName(text(resource.name));
    const spec: Record<string, unknown> = specOf(resource);
    if (resource.kind === "Mesh") spec.namespaceSelector = { matchLabels: { mesh: name } };
    if (resource.kind === "VirtualRouter") {
      const routes = resources.filter((r) => r.kind === "Route" && r.parentName === resource.name && r.meshName === resource.meshName);
      if (routes.length) spec.routes = routes.map((route) => ({ name: text(route.name), ...specOf(route) }));
    }
    if (resource.kind === "GatewayRoute" && isKnown(resource.parentName)) spec.virtualGatewayRef = { name: k8sName(resource.parentName) };
    const objectNamespace = resource.k8s?.namespace ?? namespace;
    const metadata: Record<string, unknown> = { name };
    if (resource.kind !== "Mesh") metadata.namespace = objectNamespace;
    const keepName = isKnown(resource.name) && resource.name !== defaultAwsName(resource.kind, name, objectNamespace);
    manifests.push({ apiVersion: CURRENT_VERSION, kind: resource.kind, metadata, spec: { ...(keepName ? { awsName: resource.name } : {}), ...spec } });
  }
  return manifests;
}

/** YAML text of several documents, separated by `---`. */
export function toYaml(documents: unknown[]): string {
  return documents.map((doc) => stringify(doc, { indent: 2, lineWidth: 0 })).join("---\n");
}

/** A model resource for data that came from the API (a live resource), for the writers. */
export function resourceFromApi(input: {
  kind: ResourceKind;
  meshName: string;
  parentName?: string;
  name: string;
  spec: Record<string, unknown>;
  tags?: { key: string; value: string }[];
}): MeshResource {
  const empty = { start: 0, end: 0 };
  return { ...input, dialect: "api", uri: "", span: empty, nameSpan: empty, keySpans: new Map(), valueSpans: new Map(), references: [] };
}
