// What the live tree's nodes need from the outside: access to AWS (or the sandbox), a way to
// redraw a node, the filter, and where to report the names a mesh holds.
import type { AppMeshAccess, ResourceRef } from "../../aws/appMeshAccess";
import type { CloudMapAccess } from "../../aws/cloudMapAccess";
import type { LiveMeshLoader } from "../../explorer/liveMeshLoader";
import type { ResourceKind } from "../../model/resources";
import type { ExplorerNode } from "./explorerNode";

export interface ExplorerContext {
  access: AppMeshAccess;
  cloudMap: CloudMapAccess;
  loader: LiveMeshLoader;
  /** The region this part of the tree shows, when the view shows several. */
  region?: string;
  /** Redraws a node (or the whole tree when undefined). */
  changed(node?: ExplorerNode): void;
  /** Lower-case text that resource names must contain to be shown; empty shows all. */
  filter(): string;
  /** Called when a mesh's resource names are known, for the language server's live snapshot. */
  namesLoaded(meshName: string, kind: ResourceKind, refs: ResourceRef[]): void;
  /** Writes a line to the App Mesh log. */
  log(line: string): void;
}
