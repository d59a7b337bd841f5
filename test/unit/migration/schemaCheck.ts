// Test-support validators: check generated migration output (Kubernetes manifests and
// CloudFormation templates) against the real API shapes kept in the shared reference folder.
// The reference files are read at test time only; the project never ships or copies them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { parseAllDocuments } from "yaml";

/** test/unit/migration → repository root → sibling `shared/reference`. */
export const REFERENCE_DIR: string = resolve(__dirname, "..", "..", "..", "..", "shared", "reference");

/** True when the reference folder (with its API models) is present, so tests can skip otherwise. */
export function referenceAvailable(): boolean {
  return existsSync(join(REFERENCE_DIR, "models"));
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------
// Kubernetes manifests against CRD OpenAPI v3 schemas
// ---------------------------------------------------------------------------

const CRD_DIRS = ["crds-gateway-api", "crds-lattice"];

interface CrdVersion {
  name: string;
  served?: boolean;
  schema?: { openAPIV3Schema?: Json };
}

interface Crd {
  group: string;
  kind: string;
  versions: CrdVersion[];
}

/**
 * Enums the CRDs only state in prose. The controller's TargetGroupPolicy declares
 * `protocol` and `protocolVersion` as plain strings, but its descriptions list the
 * supported values, and a typo there would otherwise pass unnoticed.
 */
const DOCUMENTED_ENUMS: Record<string, Record<string, string[]>> = {
  "application-networking.k8s.aws/TargetGroupPolicy": {
    "spec.protocol": ["HTTP", "HTTPS", "TCP"],
    "spec.protocolVersion": ["HTTP1", "HTTP2"],
  },
};

let crdCache: Map<string, Crd> | undefined;

/** All CRDs of both folders, keyed by `group/kind`; files may hold several YAML documents. */
function loadCrds(): Map<string, Crd> {
  if (crdCache) return crdCache;
  const crds = new Map<string, Crd>();
  for (const dir of CRD_DIRS) {
    const folder = join(REFERENCE_DIR, dir);
    for (const file of readdirSync(folder).filter((f) => /\.ya?ml$/.test(f))) {
      for (const doc of parseAllDocuments(readFileSync(join(folder, file), "utf8"))) {
        if (doc.errors.length > 0) throw new Error(`${dir}/${file}: ${doc.errors[0]?.message}`);
        const crd = toCrd(doc.toJS());
        if (crd) crds.set(`${crd.group}/${crd.kind}`, crd);
      }
    }
  }
  crdCache = crds;
  return crds;
}

function toCrd(doc: unknown): Crd | undefined {
  if (!isObject(doc) || doc.kind !== "CustomResourceDefinition" || !isObject(doc.spec)) return undefined;
  const { group, names, versions } = doc.spec;
  if (typeof group !== "string" || !isObject(names) || typeof names.kind !== "string" || !Array.isArray(versions)) {
    return undefined;
  }
  return { group, kind: names.kind, versions: versions as CrdVersion[] };
}

/**
 * Rewrites a structural schema so Ajv judges it the way `kubectl apply --validate=strict` does:
 * unknown fields are errors (Kubernetes would prune them silently, hiding generator bugs),
 * and int-or-string accepts both. CEL rules are dropped; other x-kubernetes-* keys Ajv ignores.
 */
function toAjvSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toAjvSchema);
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "x-kubernetes-validations") continue; // CEL rules: out of scope, and they bloat the schema
    out[key] = key === "properties" ? mapValues(value, toAjvSchema) : toAjvSchema(value);
  }
  if (out["x-kubernetes-int-or-string"] === true) {
    delete out.type;
    out.anyOf ??= [{ type: "integer" }, { type: "string" }];
  }
  if (isObject(out.properties) && out.additionalProperties === undefined && out["x-kubernetes-preserve-unknown-fields"] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

function mapValues(value: unknown, fn: (v: unknown) => unknown): unknown {
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fn(v)]));
}

function addDocumentedEnums(schema: Json, crdKey: string): void {
  for (const [path, values] of Object.entries(DOCUMENTED_ENUMS[crdKey] ?? {})) {
    let node: unknown = schema;
    for (const part of path.split(".")) node = isObject(node) && isObject(node.properties) ? node.properties[part] : undefined;
    if (isObject(node) && node.enum === undefined) node.enum = values;
  }
}

// Formats such as int32/int64/date-time are not enforced by the API server either.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validatorCache = new Map<string, ValidateFunction | string>();

/** A compiled validator for apiVersion + kind, or the reason there is none. */
function validatorFor(apiVersion: string, kind: string): ValidateFunction | string {
  const cacheKey = `${apiVersion}/${kind}`;
  const cached = validatorCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const result = compileValidator(apiVersion, kind);
  validatorCache.set(cacheKey, result);
  return result;
}

function compileValidator(apiVersion: string, kind: string): ValidateFunction | string {
  const slash = apiVersion.lastIndexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const crdKey = `${group}/${kind}`;
  const crd = loadCrds().get(crdKey);
  if (!crd) return `no CRD known for apiVersion ${apiVersion} kind ${kind}`;
  const entry = crd.versions.find((v) => v.name === version);
  if (!entry) return `CRD ${kind} has no version ${version} (has ${crd.versions.map((v) => v.name).join(", ")})`;
  if (entry.served === false) return `CRD ${kind} version ${version} is not served`;
  const raw = entry.schema?.openAPIV3Schema;
  if (!raw) return `CRD ${kind} version ${version} has no openAPIV3Schema`;
  const schema = toAjvSchema(raw) as Json;
  addDocumentedEnums(schema, crdKey);
  return ajv.compile(schema);
}

function formatAjvError(error: ErrorObject): string {
  const path = error.instancePath || "/";
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties") return `${path} ${error.message} (${String(params.additionalProperty)})`;
  if (error.keyword === "enum") return `${path} ${error.message}: ${JSON.stringify(params.allowedValues)}`;
  return `${path} ${error.message}`;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** CRD schemas leave metadata as a bare object; the API server still validates name and namespace. */
function metadataProblems(metadata: unknown): string[] {
  if (!isObject(metadata)) return ["/metadata is missing"];
  const problems: string[] = [];
  const { name, namespace } = metadata;
  if (typeof name !== "string" || name === "") problems.push("/metadata/name is missing");
  else if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    problems.push(`/metadata/name ${JSON.stringify(name)} is not a DNS-1123 subdomain (lowercase alphanumerics, '-', '.', at most 253)`);
  }
  if (namespace !== undefined && (typeof namespace !== "string" || namespace.length > 63 || !DNS1123_LABEL.test(namespace))) {
    problems.push(`/metadata/namespace ${JSON.stringify(namespace)} is not a DNS-1123 label (lowercase alphanumerics, '-', at most 63)`);
  }
  return problems;
}

/** Problems with each manifest, each prefixed `<kind> <name>:`; empty when all are valid. */
export function manifestProblems(docs: Record<string, unknown>[]): string[] {
  const problems: string[] = [];
  for (const doc of docs) {
    const kind = typeof doc.kind === "string" ? doc.kind : "<no kind>";
    const metadata = doc.metadata;
    const name = isObject(metadata) && typeof metadata.name === "string" ? metadata.name : "<unnamed>";
    const report = (message: string) => problems.push(`${kind} ${name}: ${message}`);
    metadataProblems(metadata).forEach(report);
    if (typeof doc.apiVersion !== "string" || typeof doc.kind !== "string") {
      report("apiVersion and kind must both be strings");
      continue;
    }
    const validate = validatorFor(doc.apiVersion, doc.kind);
    if (typeof validate === "string") report(validate);
    else if (!validate(doc)) (validate.errors ?? []).map(formatAjvError).forEach(report);
  }
  return problems;
}

// ---------------------------------------------------------------------------
// CloudFormation resources against AWS Smithy models
// ---------------------------------------------------------------------------

type Traits = Record<string, unknown>;

interface SmithyMember {
  target: string;
  traits?: Traits;
}

interface SmithyShape {
  type: string;
  traits?: Traits;
  members?: Record<string, SmithyMember>;
  member?: SmithyMember;
  key?: SmithyMember;
  value?: SmithyMember;
}

interface SmithyModel {
  namespace: string;
  shapes: Record<string, SmithyShape>;
}

interface ResourceMapping {
  model: string;
  shape: string;
  /** CloudFormation property name → API member name where they differ beyond letter case. */
  aliases?: Record<string, string>;
  /** CloudFormation-only properties: a model shape that describes them, or null to accept unchecked. */
  cfnOnly?: Record<string, string | null>;
}

const LATTICE = "vpc-lattice-2022-11-30.json";
const ECS = "ecs-2014-11-13.json";
const CLOUD_MAP = "servicediscovery-2017-03-14.json";

const RESOURCE_SHAPES: Record<string, ResourceMapping> = {
  "AWS::VpcLattice::ServiceNetwork": { model: LATTICE, shape: "CreateServiceNetworkRequest" },
  // DnsEntry is an output of CreateService that CloudFormation also accepts as input.
  "AWS::VpcLattice::Service": { model: LATTICE, shape: "CreateServiceRequest", cfnOnly: { DnsEntry: "DnsEntry" } },
  "AWS::VpcLattice::Listener": { model: LATTICE, shape: "CreateListenerRequest" },
  "AWS::VpcLattice::Rule": { model: LATTICE, shape: "CreateRuleRequest" },
  // CloudFormation registers targets in the same resource; the API does it with RegisterTargets.
  "AWS::VpcLattice::TargetGroup": { model: LATTICE, shape: "CreateTargetGroupRequest", cfnOnly: { Targets: "TargetList" } },
  "AWS::VpcLattice::ServiceNetworkServiceAssociation": {
    model: LATTICE,
    shape: "CreateServiceNetworkServiceAssociationRequest",
    cfnOnly: { DnsEntry: "DnsEntry" },
  },
  "AWS::VpcLattice::ServiceNetworkVpcAssociation": { model: LATTICE, shape: "CreateServiceNetworkVpcAssociationRequest" },
  "AWS::VpcLattice::AuthPolicy": { model: LATTICE, shape: "PutAuthPolicyRequest" },
  "AWS::VpcLattice::AccessLogSubscription": { model: LATTICE, shape: "CreateAccessLogSubscriptionRequest" },
  "AWS::ECS::Service": {
    model: ECS,
    shape: "CreateServiceRequest",
    aliases: { PlacementStrategies: "placementStrategy" },
    // Redeploy trigger that exists only in CloudFormation.
    cfnOnly: { ForceNewDeployment: null },
  },
  "AWS::ServiceDiscovery::HttpNamespace": { model: CLOUD_MAP, shape: "CreateHttpNamespaceRequest" },
};

/** Properties CloudFormation takes as a JSON object where the API takes the document as a string. */
const JSON_DOCUMENT_PROPERTIES: Record<string, string[]> = {
  "AWS::VpcLattice::AuthPolicy": ["Policy"],
};

const modelCache = new Map<string, SmithyModel>();

function loadModel(file: string): SmithyModel {
  const cached = modelCache.get(file);
  if (cached) return cached;
  const shapes = (JSON.parse(readFileSync(join(REFERENCE_DIR, "models", file), "utf8")) as { shapes: SmithyModel["shapes"] }).shapes;
  const service = Object.entries(shapes).find(([, s]) => s.type === "service")?.[0] ?? Object.keys(shapes)[0] ?? "";
  const model = { namespace: service.split("#")[0] ?? "", shapes };
  modelCache.set(file, model);
  return model;
}

/** Prelude shapes (smithy.api#String, #PrimitiveInteger, #Unit...) carry their type in the name. */
function preludeShape(target: string): SmithyShape {
  const name = target.slice("smithy.api#".length).replace(/^Primitive/, "");
  return name === "Unit" ? { type: "structure", members: {} } : { type: name.charAt(0).toLowerCase() + name.slice(1) };
}

function resolveShape(model: SmithyModel, target: string): SmithyShape | undefined {
  return target.startsWith("smithy.api#") ? preludeShape(target) : model.shapes[target];
}

/** `{ "Ref": … }` or `{ "Fn::…": … }`: resolved at deploy time, so nothing can be checked here. */
function isIntrinsic(value: unknown): boolean {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === "Ref" || (keys[0]?.startsWith("Fn::") ?? false));
}

interface CheckContext {
  model: SmithyModel;
  report: (message: string) => void;
  aliases: Record<string, string>;
}

const pascal = (member: string) => member.charAt(0).toUpperCase() + member.slice(1);
const joinPath = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The model member a CloudFormation property names: same name ignoring case, or a known alias. */
function findMember(shape: SmithyShape, property: string, aliases: Record<string, string>): [string, SmithyMember] | undefined {
  const wanted = (aliases[property] ?? property).toLowerCase();
  return Object.entries(shape.members ?? {}).find(([name]) => name.toLowerCase() === wanted);
}

function isExemptFromRequired(name: string, member: SmithyMember): boolean {
  const traits = member.traits ?? {};
  // Path labels come from the resource's own identifiers and tokens are generated by the client.
  return name === "clientToken" || "smithy.api#httpLabel" in traits || "smithy.api#idempotencyToken" in traits;
}

function checkValue(ctx: CheckContext, value: unknown, member: SmithyMember, path: string): void {
  if (isIntrinsic(value)) return;
  const shape = resolveShape(ctx.model, member.target);
  if (!shape) return ctx.report(`${path}: model has no shape ${member.target}`);
  // Constraints may sit on the target shape and on the member; the member's win.
  const traits = { ...shape.traits, ...member.traits };
  switch (shape.type) {
    case "structure":
      return checkStructure(ctx, value, shape, path);
    case "union":
      return checkUnion(ctx, value, shape, path);
    case "list":
    case "set":
      return checkList(ctx, value, shape, traits, path);
    case "map":
      return checkMap(ctx, value, shape, traits, path);
    case "enum":
    case "intEnum":
      return checkEnumShape(ctx, value, shape, path);
    case "string":
      return checkString(ctx, value, traits, path);
    case "integer":
    case "long":
    case "short":
    case "byte":
    case "bigInteger":
      return checkNumber(ctx, value, traits, path, true);
    case "double":
    case "float":
    case "bigDecimal":
      return checkNumber(ctx, value, traits, path, false);
    case "boolean":
      if (typeof value !== "boolean") ctx.report(`${path} must be a boolean (got ${JSON.stringify(value)})`);
      return;
    case "timestamp":
      if (typeof value !== "string" && typeof value !== "number") ctx.report(`${path} must be a timestamp`);
      return;
    case "blob":
      if (typeof value !== "string") ctx.report(`${path} must be a string (blob)`);
      return;
    default:
      return; // document: any JSON value
  }
}

function checkStructure(ctx: CheckContext, value: unknown, shape: SmithyShape, path: string): void {
  if (!isObject(value)) return ctx.report(`${path || "Properties"} must be an object`);
  const present = new Set<string>();
  for (const [property, child] of Object.entries(value)) {
    const found = findMember(shape, property, ctx.aliases);
    if (!found) {
      ctx.report(`unknown property ${joinPath(path, property)}`);
      continue;
    }
    present.add(found[0]);
    checkValue(ctx, child, found[1], joinPath(path, property));
  }
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    if ("smithy.api#required" in (member.traits ?? {}) && !present.has(name) && !isExemptFromRequired(name, member)) {
      ctx.report(`missing required property ${joinPath(path, pascal(name))}`);
    }
  }
}

function checkUnion(ctx: CheckContext, value: unknown, shape: SmithyShape, path: string): void {
  if (!isObject(value)) return ctx.report(`${path} must be an object`);
  const set = Object.keys(value).filter((k) => value[k] !== null && value[k] !== undefined);
  if (set.length !== 1) {
    const options = Object.keys(shape.members ?? {}).map(pascal).join(", ");
    ctx.report(`${path} must set exactly one of ${options} (got ${set.length ? set.join(", ") : "none"})`);
  }
  // Union members are never required, so the structure check only adds unknown-member and type checks.
  checkStructure(ctx, value, shape, path);
}

function checkList(ctx: CheckContext, value: unknown, shape: SmithyShape, traits: Traits, path: string): void {
  if (!Array.isArray(value)) return ctx.report(`${path} must be a list`);
  checkLength(ctx, value.length, traits, path, "items");
  if (shape.member) value.forEach((item, i) => checkValue(ctx, item, shape.member as SmithyMember, `${path}[${i}]`));
}

function checkMap(ctx: CheckContext, value: unknown, shape: SmithyShape, traits: Traits, path: string): void {
  if (!isObject(value)) return ctx.report(`${path} must be a map`);
  checkLength(ctx, Object.keys(value).length, traits, path, "entries");
  for (const [key, child] of Object.entries(value)) {
    if (shape.key) checkValue(ctx, key, shape.key, `${path} key ${JSON.stringify(key)}`);
    if (shape.value) checkValue(ctx, child, shape.value, joinPath(path, key));
  }
}

function checkEnumShape(ctx: CheckContext, value: unknown, shape: SmithyShape, path: string): void {
  const allowed = Object.values(shape.members ?? {}).map((m) => m.traits?.["smithy.api#enumValue"]);
  if (!allowed.some((v) => v === value)) ctx.report(`${path} must be one of ${JSON.stringify(allowed)} (got ${JSON.stringify(value)})`);
}

function checkString(ctx: CheckContext, value: unknown, traits: Traits, path: string): void {
  if (typeof value !== "string") return ctx.report(`${path} must be a string (got ${JSON.stringify(value)})`);
  const legacyEnum = traits["smithy.api#enum"] as { value: string }[] | undefined;
  if (legacyEnum) {
    const allowed = legacyEnum.map((e) => e.value);
    if (!allowed.includes(value)) ctx.report(`${path} must be one of ${JSON.stringify(allowed)} (got ${JSON.stringify(value)})`);
  }
  // Smithy counts Unicode scalar values, not UTF-16 units.
  checkLength(ctx, [...value].length, traits, path, "characters");
  const pattern = traits["smithy.api#pattern"];
  if (typeof pattern === "string" && !compilePattern(pattern).test(value)) {
    ctx.report(`${path} ${JSON.stringify(value)} must match ${pattern}`);
  }
}

const patternCache = new Map<string, RegExp>();

/** Smithy patterns are ECMA 262; a few use escapes (`\-`) that only compile without the `u` flag. */
function compilePattern(pattern: string): RegExp {
  let regex = patternCache.get(pattern);
  if (!regex) {
    try {
      regex = new RegExp(pattern, "u");
    } catch {
      regex = new RegExp(pattern);
    }
    patternCache.set(pattern, regex);
  }
  return regex;
}

function checkNumber(ctx: CheckContext, value: unknown, traits: Traits, path: string, integer: boolean): void {
  const ok = typeof value === "number" && (integer ? Number.isInteger(value) : Number.isFinite(value));
  if (!ok) return ctx.report(`${path} must be ${integer ? "an integer" : "a number"} (got ${JSON.stringify(value)})`);
  const range = traits["smithy.api#range"] as { min?: number; max?: number } | undefined;
  if (range?.min !== undefined && value < range.min) ctx.report(`${path} must be >= ${range.min} (got ${value})`);
  if (range?.max !== undefined && value > range.max) ctx.report(`${path} must be <= ${range.max} (got ${value})`);
}

function checkLength(ctx: CheckContext, count: number, traits: Traits, path: string, unit: string): void {
  const length = traits["smithy.api#length"] as { min?: number; max?: number } | undefined;
  if (length?.min !== undefined && count < length.min) ctx.report(`${path} must have at least ${length.min} ${unit} (has ${count})`);
  if (length?.max !== undefined && count > length.max) ctx.report(`${path} must have at most ${length.max} ${unit} (has ${count})`);
}

/** Checks one resource's Properties against its request shape. */
function resourceProblems(logicalId: string, type: string, mapping: ResourceMapping, properties: unknown): string[] {
  const problems: string[] = [];
  const model = loadModel(mapping.model);
  const ctx: CheckContext = {
    model,
    report: (message) => problems.push(`${type.split("::").pop()} ${logicalId}: ${message}`),
    aliases: mapping.aliases ?? {},
  };
  if (isIntrinsic(properties)) return problems;
  const props = { ...(isObject(properties) ? properties : {}) };
  delete props.Tags; // CloudFormation's tag list, not the API's tag shape
  for (const [property, shapeName] of Object.entries(mapping.cfnOnly ?? {})) {
    if (!(property in props)) continue;
    if (shapeName) checkValue(ctx, props[property], { target: `${model.namespace}#${shapeName}` }, property);
    delete props[property];
  }
  for (const property of JSON_DOCUMENT_PROPERTIES[type] ?? []) {
    if (isObject(props[property]) && !isIntrinsic(props[property])) props[property] = JSON.stringify(props[property]);
  }
  checkValue(ctx, props, { target: `${model.namespace}#${mapping.shape}` }, "");
  return problems;
}

/**
 * Problems with each resource of a CloudFormation template, prefixed `<short type> <logical id>:`.
 * Types with no known API shape are problems unless listed in `options.ignoreTypes`.
 */
export function cloudFormationProblems(template: Record<string, unknown>, options: { ignoreTypes?: string[] } = {}): string[] {
  const resources = template.Resources;
  if (!isObject(resources)) return ["template has no Resources object"];
  const problems: string[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    const type = isObject(resource) ? resource.Type : undefined;
    if (typeof type !== "string") {
      problems.push(`${logicalId}: resource has no Type`);
      continue;
    }
    const mapping = RESOURCE_SHAPES[type];
    if (mapping) problems.push(...resourceProblems(logicalId, type, mapping, (resource as Json).Properties));
    else if (!options.ignoreTypes?.includes(type)) problems.push(`${logicalId}: no API shape known for ${type}`);
  }
  return problems;
}
