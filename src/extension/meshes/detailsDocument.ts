// "Show Details": a live resource as a read-only YAML document, in the API's shape or, on request,
// as a Kubernetes manifest or CloudFormation template (written by the model's writers).
import * as vscode from "vscode";
import type { AppMeshAccess, ResourceRef } from "../../aws/appMeshAccess";
import type { ResourceKind } from "../../model/resources";
import { resourceFromApi, toApiShape, toCloudFormation, toKubernetes, toYaml } from "../../model/writers/writers";

export const DETAILS_SCHEME = "appmesh-details";
export type DetailsDialect = "api" | "kubernetes" | "cloudformation";

interface DetailsTarget {
  /** Region of the view's region heading the resource was under, if any. */
  region?: string;
  kind: ResourceKind;
  meshName: string;
  parentName?: string;
  name: string;
  dialect: DetailsDialect;
}

export function detailsUri(ref: Pick<ResourceRef, "kind" | "meshName" | "parentName" | "name">, dialect: DetailsDialect = "api", region?: string): vscode.Uri {
  const suffix = dialect === "api" ? "" : `.${dialect}`;
  const parts = [ref.meshName, ref.kind, ...(ref.parentName ? [ref.parentName] : []), `${ref.name}${suffix}.yaml`].map(encodeURIComponent);
  const target: DetailsTarget = { kind: ref.kind, meshName: ref.meshName, parentName: ref.parentName, name: ref.name, dialect, region };
  return vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${parts.join("/")}`, query: JSON.stringify(target) });
}

export function targetOf(uri: vscode.Uri): DetailsTarget {
  return JSON.parse(uri.query) as DetailsTarget;
}

export class DetailsDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly access: (region: string | undefined) => AppMeshAccess) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const target = targetOf(uri);
    try {
      const detail = await this.access(target.region).describe(target);
      const resource = resourceFromApi({ ...target, spec: detail.spec });
      const header = `# ${target.kind} ${target.name} in mesh ${target.meshName} (live, version ${detail.version}, ${detail.status}); read-only\n`;
      if (target.dialect === "kubernetes") return header + toYaml(toKubernetes([resource], "default"));
      if (target.dialect === "cloudformation") return header + toYaml([toCloudFormation([resource])]);
      return header + toYaml([toApiShape(resource)]);
    } catch (error) {
      return `# Could not load ${target.kind} ${target.name}: ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }
}
