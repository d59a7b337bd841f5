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

/**
 * A valid Kubernetes object name (a DNS-1123 subdomain: lower-case alphanumerics, "-" and ".", each
 * dot-separated label starting and ending alphanumeric, at most 253 characters) made from an App Mesh name.
 */
export function k8sName(name: string): string {
  const labels = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, "-")
    .split(".")
    .map((label) => label.replace(/^-+|-+$/g, ""))
    .filter((label) => label.length > 0);
  const joined = labels.join(".").slice(0, 253).replace(/[.-]+$/, "");
  return joined || "unnamed";
}

const KUBERNETES_DROPPED = new Set(["DnsServiceDiscovery.ipPreference", "AwsCloudMapServiceDiscovery.ipPreference"]);

/**
 * Controller manifests. Kubernetes object names are the App Mesh names made DNS-safe; routes go
 * inline into their router; awsName keeps the exact App Mesh name when the default would differ.
 * Routes whose router is not among the resources still get a VirtualRouter manifest, holding only
 * their `routes:` (no listeners are made up), so writing a lone route never comes out empty.
 */
export function toKubernetes(resources: MeshResource[], namespace = "default"): Record<string, unknown>[] {
  // A reference names the object of its target: the object name the input gives it, when it does.
  const objectNames = new Map<string, string>();
  for (const r of resources) if (r.k8s?.name && isKnown(r.name) && r.kind !== "Route") objectNames.set(`${r.kind}\u0000${r.name}`, r.k8s.name);
  const refName = (kind: ResourceKind, name: string) => objectNames.get(`${kind}\u0000${name}`) ?? k8sName(name);
  const specOf = (resource: MeshResource) =>
    (transformValue(resource.spec, specShape(resource.kind), (shape, member, value) => {
      const key = `${shape}.${member}`;
      if (KUBERNETES_DROPPED.has(key)) return undefined;
      const spelled = KUBERNETES_SPELLING[key] ?? member;
      return [spelled, API_REFERENCE_FIELDS[key] ? { name: refName(API_REFERENCE_FIELDS[key], String(value)) } : value];
    }) ?? {}) as Record<string, unknown>;
  const inlineRoutes = (routes: MeshResource[]) => routes.map((route) => ({ name: text(route.name), ...specOf(route) }));
  const manifest = (kind: ResourceKind, name: string, objectNamespace: string, awsName: MeshResource["name"] | undefined, spec: Record<string, unknown>) => {
    const metadata: Record<string, unknown> = { name };
    if (kind !== "Mesh") metadata.namespace = objectNamespace;
    const keepName = isKnown(awsName) && awsName !== defaultAwsName(kind, name, objectNamespace);
    return { apiVersion: CURRENT_VERSION, kind, metadata, spec: { ...(keepName ? { awsName } : {}), ...spec } };
  };
  const routesOf = (routerName: MeshResource["name"] | undefined, meshName: MeshResource["meshName"]) =>
    resources.filter((r) => r.kind === "Route" && r.parentName === routerName && r.meshName === meshName);
  const routerInInput = (route: MeshResource) => resources.some((r) => r.kind === "VirtualRouter" && r.name === route.parentName && r.meshName === route.meshName);

  const manifests: Record<string, unknown>[] = [];
  const writtenRoutes = new Set<MeshResource>();
  for (const resource of resources) {
    if (resource.kind === "Route") {
      if (routerInInput(resource) || writtenRoutes.has(resource)) continue;
      // The first route of a router that is not in the input stands in for it, at its position.
      const routes = routesOf(resource.parentName, resource.meshName);
      routes.forEach((route) => writtenRoutes.add(route));
      const routerName = resource.k8s?.name ?? k8sName(text(resource.parentName));
      manifests.push(manifest("VirtualRouter", routerName, resource.k8s?.namespace ?? namespace, resource.parentName, { routes: inlineRoutes(routes) }));
      continue;
    }
    const name = resource.k8s?.name ?? k8sName(text(resource.name));
    const spec: Record<string, unknown> = specOf(resource);
    if (resource.kind === "Mesh") spec.namespaceSelector = { matchLabels: { mesh: name } };
    if (resource.kind === "VirtualRouter") {
      const routes = routesOf(resource.name, resource.meshName);
      if (routes.length) spec.routes = inlineRoutes(routes);
    }
    if (resource.kind === "GatewayRoute" && isKnown(resource.parentName)) spec.virtualGatewayRef = { name: refName("VirtualGateway", resource.parentName) };
    manifests.push(manifest(resource.kind, name, resource.k8s?.namespace ?? namespace, resource.name, spec));
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
