// What the live tree's nodes need from the outside: the region's connection (access, Cloud Map,
// loader), a way to redraw nodes (coalesced; never called from a node's own children()), the
// filter, and where to report the names a mesh holds.
import type { ResourceRef } from "../../aws/appMeshAccess";
import type { RegionConnection } from "../../live/index";
import type { ResourceKind } from "../../model/resources";
import type { ExplorerNode } from "./explorerNode";

export interface ExplorerContext {
  live: RegionConnection;
  /** The region heading this part of the tree is under, when the view shows several. */
  region?: string;
  /** Redraws nodes once their data changed (the whole tree when undefined). */
  redraw(nodes?: ExplorerNode | ExplorerNode[]): void;
  /** Reloads a node (its Retry). */
  reload(node: ExplorerNode): void;
  /** Lower-case text that resource names must contain to be shown; empty shows all. */
  filter(): string;
  /** Called when a mesh's resource names are known, for the language server's live snapshot. */
  namesLoaded(meshName: string, kind: ResourceKind, refs: ResourceRef[]): void;
  /** Writes a line to the App Mesh log. */
  log(line: string): void;
}
