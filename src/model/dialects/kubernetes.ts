// Manifests of the App Mesh controller (appmesh.k8s.aws/v1beta2). Only App Mesh documents are
// read; other kinds in the same file are left alone. Routes inline in a VirtualRouter become Route
// resources of their own, and {name, namespace} references keep their Kubernetes identity.
import { isMap, isScalar, type Node, type YAMLMap } from "yaml";
import { closest, confidentMatch } from "../didYouMean";
import { DiagnosticCode } from "../diagnosticCodes";
import { UNKNOWN, type MeshResource, type Reference, type ResourceKind, type Span, type Unknown } from "../resources";
import { joinPath } from "../schemaWalker";
import { KUBERNETES_SPEC_SHAPES } from "../schema/kubernetesShapes";
import { KUBERNETES_CONTROLLER_ONLY, KUBERNETES_REFERENCE_FIELDS, KUBERNETES_RENAMES, nameFromArn } from "../schema/references";
import { KUBERNETES_VIEW } from "../schema/views";
import { getPair, hasPlaceholder, sourceString, spanOf, stringValue } from "../source/yamlText";
import { newResource, readName, walkInto, type DocumentContext } from "./documentContext";
import { checkKnownKeys } from "./knownKeys";

export const API_GROUP = "appmesh.k8s.aws";
export const CURRENT_VERSION = `${API_GROUP}/v1beta2`;
const KINDS = Object.keys(KUBERNETES_SPEC_SHAPES);
/** The top-level fields of a Kubernetes object; kubectl's strict field validation refuses others. */
const OBJECT_KEYS = ["apiVersion", "kind", "metadata", "spec", "status"];

export function isAppMeshManifest(root: YAMLMap): boolean {
  return (stringValue(getPair(root, "apiVersion")?.value) ?? "").startsWith(`${API_GROUP}/`);
}

/** The name App Mesh gets when spec.awsName is not set, as the controller derives it. */
export function defaultAwsName(kind: string, name: string, namespace: string | undefined): string {
  const ns = namespace ?? "default";
  if (kind === "Mesh") return name;
  if (kind === "VirtualService") return `${name}.${ns}`;
  return `${name}_${ns}`;
}

export interface KubernetesDocument {
  resources: MeshResource[];
  /** BackendGroup objects are not App Mesh API resources but are referred to by nodes. */
  backendGroup?: { name: string; namespace?: string };
}

export function readKubernetesDocument(ctx: DocumentContext, root: YAMLMap): KubernetesDocument {
  const versionPair = getPair(root, "apiVersion")!;
  const version = stringValue(versionPair.value)!;
  if (version !== CURRENT_VERSION) {
    const legacy = version === `${API_GROUP}/v1beta1`;
    ctx.diagnostics.push({
      span: spanOf(versionPair.value)!,
      severity: legacy ? "warning" : "error",
      code: legacy ? DiagnosticCode.deprecatedVersion : DiagnosticCode.enum,
      message: legacy
        ? `${version} is the controller's legacy version; current controllers serve ${CURRENT_VERSION}.`
        : `"${version}" is not a version of ${API_GROUP}. Use ${CURRENT_VERSION}.`,
      data: { replacement: CURRENT_VERSION },
    });
    return { resources: [] }; // v1beta1 has other fields; checking it against v1beta2 would only mislead
  }

  const misspelt = checkKnownKeys(ctx, root, OBJECT_KEYS, "spec", "field");
  const specPair = getPair(root, "spec");
  const kindPair = getPair(root, "kind");
  const kind = stringValue(kindPair?.value);
  if (!kind || !KINDS.includes(kind)) {
    const suggestion = kind ? closest(kind, KINDS) : undefined;
    ctx.diagnostics.push({
      span: spanOf(kindPair?.value ?? kindPair?.key ?? versionPair.key)!,
      severity: "error",
      code: kindPair ? DiagnosticCode.enum : DiagnosticCode.required,
      message: kind
        ? `"${kind}" is not an App Mesh kind. Use one of: ${KINDS.join(", ")}.${suggestion ? ` Did you mean "${suggestion}"?` : ""}`
        : `Missing required field "kind".`,
      data: { suggestion },
    });
    // A kind that is surely a typo (`VirtualNod`) still has its spec checked as that kind's.
    const meant = kind ? confidentMatch(kind, KINDS) : undefined;
    const body = specPair ?? misspelt;
    if (meant && body) checkOnly(ctx, meant, body);
    return { resources: [] };
  }

  const metadataPair = getPair(root, "metadata");
  const metadata = metadataPair?.value;
  const nameNode = isMap(metadata) ? getPair(metadata, "name")?.value : undefined;
  const read = readName(ctx, nameNode);
  const name = read?.value || undefined;
  const namespaceRead = isMap(metadata) ? readName(ctx, getPair(metadata, "namespace")?.value) : undefined;
  const namespace = namespaceRead?.value || undefined;
  // A name or namespace still to be filled in (`${APP_NAMESPACE}`, `{{ .Release.Namespace }}`)
  // leaves the name in AWS unknown.
  const identityUnknown = read?.placeholder === true || namespaceRead?.placeholder === true;
  const labelsNode = isMap(metadata) ? getPair(metadata, "labels")?.value : undefined;
  const labels = readLabels(ctx.text, labelsNode);
  const nameSpan = read?.span ?? (nameNode ? spanOf(nameNode) : undefined);
  if (!name) {
    ctx.diagnostics.push({
      span: spanOf(metadataPair?.key ?? kindPair!.key)!,
      severity: "error",
      code: DiagnosticCode.required,
      message: `Missing required field "name" in metadata.`,
      data: { field: "name" },
    });
  }
  const objectName = name ?? "";
  if (!specPair && misspelt) checkOnly(ctx, kind, misspelt);
  if (kind === "BackendGroup") return { resources: [], backendGroup: { name: objectName, namespace } };

  const resourceKind = kind as ResourceKind;
  const resource = newResource(ctx, "kubernetes", resourceKind, spanOf(root as Node)!);
  resource.k8s = { name: objectName, namespace, labels };
  resource.nameSpan = nameSpan ?? spanOf(kindPair!.value)!;
  const references: Reference[] = [];

  const spec = walkInto(ctx, resource, KUBERNETES_VIEW, specPair?.value ?? null, KUBERNETES_SPEC_SHAPES[kind], "spec", spanOf(specPair?.key ?? kindPair!.key), (field, parentShape, node, path, keySpan) => {
    const key = `${parentShape}.${field.member}`;
    if (field.member === "meshRef" && node) {
      ctx.diagnostics.push({
        span: keySpan,
        severity: "warning",
        code: DiagnosticCode.controllerField,
        message: "meshRef is set by the controller from the namespace's labels; remove it and label the namespace instead.",
      });
    }
    const reference = KUBERNETES_REFERENCE_FIELDS[key];
    if (reference) {
      const target = readReference(ctx.text, node, reference.form, namespace);
      if (target) {
        const apiPath = reference.apiMember ? joinPath(path, reference.apiMember) : joinPath(path, field.member);
        if (target.external === false) {
          references.push({ kind: reference.kind, name: target.name, namespace: target.namespace, path: apiPath, span: target.span });
        }
        return reference.apiMember
          ? {
              member: reference.apiMember,
              // The name in AWS: an ARN's, or the target's default; unknown in a namespace still to be filled in.
              value: target.external ? target.name : hasPlaceholder(target.namespace ?? "") ? UNKNOWN : defaultAwsName(reference.kind, target.name, target.namespace),
            }
          : { skip: true };
      }
      // A reference whose name is still to be filled in refers to an unknown resource.
      const pending = isMap(node) && sourceString(ctx.text, getPair(node, "name")?.value)?.placeholders.length;
      return reference.apiMember ? { member: reference.apiMember, ...(pending ? { value: UNKNOWN } : {}) } : { skip: true };
    }
    const rename = KUBERNETES_RENAMES[key];
    if (rename) return { member: rename };
    return undefined;
  }) as Record<string, unknown> | undefined;

  // Controller-only fields (awsName, selectors, meshRef, routes …) leave the API spec for k8s.controller.
  const specValue: Record<string, unknown> = {};
  const controller: Record<string, unknown> = {};
  for (const [member, value] of Object.entries(spec ?? {})) {
    (KUBERNETES_CONTROLLER_ONLY.has(member) ? controller : specValue)[member] = value;
  }
  resource.k8s.controller = controller;
  const awsName: string | Unknown | undefined = typeof controller.awsName === "string" || controller.awsName === UNKNOWN ? controller.awsName : undefined;
  resource.name = awsName ?? (identityUnknown ? UNKNOWN : defaultAwsName(kind, objectName, namespace));
  resource.meshName = kind === "Mesh" ? resource.name : undefined; // decided across files, from namespaces and selectors
  const routes = controller.routes as Record<string, unknown>[] | undefined;
  resource.spec = specValue;

  const gatewayRef = references.find((r) => r.kind === "VirtualGateway");
  if (gatewayRef) resource.parentName = hasPlaceholder(gatewayRef.namespace ?? "") ? UNKNOWN : defaultAwsName("VirtualGateway", gatewayRef.name, gatewayRef.namespace);

  if (kind !== "VirtualRouter" || !Array.isArray(routes)) {
    resource.references = references;
    return { resources: [resource] };
  }
  // Each inline route becomes a Route resource whose spans and references are re-keyed from
  // "spec.routes.N.…" to "spec.…".
  const out: MeshResource[] = [resource];
  resource.references = references.filter((r) => !r.path.startsWith("spec.routes."));
  routes.forEach((route, index) => {
    if (!route || typeof route !== "object") return;
    const prefix = `spec.routes.${index}`;
    const routeResource = newResource(ctx, "kubernetes", "Route", resource.valueSpans.get(prefix) ?? resource.span);
    const { name: routeName, ...routeSpec } = route as Record<string, unknown>;
    routeResource.name = typeof routeName === "string" || routeName === UNKNOWN ? routeName : "";
    routeResource.nameSpan = resource.valueSpans.get(`${prefix}.name`) ?? routeResource.span;
    routeResource.parentName = resource.name;
    routeResource.k8s = { name: objectName, namespace };
    routeResource.spec = routeSpec;
    for (const [map, target] of [
      [resource.keySpans, routeResource.keySpans],
      [resource.valueSpans, routeResource.valueSpans],
    ] as const) {
      for (const [path, span] of map) {
        if (path === prefix || path.startsWith(`${prefix}.`)) target.set(`spec${path.slice(prefix.length)}`, span);
      }
    }
    routeResource.references = references
      .filter((r) => r.path.startsWith(`${prefix}.`))
      .map((r) => ({ ...r, path: `spec${r.path.slice(prefix.length)}` }));
    out.push(routeResource);
  });
  return { resources: out };
}

/**
 * A `{name, namespace}` reference (or an ARN). A name still to be filled in refers to nothing yet; a
 * namespace is kept as written, placeholder or not, so that objects of one envsubst template that
 * share `namespace: ${APP_NAMESPACE}` still find each other.
 */
function readReference(
  text: string,
  node: Node | null,
  form: "ref" | "arn",
  ownNamespace: string | undefined,
): { name: string; namespace?: string; span: Span; external: boolean } | undefined {
  if (!node) return undefined;
  if (form === "arn") {
    const arn = sourceString(text, node);
    const name = arn && arn.placeholders.length === 0 ? nameFromArn(arn.value) : undefined;
    return name ? { name, span: spanOf(node)!, external: true } : undefined;
  }
  if (!isMap(node)) return undefined;
  const nameNode = getPair(node, "name")?.value;
  const name = sourceString(text, nameNode);
  if (!name || name.value === "" || name.placeholders.length > 0) return undefined;
  const namespace = sourceString(text, getPair(node, "namespace")?.value)?.value || ownNamespace;
  return { name: name.value, namespace, span: name.span, external: false };
}

/** Labels as written (a label value may be a placeholder, compared as text). */
function readLabels(text: string, node: Node | null | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!isMap(node)) return labels;
  for (const pair of node.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
    labels[String(pair.key.value)] = sourceString(text, pair.value as Node)?.value ?? String(pair.value.value);
  }
  return labels;
}

/** Checks a spec as `kind`'s, for its diagnostics only: no resource is read from it. */
function checkOnly(ctx: DocumentContext, kind: string, spec: { key: Node; value: Node | null }): void {
  const scratch = newResource(ctx, "kubernetes", kind as ResourceKind, spanOf(spec.key)!);
  walkInto(ctx, scratch, KUBERNETES_VIEW, spec.value, KUBERNETES_SPEC_SHAPES[kind], "spec", spanOf(spec.key));
}

