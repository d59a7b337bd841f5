// One entry point for reading a definitions file in any dialect: YAML or JSON text in, App Mesh
// resources in the API's shape (with source spans) and the file's own diagnostics out.
import { isMap, isScalar, type Document, type Node, type YAMLMap } from "yaml";
import { apiShapeKind, readApiShapeDocument } from "./dialects/apiShape";
import { isAppMeshTemplate, readCloudFormationTemplate } from "./dialects/cloudformation";
import type { DocumentContext } from "./dialects/documentContext";
import { isAppMeshManifest, readKubernetesDocument } from "./dialects/kubernetes";
import type { Dialect, MeshResource, ModelDiagnostic } from "./resources";
import { isAppMeshFileName } from "./detect";
import { checkResource } from "./semantics/resourceChecks";
import { getPair, parseYamlText, sourceString, stringValue } from "./source/yamlText";

export interface ParsedDefinitions {
  uri: string;
  text: string;
  /** True when the file holds App Mesh content (or is named *.appmesh.*). */
  isAppMesh: boolean;
  /** The dialect of each YAML document, undefined for documents that are not App Mesh. */
  documents: { document: Document.Parsed; dialect: Dialect | undefined }[];
  resources: MeshResource[];
  /** Syntax, schema and single-resource diagnostics; cross-file ones come from the workspace index. */
  diagnostics: ModelDiagnostic[];
  /** Labels of Kubernetes Namespace objects, for matching meshes' namespace selectors. */
  namespaces: Map<string, Record<string, string>>;
  backendGroups: { name: string; namespace?: string }[];
}

/**
 * App Mesh content the parser may have failed to read: an App Mesh apiVersion or resource type.
 * Annotations such as `appmesh.k8s.aws/sidecarInjectorWebhook` on a Deployment do not count.
 */
const APP_MESH_TEXT = /["']?apiVersion["']?\s*:\s*["']?appmesh\.k8s\.aws\/|AWS::AppMesh::/;

/** JSON by its name: `*.json`, and templates of it (`*.json.template`, `*.json.tpl`). */
export const JSON_FILE = /\.json(\.template|\.tpl)?$/i;

export function parseDefinitions(uri: string, text: string): ParsedDefinitions {
  const json = JSON_FILE.test(uri.replace(/[?#].*$/, ""));
  const parsed = parseYamlText(text, json);
  const ctx: DocumentContext = { uri, text, diagnostics: [], reportedPlaceholders: new Set(), templateLines: parsed.templateLines };
  const result: ParsedDefinitions = {
    uri,
    text,
    isAppMesh: false,
    documents: [],
    resources: [],
    diagnostics: ctx.diagnostics,
    namespaces: new Map(),
    backendGroups: [],
  };

  // A JSON file is one document: invalid JSON breaks all of it. In YAML only the broken document is
  // left unchecked; the file's other documents are read and checked as usual.
  const jsonBroken = json && parsed.syntaxErrors.length > 0;
  const unchecked = new Set<MeshResource>(); // read from documents with syntax errors
  for (const document of parsed.documents) {
    const before = ctx.diagnostics.length;
    const readBefore = result.resources.length;
    const root = document.contents as Node | null;
    let dialect: Dialect | undefined;
    if (isMap(root)) {
      if (isAppMeshManifest(root)) {
        dialect = "kubernetes";
        const read = readKubernetesDocument(ctx, root);
        result.resources.push(...read.resources);
        if (read.backendGroup) result.backendGroups.push(read.backendGroup);
      } else if (isAppMeshTemplate(root)) {
        dialect = "cloudformation";
        result.resources.push(...readCloudFormationTemplate(ctx, root));
      } else {
        const kind = apiShapeKind(root, uri);
        if (kind) {
          dialect = "api";
          result.resources.push(readApiShapeDocument(ctx, root, kind));
        } else {
          readNamespace(text, root, result.namespaces);
        }
      }
    }
    // A document with syntax errors reports only those: what follows from them would be noise.
    if (document.errors.length > 0 || jsonBroken) {
      ctx.diagnostics.length = before;
      for (const resource of result.resources.slice(readBefore)) unchecked.add(resource);
    }
    result.documents.push({ document, dialect });
  }

  result.isAppMesh = result.documents.some((d) => d.dialect !== undefined) || isAppMeshFileName(uri) || APP_MESH_TEXT.test(text);
  if (!result.isAppMesh) {
    result.diagnostics.length = 0;
    return result;
  }
  result.diagnostics.unshift(...parsed.syntaxErrors);
  if (!jsonBroken) {
    for (const resource of result.resources) if (!unchecked.has(resource)) checkResource(resource, result.diagnostics);
  }
  return result;
}

/** A Namespace's name and labels as written (placeholders too, as the objects in it spell them). */
function readNamespace(text: string, root: YAMLMap, namespaces: Map<string, Record<string, string>>): void {
  if (stringValue(getPair(root, "kind")?.value) !== "Namespace" || stringValue(getPair(root, "apiVersion")?.value) !== "v1") return;
  const metadata = getPair(root, "metadata")?.value;
  if (!isMap(metadata)) return;
  const name = sourceString(text, getPair(metadata, "name")?.value)?.value;
  const labelsNode = getPair(metadata, "labels")?.value;
  const labels: Record<string, string> = {};
  if (isMap(labelsNode)) {
    for (const pair of labelsNode.items) {
      if (isScalar(pair.key) && isScalar(pair.value)) labels[String(pair.key.value)] = sourceString(text, pair.value as Node)?.value ?? String(pair.value.value);
    }
  }
  if (name) namespaces.set(name, labels);
}
