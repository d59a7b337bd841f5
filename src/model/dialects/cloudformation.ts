// CloudFormation and SAM templates (YAML with short tags, or JSON): AWS::AppMesh::* resources with
// PascalCase properties. Intrinsic functions stand for unknown values; !Ref and !GetAtt to another
// App Mesh resource of the template count as references to it.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from "yaml";
import { closest, confidentMatch } from "../didYouMean";
import { DiagnosticCode } from "../diagnosticCodes";
import { RESOURCE_KINDS, UNKNOWN, type MeshResource, type ResourceKind, type Span } from "../resources";
import { joinPath } from "../schemaWalker";
import { API_REFERENCE_FIELDS } from "../schema/references";
import { CLOUDFORMATION_VIEW } from "../schema/views";
import { getPair, hasPlaceholder, spanOf, stringValue } from "../source/yamlText";
import { NAME_KEY, PARENT_KEY } from "./apiShape";
import { newResource, walkInto, type DocumentContext } from "./documentContext";
import { checkKnownKeys } from "./knownKeys";

const TYPE_PREFIX = "AWS::AppMesh::";
/** The attributes a resource of a template may have; CloudFormation refuses others. */
const RESOURCE_ATTRIBUTES = ["Type", "Properties", "DependsOn", "Condition", "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy"];

/** True when the document is a template holding at least one AWS::AppMesh:: resource. */
export function isAppMeshTemplate(root: YAMLMap): boolean {
  const resources = getPair(root, "Resources")?.value;
  if (!isMap(resources)) return false;
  return resources.items.some((pair) => {
    const body = pair.value as Node | null;
    return isMap(body) && (stringValue(getPair(body, "Type")?.value) ?? "").startsWith(TYPE_PREFIX);
  });
}

/** The logical id an intrinsic points at: !Ref X, !GetAtt X.Attr, {Ref: X}, {"Fn::GetAtt": [X, Attr]}. */
export function logicalIdOf(node: Node | null): { id: string; span: Span } | undefined {
  if (!node) return undefined;
  const span = spanOf(node)!;
  if (node.tag === "!Ref" && isScalar(node)) return { id: String(node.value), span };
  if (node.tag === "!GetAtt") {
    if (isScalar(node)) return { id: String(node.value).split(".")[0], span };
    if (isSeq(node) && isScalar(node.items[0])) return { id: String((node.items[0] as { value: unknown }).value), span };
  }
  if (isMap(node) && node.items.length === 1) {
    const pair = node.items[0] as Pair;
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const value = pair.value as Node | null;
    if (key === "Ref" && isScalar(value)) return { id: String(value.value), span };
    if (key === "Fn::GetAtt") {
      if (isScalar(value)) return { id: String(value.value).split(".")[0], span };
      if (isSeq(value) && isScalar(value.items[0])) return { id: String((value.items[0] as { value: unknown }).value), span };
    }
  }
  return undefined;
}

export function readCloudFormationTemplate(ctx: DocumentContext, root: YAMLMap): MeshResource[] {
  const parametersNode = getPair(root, "Parameters")?.value;
  const parameters = new Set<string>(
    isMap(parametersNode) ? parametersNode.items.map((p) => String(isScalar(p.key) ? p.key.value : "")) : [],
  );
  const defaults = parameterDefaults(parametersNode);
  const resourcesNode = getPair(root, "Resources")?.value;
  if (!isMap(resourcesNode)) return [];
  const resources: MeshResource[] = [];

  for (const pair of resourcesNode.items) {
    const logicalId = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const body = pair.value as Node | null;
    if (!logicalId || !isMap(body)) continue;
    const typePair = getPair(body, "Type");
    const type = stringValue(typePair?.value);
    if (!type?.startsWith(TYPE_PREFIX)) continue;
    const kindName = type.slice(TYPE_PREFIX.length);
    if (!(RESOURCE_KINDS as readonly string[]).includes(kindName)) {
      const suggestion = closest(kindName, RESOURCE_KINDS);
      ctx.diagnostics.push({
        span: spanOf(typePair!.value)!,
        severity: "error",
        code: DiagnosticCode.enum,
        message: `"${type}" is not an App Mesh resource type.${suggestion ? ` Did you mean "${TYPE_PREFIX}${suggestion}"?` : ""}`,
        data: { suggestion: suggestion ? TYPE_PREFIX + suggestion : undefined },
      });
      // A type that is surely a typo (`AWS::AppMesh::VirtualNod`) still has its properties checked as that type's.
      const meant = confidentMatch(kindName, RESOURCE_KINDS) as ResourceKind | undefined;
      const propertiesPair = getPair(body, "Properties");
      if (meant && propertiesPair) {
        const scratch = newResource(ctx, "cloudformation", meant, spanOf(body)!);
        walkInto(ctx, scratch, CLOUDFORMATION_VIEW, propertiesPair.value, `Cfn${meant}Properties`, "", spanOf(propertiesPair.key));
      }
      continue;
    }
    const kind = kindName as ResourceKind;
    const resource = newResource(ctx, "cloudformation", kind, spanOf(body)!);
    resource.logicalId = logicalId;
    const misspelt = checkKnownKeys(ctx, body, RESOURCE_ATTRIBUTES, "Properties", "resource attribute");
    const propertiesPair = getPair(body, "Properties");
    const logicalSpan = spanOf(pair.key as Node)!;
    if (!propertiesPair && misspelt) {
      // `Propertes:` is reported as unknown; what it holds is still checked as the properties.
      const scratch = newResource(ctx, "cloudformation", kind, spanOf(body)!);
      walkInto(ctx, scratch, CLOUDFORMATION_VIEW, misspelt.value, `Cfn${kind}Properties`, "", spanOf(misspelt.key));
    }

    const properties = walkInto(
      ctx,
      resource,
      CLOUDFORMATION_VIEW,
      propertiesPair?.value ?? null,
      `Cfn${kind}Properties`,
      "",
      propertiesPair ? spanOf(propertiesPair.key) : logicalSpan,
      (field, parentShape, node, path) => {
        const referenceKind = API_REFERENCE_FIELDS[`${parentShape}.${field.member}`];
        if (referenceKind) addReference(ctx.text, resource, referenceKind, node, joinPath(path, field.member), parameters);
        // A spec value given as a parameter reads as the parameter's default (still checked as written).
        const value = path.startsWith("spec") ? withParameterDefaults(node, defaults) : undefined;
        return value === undefined ? undefined : { value };
      },
    ) as Record<string, unknown> | undefined;
    if (!propertiesPair && !misspelt) {
      // Every type but Mesh has required properties; say so once at the logical id.
      const required = CLOUDFORMATION_VIEW.fields(`Cfn${kind}Properties`).filter((f) => f.required);
      if (required.length) {
        ctx.diagnostics.push({
          span: logicalSpan,
          severity: "error",
          code: DiagnosticCode.required,
          message: `Missing required field "Properties" (with ${required.map((f) => f.key).join(", ")}).`,
          data: { field: "Properties" },
        });
      }
    }

    const literal = (member: string) => {
      const value = properties?.[member];
      return typeof value === "string" ? value : undefined;
    };
    // CloudFormation names unnamed resources after their logical id; a placeholder name is unknown.
    resource.name = properties?.[NAME_KEY[kind]] === UNKNOWN ? UNKNOWN : (literal(NAME_KEY[kind]) ?? logicalId);
    resource.nameSpan = resource.valueSpans.get(NAME_KEY[kind]) ?? logicalSpan;
    resource.spec = (properties?.spec as Record<string, unknown>) ?? {};
    resource.tags = properties?.tags as MeshResource["tags"];
    const meshNode = propertiesPair && isMap(propertiesPair.value) ? getPair(propertiesPair.value, "MeshName")?.value ?? null : null;
    resource.meshName = kind === "Mesh" ? resource.name : literal("meshName") ?? (logicalIdOf(meshNode) ? `@${logicalIdOf(meshNode)!.id}` : UNKNOWN);
    const parent = PARENT_KEY[kind];
    if (parent && propertiesPair && isMap(propertiesPair.value)) {
      const parentKey = CLOUDFORMATION_VIEW.keyFor(`Cfn${kind}Properties`, parent.key);
      const parentNode = getPair(propertiesPair.value, parentKey)?.value ?? null;
      const logical = logicalIdOf(parentNode);
      resource.parentName = literal(parent.key) ?? (logical ? `@${logical.id}` : UNKNOWN);
      addReference(ctx.text, resource, parent.kind, parentNode, parent.key, parameters);
    }
    resources.push(resource);
  }

  // Names written as !Ref/!GetAtt to a resource of the template take that resource's name.
  const byLogicalId = new Map(resources.map((r) => [r.logicalId!, r]));
  const resolveName = (value: MeshResource["meshName"]) =>
    typeof value === "string" && value.startsWith("@") ? (byLogicalId.get(value.slice(1))?.name ?? UNKNOWN) : value;
  for (const resource of resources) {
    resource.meshName = resolveName(resource.meshName);
    if (resource.parentName !== undefined) resource.parentName = resolveName(resource.parentName) as MeshResource["parentName"];
  }
  return resources;
}

/**
 * The literal string Default of each parameter that has one: the account-specific values (ARNs,
 * owners) a template saved from a live mesh moves into parameters. Numbers stay unknown: a weight
 * or a port given as a parameter is a deployment choice, and edits of the value refuse it.
 */
function parameterDefaults(parametersNode: unknown): Map<string, string | number | boolean> {
  const defaults = new Map<string, string | number | boolean>();
  if (!isMap(parametersNode)) return defaults;
  for (const pair of parametersNode.items) {
    const body = pair.value as Node | null;
    if (!isScalar(pair.key) || !isMap(body)) continue;
    const value = getPair(body, "Default")?.value;
    if (isScalar(value) && !value.tag && typeof value.value === "string") {
      defaults.set(String(pair.key.value), value.value as string | number | boolean);
    }
  }
  return defaults;
}

/**
 * The value a `!Ref Parameter` (or a list holding some) stands for when the stack is created with
 * the parameters' defaults, so a template saved from a live mesh compares as that mesh; undefined
 * when the node holds no such reference or anything else that cannot be known.
 */
function withParameterDefaults(node: Node | null, defaults: ReadonlyMap<string, string | number | boolean>): unknown {
  if (!node || defaults.size === 0) return undefined;
  const refDefault = (item: unknown) => {
    const ref = isScalar(item) && item.tag === "!Ref" ? String(item.value) : isMap(item) && item.items.length === 1 && isScalar(item.items[0].key) && item.items[0].key.value === "Ref" && isScalar(item.items[0].value) ? String((item.items[0].value as { value: unknown }).value) : undefined;
    return ref !== undefined ? defaults.get(ref) : undefined;
  };
  const single = refDefault(node);
  if (single !== undefined) return single;
  if (!isSeq(node) || !node.items.some((item) => refDefault(item) !== undefined)) return undefined;
  const items: unknown[] = [];
  for (const item of node.items) {
    const value = refDefault(item) ?? (isScalar(item) && !item.tag ? item.value : undefined);
    if (value === undefined) return undefined;
    items.push(value);
  }
  return items;
}

function addReference(text: string, resource: MeshResource, kind: ResourceKind, node: Node | null, path: string, parameters: Set<string>): void {
  if (!node) return;
  const logical = logicalIdOf(node);
  if (logical) {
    if (!parameters.has(logical.id) && !logical.id.startsWith("AWS::")) {
      resource.references.push({ kind, name: logical.id, logicalId: logical.id, path, span: logical.span });
    }
    return;
  }
  const name = stringValue(node);
  const span = spanOf(node)!;
  // A name holding a placeholder (`${X}`, `{{ .Values.x }}`, `<NAME>`) is not known yet.
  if (name !== undefined && !node.tag && !hasPlaceholder(text.slice(span.start, span.end))) resource.references.push({ kind, name, path, span });
}

