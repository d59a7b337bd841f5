// Builds, at bench time, the JSON Schema a user would give yaml-language-server for App Mesh
// controller manifests: each CRD's v1beta2 openAPIV3Schema, combined into one schema that
// dispatches on `kind`. Like kubeconform's openapi2jsonschema (which makes the schemas of the CRDs
// catalog that editors point at), nested objects with declared properties get
// `additionalProperties: false`, so unknown keys are reported as kubectl's validation would.
// The CRDs are read from outside the repository and never copied into it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

export const CRD_VERSION = "v1beta2";
export const API_VERSION = `appmesh.k8s.aws/${CRD_VERSION}`;

export type Dispatch = "if-then" | "anyOf";

export interface CrdSchemaOptions {
  /** How the combined schema picks a kind's schema: `allOf: [{if: kind == K, then: K}]` or `anyOf`. */
  dispatch?: Dispatch;
  /** Add `additionalProperties: false` below the root (kubeconform's default). */
  strict?: boolean;
}

export interface CrdSchema {
  schema: Record<string, unknown>;
  kinds: string[];
  files: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The combined schema, or undefined when `dir` holds no App Mesh CRDs. */
export function buildCrdSchema(dir: string, options: CrdSchemaOptions = {}): CrdSchema | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir)
    .filter((name) => /^appmesh\.k8s\.aws_.*\.ya?ml$/.test(name))
    .sort();
  const definitions: Record<string, Json> = {};
  for (const file of files) {
    for (const doc of parseAllDocuments(readFileSync(join(dir, file), "utf8"))) {
      const crd = doc.toJS() as Json | null;
      if (!isObject(crd) || crd.kind !== "CustomResourceDefinition" || !isObject(crd.spec)) continue;
      const kind = isObject(crd.spec.names) ? crd.spec.names.kind : undefined;
      const versions = Array.isArray(crd.spec.versions) ? crd.spec.versions.filter(isObject) : [];
      const version = versions.find((v) => v.name === CRD_VERSION);
      const openApi = isObject(version?.schema) ? version.schema.openAPIV3Schema : undefined;
      if (typeof kind !== "string" || !isObject(openApi)) continue;
      definitions[kind] = kindSchema(kind, structuredClone(openApi), options.strict ?? true);
    }
  }
  const kinds = Object.keys(definitions).sort();
  if (kinds.length === 0) return undefined;

  const ref = (kind: string) => ({ $ref: `#/definitions/${kind}` });
  const schema: Json = {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "urn:appmesh-bench:crds",
    title: `App Mesh controller resources (${API_VERSION}), from the controller's CRDs`,
    type: "object",
    required: ["apiVersion", "kind"],
    properties: {
      apiVersion: { const: API_VERSION, description: "App Mesh controller API version." },
      kind: { enum: kinds, description: "App Mesh controller resource kind." },
    },
    definitions,
  };
  if ((options.dispatch ?? "if-then") === "if-then") {
    schema.allOf = kinds.map((kind) => ({ if: { properties: { kind: { const: kind } }, required: ["kind"] }, then: ref(kind) }));
  } else {
    schema.anyOf = kinds.map(ref);
  }
  return { schema, kinds, files };
}

function kindSchema(kind: string, openApi: Json, strict: boolean): Json {
  if (strict) denyAdditionalProperties(openApi, true);
  const properties = isObject(openApi.properties) ? openApi.properties : (openApi.properties = {});
  properties.apiVersion = { ...(isObject(properties.apiVersion) ? properties.apiVersion : {}), type: "string", const: API_VERSION };
  properties.kind = { ...(isObject(properties.kind) ? properties.kind : {}), type: "string", const: kind };
  return openApi;
}

/** kubectl-style strictness: objects that declare properties allow no others (the root excepted). */
function denyAdditionalProperties(node: unknown, root: boolean): void {
  if (Array.isArray(node)) {
    for (const item of node) denyAdditionalProperties(item, false);
    return;
  }
  if (!isObject(node)) return;
  if (!root && isObject(node.properties) && node.additionalProperties === undefined && node["x-kubernetes-preserve-unknown-fields"] !== true) {
    node.additionalProperties = false;
  }
  for (const [key, value] of Object.entries(node)) {
    // Walk schemas only: `properties` maps names to schemas, the rest are schemas or lists of them.
    if (key === "properties" && isObject(value)) for (const child of Object.values(value)) denyAdditionalProperties(child, false);
    else if (key === "items" || key === "additionalProperties" || key === "not") denyAdditionalProperties(value, false);
    else if (key === "allOf" || key === "anyOf" || key === "oneOf") denyAdditionalProperties(value, false);
  }
}
