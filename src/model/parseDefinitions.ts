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
import { getPair, parseYamlText, stringValue } from "./source/yamlText";

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

const APP_MESH_TEXT = /appmesh\.k8s\.aws\/|AWS::AppMesh::/;

export function parseDefinitions(uri: string, text: string): ParsedDefinitions {
  const parsed = parseYamlText(text, /\.json$/i.test(uri));
  const ctx: DocumentContext = { uri, text, diagnostics: [], reportedPlaceholders: new Set() };
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

  const jsonBroken = parsed.syntaxErrors.length > 0;
  for (const document of parsed.documents) {
    const before = ctx.diagnostics.length;
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
        const kind = apiShapeKind(root);
        if (kind) {
          dialect = "api";
          result.resources.push(readApiShapeDocument(ctx, root, kind));
        } else {
          readNamespace(root, result.namespaces);
        }
      }
    }
    // A document with syntax errors reports only those: what follows from them would be noise.
    if (document.errors.length > 0 || jsonBroken) ctx.diagnostics.length = before;
    result.documents.push({ document, dialect });
  }

  result.isAppMesh = result.documents.some((d) => d.dialect !== undefined) || isAppMeshFileName(uri) || APP_MESH_TEXT.test(text);
  if (!result.isAppMesh) {
    result.diagnostics.length = 0;
    return result;
  }
  result.diagnostics.unshift(...parsed.syntaxErrors);
  if (!jsonBroken) {
    for (const resource of result.resources) if (!brokenDocument(parsed.documents, resource.span.start)) checkResource(resource, result.diagnostics);
  }
  return result;
}

function readNamespace(root: YAMLMap, namespaces: Map<string, Record<string, string>>): void {
  if (stringValue(getPair(root, "kind")?.value) !== "Namespace" || stringValue(getPair(root, "apiVersion")?.value) !== "v1") return;
  const metadata = getPair(root, "metadata")?.value;
  if (!isMap(metadata)) return;
  const name = stringValue(getPair(metadata, "name")?.value);
  const labelsNode = getPair(metadata, "labels")?.value;
  const labels: Record<string, string> = {};
  if (isMap(labelsNode)) {
    for (const pair of labelsNode.items) {
      if (isScalar(pair.key) && isScalar(pair.value)) labels[String(pair.key.value)] = String(pair.value.value);
    }
  }
  if (name) namespaces.set(name, labels);
}

function brokenDocument(documents: Document.Parsed[], offset: number): boolean {
  return documents.some((d) => d.errors.length > 0 && d.range[0] <= offset && offset <= d.range[2]);
}
