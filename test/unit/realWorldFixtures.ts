// The real-world-shaped fixture tree (test/fixtures/realworld): loading it the way the language
// server does, and finding, on the test's own reading of each file (not the validator's), the App
// Mesh resources in it and the places where a mistake can be seeded.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node, type Pair, type YAMLMap } from "yaml";
import { mayHoldAppMesh } from "../../src/model/detect";
import type { ModelDiagnostic } from "../../src/model/resources";
import { WorkspaceIndex } from "../../src/model/workspaceIndex";
import { findDefinitionFiles } from "../../src/server/workspaceFiles";

export const REALWORLD_DIR = join(__dirname, "..", "fixtures", "realworld");

export interface FixtureFile {
  /** Path relative to the fixture tree, with forward slashes. */
  rel: string;
  uri: string;
  text: string;
  /** How the server gets it: from its workspace scan, or only once the file is opened in an editor. */
  via: "scan" | "opened" | "never";
}

/** Files a user could hold as definitions: YAML and JSON, their `.template` renderings, Helm's `.tpl`. */
const DEFINITION_LIKE = /\.(ya?ml|json)(\.template)?$|\.tpl$/i;
/** Opened in VS Code with a YAML/JSON language association; the disk scan's glob does not list them. */
const OPENED_ONLY = /\.(ya?ml|json)\.template$/i;

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

/**
 * Every definition-like file of the tree, and how the language server reaches it: the files its
 * workspace scan returns (src/server/workspaceFiles.ts), else `*.yaml.template`-style files that it
 * reads once they are opened (server.ts load(): the same mayHoldAppMesh test, any file name), else
 * never. Files the server never reads get no diagnostics.
 */
export async function readTree(root = REALWORLD_DIR): Promise<FixtureFile[]> {
  const scanned = new Set((await findDefinitionFiles(root)).map((f) => f.uri));
  return walk(root)
    .filter((path) => DEFINITION_LIKE.test(path) || scanned.has(pathToFileURL(path).toString()))
    .map((path) => {
      const uri = pathToFileURL(path).toString();
      const text = readFileSync(path, "utf8");
      const via = scanned.has(uri) ? "scan" : OPENED_ONLY.test(path) && mayHoldAppMesh(uri, text) ? "opened" : "never";
      return { rel: relative(root, path).split(sep).join("/"), uri, text, via };
    });
}

/** What server.ts load() does with a text: index it when it may hold App Mesh, forget it otherwise. */
export function loadText(index: WorkspaceIndex, uri: string, text: string): void {
  if (mayHoldAppMesh(uri, text)) index.set(uri, text);
  else index.delete(uri);
}

/** The repository a fixture imitates: its top-level folder. */
export const repositoryOf = (file: FixtureFile): string => file.rel.split("/")[0];

export function loadWorkspace(files: FixtureFile[]): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const file of files) if (file.via !== "never") loadText(index, file.uri, file.text);
  return index;
}

/** The diagnostics the server publishes for a file: per-file plus workspace ones, only for App Mesh files. */
export function publishedDiagnostics(index: WorkspaceIndex, uri: string): ModelDiagnostic[] {
  return index.get(uri)?.isAppMesh ? index.diagnostics(uri) : [];
}

export const lineOf = (text: string, offset: number): number => text.slice(0, offset).split("\n").length;

export function formatDiagnostic(text: string, d: ModelDiagnostic): string {
  return `${lineOf(text, d.span.start)}: ${d.severity} ${d.code}: ${d.message}`;
}

// ---------------------------------------------------------------------------------------------
// The test's own reading of the fixtures: App Mesh resources and the places to seed mistakes.

export type Dialect = "kubernetes" | "cloudformation" | "api";
export type Mistake = "weight" | "protocol" | "misspelled-key" | "port" | "dangling-reference";
export const MISTAKES: readonly Mistake[] = ["weight", "protocol", "misspelled-key", "port", "dangling-reference"];

/** One App Mesh resource as the test sees it (a Kubernetes router's inline routes are resources of their own). */
export interface Segment {
  file: FixtureFile;
  dialect: Dialect;
  kind: string;
  /** A label for reports: "VirtualNode storefront", "Route catalog-route", "CFN StockRoute". */
  label: string;
  /** 1-based line where the resource starts. */
  line: number;
  /** The mesh it belongs to, when the workspace alone tells (undefined: cannot be known here). */
  mesh?: string;
  root: YAMLMap;
  /** Sub-trees that belong to other segments (a router's routes). */
  exclude: Node[];
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface Seed {
  segment: Segment;
  mistake: Mistake;
  edit: Edit;
  /** 1-based line of the edit. */
  line: number;
  /** Diagnostic codes that catch it, each with the line it must be reported on. */
  expected: { code: string; line: number }[];
  /** The mesh whose live snapshot must be known for the mistake to be an error. */
  liveMesh?: string;
  /** What was changed, for reports: `weight: 150`. */
  summary: string;
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/**
 * Keeps every offset but hides what YAML cannot read in templated files: Helm control lines
 * (`{{- if … }}`, `{{- range … }}`) become blank, `{{ … }}` actions and shell placeholders become
 * runs of "x". Values are always judged on the original text.
 */
export function maskTemplates(text: string): string {
  return text
    .split("\n")
    .map((line) => (/^\s*\{\{-?[\s\S]*?-?\}\}\s*$/.test(line) && !/:\s/.test(line.replace(/\{\{[\s\S]*?\}\}/g, "")) ? line.replace(/[^\n]/g, " ") : line))
    .join("\n")
    .replace(/\{\{[\s\S]*?\}\}/g, (m) => "x".repeat(m.length))
    .replace(/\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}\n]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*/g, (m) => "x".repeat(m.length));
}

const TEMPLATED = /\$\{?[A-Za-z_]|\{\{/;
const source = (file: FixtureFile, node: Node): string => file.text.slice(node.range![0], node.range![1]);

function pairOf(map: YAMLMap, key: string, caseInsensitive = false): Pair<Node, Node | null> | undefined {
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const k = String(item.key.value);
    if (k === key || (caseInsensitive && k.toLowerCase() === key.toLowerCase())) return item as Pair<Node, Node | null>;
  }
  return undefined;
}

function literal(file: FixtureFile, node: Node | null | undefined): string | undefined {
  if (!isScalar(node) || node.tag || typeof node.value !== "string") return undefined;
  return TEMPLATED.test(source(file, node)) ? undefined : node.value;
}

const APP_MESH_KINDS = ["Mesh", "VirtualNode", "VirtualService", "VirtualRouter", "VirtualGateway", "GatewayRoute"];
const API_NAME_KEYS = ["meshName", "virtualNodeName", "virtualServiceName", "virtualRouterName", "routeName", "virtualGatewayName", "gatewayRouteName"];
const API_SPEC_KEYS = /^(listeners|serviceDiscovery|backends|backendDefaults|logging|provider|httpRoute|http2Route|grpcRoute|tcpRoute|egressFilter|priority)$/;

interface ParsedFixture {
  file: FixtureFile;
  roots: YAMLMap[];
}

function parseFixture(file: FixtureFile): ParsedFixture {
  const docs = parseAllDocuments(maskTemplates(file.text), { strict: false, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [];
  const broken = list.find((d) => d.errors.length > 0);
  if (broken) throw new Error(`${file.rel}: the test cannot read this fixture: ${broken.errors[0].message}`);
  return { file, roots: list.flatMap((d) => (isMap(d.contents) ? [d.contents as YAMLMap] : [])) };
}

/** Kubernetes namespaces' labels and meshes' selectors over the whole tree, to tell which mesh an object joins. */
function kubernetesMeshes(parsed: ParsedFixture[]): (namespace: string | undefined) => string | undefined {
  const namespaces: { name: string; labels: Record<string, string> }[] = [];
  const meshes: { name: string; selector: Record<string, string> }[] = [];
  for (const { file, roots } of parsed) {
    for (const root of roots) {
      const kind = literal(file, pairOf(root, "kind")?.value);
      const metadata = pairOf(root, "metadata")?.value;
      const name = isMap(metadata) ? literal(file, pairOf(metadata, "name")?.value) : undefined;
      if (!name) continue;
      const labelsOf = (map: unknown) =>
        Object.fromEntries(
          (isMap(map) ? map.items : []).filter(isPair).flatMap((p) => {
            const value = literal(file, p.value as Node);
            return isScalar(p.key) && value !== undefined ? [[String(p.key.value), value]] : [];
          }),
        );
      if (kind === "Namespace") namespaces.push({ name, labels: labelsOf(isMap(metadata) ? pairOf(metadata, "labels")?.value : undefined) });
      const apiVersion = literal(file, pairOf(root, "apiVersion")?.value) ?? "";
      if (kind === "Mesh" && apiVersion.startsWith("appmesh.k8s.aws/")) {
        const spec = pairOf(root, "spec")?.value;
        const selector = isMap(spec) ? pairOf(spec, "namespaceSelector")?.value : undefined;
        const awsName = isMap(spec) ? literal(file, pairOf(spec, "awsName")?.value) : undefined;
        meshes.push({ name: awsName ?? name, selector: labelsOf(isMap(selector) ? pairOf(selector, "matchLabels")?.value : undefined) });
      }
    }
  }
  return (namespace) => {
    const candidates = new Set<string>();
    for (const ns of namespaces.filter((n) => n.name === (namespace ?? "default"))) {
      for (const mesh of meshes) {
        const wanted = Object.entries(mesh.selector);
        if (wanted.length > 0 && wanted.every(([k, v]) => ns.labels[k] === v)) candidates.add(mesh.name);
      }
    }
    return candidates.size === 1 ? [...candidates][0] : undefined;
  };
}

/** The App Mesh resources of every file, on the test's own reading. */
export function appMeshSegments(files: FixtureFile[]): Segment[] {
  const parsed = files.map(parseFixture);
  const meshOfNamespace = kubernetesMeshes(parsed);
  const segments: Segment[] = [];
  for (const { file, roots } of parsed) {
    for (const root of roots) {
      const line = lineOf(file.text, root.range![0]);
      const apiVersion = literal(file, pairOf(root, "apiVersion")?.value) ?? "";
      const kind = literal(file, pairOf(root, "kind")?.value) ?? "";
      if (apiVersion.startsWith("appmesh.k8s.aws/") && APP_MESH_KINDS.includes(kind)) {
        const metadata = pairOf(root, "metadata")?.value;
        const nsNode = isMap(metadata) ? pairOf(metadata, "namespace")?.value : undefined;
        const namespace = nsNode ? literal(file, nsNode) : "default";
        const mesh = kind === "Mesh" ? undefined : nsNode && namespace === undefined ? undefined : meshOfNamespace(namespace);
        const name = isMap(metadata) && isScalar(pairOf(metadata, "name")?.value) ? source(file, pairOf(metadata, "name")!.value!) : "?";
        const spec = pairOf(root, "spec")?.value;
        const routes = kind === "VirtualRouter" && isMap(spec) ? pairOf(spec, "routes")?.value : undefined;
        segments.push({ file, dialect: "kubernetes", kind, label: `${kind} ${name}`, line, mesh, root, exclude: isSeq(routes) ? [routes] : [] });
        if (isSeq(routes)) {
          for (const route of routes.items) {
            if (!isMap(route)) continue;
            const routeName = isScalar(pairOf(route, "name")?.value) ? source(file, pairOf(route, "name")!.value!) : "?";
            segments.push({ file, dialect: "kubernetes", kind: "Route", label: `Route ${routeName}`, line: lineOf(file.text, route.range![0]), mesh, root: route, exclude: [] });
          }
        }
        continue;
      }
      const resources = pairOf(root, "Resources")?.value;
      if (isMap(resources)) {
        const templateMeshes = new Map<string, string | undefined>();
        for (const pair of resources.items) {
          if (!isPair(pair) || !isMap(pair.value)) continue;
          if (literal(file, pairOf(pair.value, "Type")?.value) !== "AWS::AppMesh::Mesh") continue;
          const properties = pairOf(pair.value, "Properties")?.value;
          templateMeshes.set(String((pair.key as { value: unknown }).value), isMap(properties) ? literal(file, pairOf(properties, "MeshName")?.value) : undefined);
        }
        for (const pair of resources.items) {
          if (!isPair(pair) || !isMap(pair.value)) continue;
          const type = literal(file, pairOf(pair.value, "Type")?.value) ?? "";
          if (!type.startsWith("AWS::AppMesh::")) continue;
          const logicalId = String((pair.key as { value: unknown }).value);
          const properties = pairOf(pair.value, "Properties")?.value;
          const meshNode = isMap(properties) ? pairOf(properties, "MeshName")?.value : undefined;
          let mesh = literal(file, meshNode);
          const target = meshNode ? intrinsicTarget(meshNode) : undefined;
          if (mesh === undefined && target) mesh = templateMeshes.get(target.id);
          segments.push({
            file,
            dialect: "cloudformation",
            kind: type.slice("AWS::AppMesh::".length),
            label: `CFN ${logicalId}`,
            line: lineOf(file.text, (pair.key as Node).range![0]),
            mesh: type === "AWS::AppMesh::Mesh" ? undefined : mesh,
            root: pair.value,
            exclude: [],
          });
        }
        continue;
      }
      const spec = pairOf(root, "spec")?.value;
      if (!isMap(spec)) continue;
      const nameKeys = API_NAME_KEYS.filter((k) => pairOf(root, k));
      const specOnly = root.items.every((p) => isPair(p) && isScalar(p.key) && ["spec", "tags", "clientToken", "meshOwner"].includes(String(p.key.value)));
      const meshSpecOnly = specOnly && (spec.items.length === 0 || spec.items.every((p) => isPair(p) && isScalar(p.key) && API_SPEC_KEYS.test(String(p.key.value))));
      if (nameKeys.length === 0 && !meshSpecOnly) continue;
      const kindKey = ["gatewayRouteName", "routeName", "virtualNodeName", "virtualServiceName", "virtualRouterName", "virtualGatewayName", "meshName"].find((k) => pairOf(root, k));
      const kindName = kindKey ? kindKey[0].toUpperCase() + kindKey.slice(1, -"Name".length) : "spec-only";
      const ownName = kindKey ? source(file, pairOf(root, kindKey)!.value!) : file.rel.split("/").pop()!;
      segments.push({ file, dialect: "api", kind: kindName, label: `${kindName} ${ownName}`, line, mesh: kindKey === "meshName" ? undefined : literal(file, pairOf(root, "meshName")?.value), root, exclude: [] });
    }
  }
  return segments;
}

/** The logical id of `!Ref X`, `!GetAtt X.Y`, `{Ref: X}` or `{"Fn::GetAtt": [X, Y]}`, with the node holding it. */
function intrinsicTarget(node: Node): { id: string; holder: Node } | undefined {
  if (isScalar(node) && (node.tag === "!Ref" || node.tag === "!GetAtt") && typeof node.value === "string") return { id: node.value.split(".")[0], holder: node };
  if (isSeq(node) && node.tag === "!GetAtt" && isScalar(node.items[0])) return { id: String((node.items[0] as { value: unknown }).value), holder: node.items[0] as Node };
  if (isMap(node) && node.items.length === 1 && isPair(node.items[0]) && isScalar(node.items[0].key)) {
    const key = String(node.items[0].key.value);
    const value = node.items[0].value as Node | null;
    if (key === "Ref" && isScalar(value)) return { id: String(value.value), holder: value };
    if (key === "Fn::GetAtt" && isSeq(value) && isScalar(value.items[0])) return { id: String((value.items[0] as { value: unknown }).value), holder: value.items[0] as Node };
    if (key === "Fn::GetAtt" && isScalar(value)) return { id: String(value.value).split(".")[0], holder: value };
  }
  return undefined;
}

interface Visit {
  pair: Pair<Node, Node | null>;
  key: string;
  /** Keys from the segment root down to this pair (list items are skipped). */
  path: string[];
  /** The pair whose value is the nearest enclosing list, if any. */
  listOwner?: Pair<Node, Node | null>;
}

/** Depth-first, in source order: every key of the segment outside its excluded sub-trees. */
function visits(segment: Segment): Visit[] {
  const out: Visit[] = [];
  const go = (node: Node | null, path: string[], listOwner: Pair<Node, Node | null> | undefined, owner: Pair<Node, Node | null> | undefined) => {
    if (!node || segment.exclude.includes(node)) return;
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item) || !isScalar(item.key)) continue;
        const pair = item as Pair<Node, Node | null>;
        const key = String((item.key as { value: unknown }).value);
        out.push({ pair, key, path: [...path, key], listOwner });
        go(pair.value, [...path, key], listOwner, pair);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) go(item as Node, path, owner, undefined);
    }
  };
  go(segment.root, [], undefined, undefined);
  return out;
}

const lower = (s: string) => s.toLowerCase();
const inPortMapping = (v: Visit) => v.path.length >= 2 && lower(v.path[v.path.length - 2]) === "portmapping";
const numberLiteral = (file: FixtureFile, node: Node | null): node is Node => isScalar(node) && !node.tag && /^\d+$/.test(source(file, node));
const stringLiteral = (file: FixtureFile, node: Node | null): node is Node => isScalar(node) && !node.tag && typeof node.value === "string" && !TEMPLATED.test(source(file, node));

/** Replaces a scalar's value, keeping its quotes. */
function scalarEdit(file: FixtureFile, node: Node, value: string): Edit {
  const [start, end] = node.range!;
  const raw = file.text.slice(start, end);
  const quoted = /^["']/.test(raw);
  return quoted ? { start: start + 1, end: end - 1, text: value } : { start, end, text: value };
}

/** Keys whose misspelling the test seeds, in the order tried (compared without case). */
const KNOWN_KEYS = ["listeners", "serviceDiscovery", "backends", "provider", "weightedTargets", "portMapping", "egressFilter", "namespaceSelector", "podSelector", "match", "action", "target", "healthCheck", "logging"];

/** `listeners` → `lsteners`: one letter dropped, so the key is still recognisably meant. */
export function misspell(key: string): string {
  return key.slice(0, 1) + key.slice(2);
}

const keyName = (pair: Pair<Node, Node | null> | undefined): string => (pair && isScalar(pair.key) ? String(pair.key.value) : "");

/** The line of the `weightedTargets` key above a target's weight, where a weight-sum error belongs. */
function weightedTargetsLine(segment: Segment, v: Visit): number[] {
  return lower(keyName(v.listOwner)) === "weightedtargets" ? [lineOf(segment.file.text, v.listOwner!.key.range![0])] : [];
}

/** The first place in a segment where each kind of mistake can be seeded, or none when it does not apply. */
export function seedsFor(segment: Segment): { mistake: Mistake; seed?: Seed; why?: string }[] {
  const file = segment.file;
  const all = visits(segment);
  const lineAt = (offset: number) => lineOf(file.text, offset);
  const make = (mistake: Mistake, edit: Edit, expected: string[], summary: string, extraLines: number[] = [], liveMesh?: string): Seed => {
    const line = lineAt(edit.start);
    return {
      segment,
      mistake,
      edit,
      line,
      expected: [...expected.map((code) => ({ code, line })), ...extraLines.map((l) => ({ code: "weight-sum", line: l }))],
      liveMesh,
      summary,
    };
  };
  const out: { mistake: Mistake; seed?: Seed; why?: string }[] = [];

  const weight = all.find((v) => lower(v.key) === "weight" && numberLiteral(file, v.pair.value) && lower(keyName(v.listOwner)) === "weightedtargets");
  out.push(
    weight
      ? { mistake: "weight", seed: make("weight", scalarEdit(file, weight.pair.value!, "150"), ["range"], `${weight.key}: 150`, weightedTargetsLine(segment, weight)) }
      : { mistake: "weight", why: "no literal weight" },
  );

  const protocol = all.find((v) => lower(v.key) === "protocol" && inPortMapping(v) && stringLiteral(file, v.pair.value));
  out.push(
    protocol
      ? { mistake: "protocol", seed: make("protocol", scalarEdit(file, protocol.pair.value!, "htp"), ["enum"], `${protocol.key}: htp`) }
      : { mistake: "protocol", why: "no literal listener protocol" },
  );

  let misspelt: Visit | undefined;
  for (const wanted of KNOWN_KEYS) {
    misspelt = all.find((v) => lower(v.key) === lower(wanted));
    if (misspelt) break;
  }
  if (misspelt) {
    const keyNode = misspelt.pair.key;
    const [start, end] = keyNode.range!;
    const raw = file.text.slice(start, end);
    const offset = raw.indexOf(misspelt.key);
    out.push({
      mistake: "misspelled-key",
      seed: make("misspelled-key", { start: start + offset, end: start + offset + misspelt.key.length, text: misspell(misspelt.key) }, ["unknown-key"], `${misspell(misspelt.key)}:`),
    });
  } else {
    out.push({ mistake: "misspelled-key", why: "no known key" });
  }

  const port = all.find((v) => lower(v.key) === "port" && inPortMapping(v) && numberLiteral(file, v.pair.value));
  out.push(port ? { mistake: "port", seed: make("port", scalarEdit(file, port.pair.value!, "70000"), ["range"], `${port.key}: 70000`) } : { mistake: "port", why: "no literal listener port" });

  out.push(danglingReference(segment, all, make));
  return out;
}

/**
 * What a field names, per dialect (judged by the key and the keys above it): a route's target, a
 * virtual service's provider, a gateway route's service, or a node's backend; undefined otherwise.
 */
function referenceSite(segment: Segment, v: Visit): "target" | "provider" | "gateway-target" | "backend" | undefined {
  const parent = v.path.length >= 2 ? lower(v.path[v.path.length - 2]) : "";
  const key = lower(v.key);
  const owner = lower(keyName(v.listOwner));
  const under = (name: string) => v.path.some((p) => lower(p) === name);
  const kind = () => (under("backends") || under("backenddefaults") ? "backend" : under("provider") ? "provider" : under("weightedtargets") ? "target" : "gateway-target");
  if (segment.dialect === "kubernetes") {
    return key === "name" && ["virtualnoderef", "virtualserviceref", "virtualrouterref"].includes(parent) ? kind() : undefined;
  }
  if (key === "virtualnode" && owner === "weightedtargets") return "target";
  if (key === "virtualservicename" && parent === "virtualservice") return kind();
  if ((key === "virtualnodename" && parent === "virtualnode") || (key === "virtualroutername" && parent === "virtualrouter")) return "provider";
  return undefined;
}

function danglingReference(segment: Segment, all: Visit[], make: (m: Mistake, e: Edit, codes: string[], summary: string, extra?: number[], live?: string) => Seed): { mistake: Mistake; seed?: Seed; why?: string } {
  const file = segment.file;
  const references = all.filter((v) => referenceSite(segment, v) && v.pair.value);
  // App Mesh accepts a backend whose virtual service does not exist (yet): naming one that exists
  // nowhere is no error even with the mesh live, so backends are not seeded, except as a
  // CloudFormation !GetAtt to a logical id, which the template must hold.
  const sites = references.filter((v) => referenceSite(segment, v) !== "backend" || (segment.dialect === "cloudformation" && intrinsicTarget(v.pair.value!)));
  if (references.length > 0 && sites.length === 0) return { mistake: "dangling-reference", why: "only backends refer elsewhere" };
  for (const site of sites) {
    const value = site.pair.value!;
    if (segment.dialect === "cloudformation") {
      const target = intrinsicTarget(value);
      if (target) {
        // A !GetAtt to a logical id the template lacks fails the template whatever the mesh holds.
        const start = target.holder.range![0] + file.text.slice(target.holder.range![0], target.holder.range![1]).indexOf(target.id);
        const edit = { start, end: start + target.id.length, text: `Nowhere${target.id}` };
        const codes = ["unknown-logical-id", "unresolved-reference"];
        return { mistake: "dangling-reference", seed: make("dangling-reference", edit, codes, `${site.key}: Nowhere${target.id}`, [], segment.mesh) };
      }
    }
    if (!stringLiteral(file, value)) continue;
    if (segment.mesh === undefined) return { mistake: "dangling-reference", why: "mesh not known from the workspace" };
    const renamed = `nowhere-${String((value as { value: unknown }).value)}`;
    return { mistake: "dangling-reference", seed: make("dangling-reference", scalarEdit(file, value, renamed), ["unresolved-reference"], `${site.key}: ${renamed}`, [], segment.mesh) };
  }
  return { mistake: "dangling-reference", why: sites.length ? "references are templated" : "no reference" };
}
