// "Show Details": a live resource as a read-only YAML document, in the API's shape or, on request,
// as a Kubernetes manifest or CloudFormation template (written by the model's writers).
import * as vscode from "vscode";
import type { ResourceDetail, ResourceRef } from "../../aws/appMeshAccess";
import type { RegionConnection } from "../../live/index";
import type { ResourceKind } from "../../model/resources";
import { liveLayer } from "../lazyBundles";

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

  constructor(private readonly live: (region: string | undefined) => RegionConnection) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const target = targetOf(uri);
    try {
      const { access, loader } = this.live(target.region);
      const { resourceFromApi, toApiShape, toCloudFormation, toKubernetes, toYaml } = liveLayer();
      const detail = await access.describe(target);
      const resource = resourceFromApi({ ...target, spec: detail.spec });
      const header = `# ${target.kind} ${target.name} in mesh ${target.meshName} (live, version ${detail.version}, ${detail.status}); read-only\n`;
      if (target.dialect === "kubernetes") {
        // The controller has no Route kind: routes live inline in their VirtualRouter, so a route is
        // shown inside its router, and a router with all its routes.
        let related: ResourceDetail[] = [];
        if (target.kind === "VirtualRouter") related = (await loader.routesOf(target.meshName, detail)).flatMap((r) => (r.detail ? [r.detail] : []));
        if (target.kind === "Route" && target.parentName) related = [await access.describe({ kind: "VirtualRouter", meshName: target.meshName, name: target.parentName })];
        const resources = [resource, ...related.map((d) => resourceFromApi({ kind: d.kind, meshName: d.meshName, parentName: d.parentName, name: d.name, spec: d.spec }))];
        const note = target.kind === "Route" ? `# Shown inside its VirtualRouter ${target.parentName}: the controller writes routes inline.\n` : "";
        return header + note + toYaml(toKubernetes(resources, "default"));
      }
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
