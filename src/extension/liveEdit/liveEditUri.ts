// Where an editable live resource lives: appmesh-live:/<region heading>/<mesh>/<Kind>[/<parent>]/<name>.yaml
// (the region segment is "default" when the view shows one unnamed region), with `?view=kubernetes`
// or `?view=cloudformation` for those dialects. The URI alone says which resource it is and how it
// is written, so a document reopened from history still finds its resource.
import * as vscode from "vscode";
import { RESOURCE_KINDS, type ResourceKind } from "../../model/resources";

export const LIVE_EDIT_SCHEME = "appmesh-live";

const DEFAULT_REGION = "default";
const HAS_PARENT: ReadonlySet<ResourceKind> = new Set(["Route", "GatewayRoute"]);

export interface LiveEditAddress {
  /** The Meshes view's region heading, undefined when it shows one unnamed region. */
  region?: string;
  kind: ResourceKind;
  meshName: string;
  parentName?: string;
  name: string;
  /** The dialect of the document; absent: the API's shape. */
  view?: "kubernetes" | "cloudformation";
}

const VIEWS: readonly string[] = ["kubernetes", "cloudformation"];

export function liveEditUri(address: LiveEditAddress): vscode.Uri {
  const parts = [address.region ?? DEFAULT_REGION, address.meshName, address.kind, ...(HAS_PARENT.has(address.kind) ? [address.parentName ?? ""] : []), `${address.name}.yaml`];
  return vscode.Uri.from({ scheme: LIVE_EDIT_SCHEME, path: `/${parts.map(encodeURIComponent).join("/")}`, ...(address.view ? { query: `view=${address.view}` } : {}) });
}

/** The resource a URI of the scheme names; throws FileNotFound for a path that names none. */
export function liveEditAddress(uri: vscode.Uri): LiveEditAddress {
  const parts = uri.path.split("/").slice(1).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  const kind = parts[2] as ResourceKind;
  const expected = HAS_PARENT.has(kind) ? 5 : 4;
  const file = parts[expected - 1];
  if (uri.scheme !== LIVE_EDIT_SCHEME || !RESOURCE_KINDS.includes(kind) || parts.length !== expected || !file?.endsWith(".yaml") || file === ".yaml") {
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  const region = parts[0] === DEFAULT_REGION ? undefined : parts[0];
  const view = /^view=(\w+)$/.exec(uri.query)?.[1];
  if (uri.query && (!view || !VIEWS.includes(view))) throw vscode.FileSystemError.FileNotFound(uri);
  return {
    ...(region ? { region } : {}),
    kind,
    meshName: parts[1],
    ...(expected === 5 ? { parentName: parts[3] } : {}),
    name: file.slice(0, -".yaml".length),
    ...(view ? { view: view as LiveEditAddress["view"] } : {}),
  };
}
