// Custom messages between the extension (or any LSP client) and the App Mesh language server.
// Shared by both sides: each message is a typed RequestType/NotificationType, so a sender and its
// handler cannot disagree on the method name or the payload without the compiler noticing.
// Only vscode-languageserver-protocol (which both vscode-languageclient and vscode-languageserver
// are built on) is imported here, so neither bundle pulls in the other side's library.
import { NotificationType, NotificationType0, RequestType, RequestType0, type TextEdit } from "vscode-languageserver-protocol";
import type { MigrationSource } from "../model/migration/migrationSource";
import type { LiveSnapshot } from "../model/workspaceIndex";

export const DIAGNOSTIC_SOURCE = "appmesh";

/** Names of live resources per region and mesh (see LiveSnapshot). */
export type LiveSnapshotParams = LiveSnapshot;

/** Client → server: names of live resources per region and mesh, so references to them validate and complete. */
export const LiveSnapshotNotification = new NotificationType<LiveSnapshotParams>("appmesh/liveSnapshot");

/** One App Mesh resource defined in the workspace, as the Definitions view shows it. */
export interface DefinitionSummary {
  uri: string;
  kind: string;
  name: string;
  meshName?: string;
  parentName?: string;
  dialect: "kubernetes" | "cloudformation" | "api";
  /** Where the name is written (LSP range), to open the file there. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** The worst diagnostic inside the resource, if any. */
  severity?: "error" | "warning";
  /** The resource in the API's request shape (meshName, <kind>Name, spec, tags), for drift and apply. */
  body: Record<string, unknown>;
}

/** Client → server: every App Mesh resource the workspace defines. No params. */
export const DefinitionsRequest = new RequestType0<DefinitionSummary[], void>("appmesh/definitions");

/** Server → client: the workspace's definitions changed (sent at most a few times a second). No params. */
export const DefinitionsChangedNotification = new NotificationType0("appmesh/definitionsChanged");

/**
 * Which route of a definition file: its names as the file gives them (AWS names; for Kubernetes the
 * router's AWS name) and, to tell apart two definitions of one route, its index among the file's
 * routes. The names decide; the index only picks among several matches.
 */
export interface RouteIdentity {
  meshName?: string;
  routerName?: string;
  routeName: string;
  /** Position among the routes of the file, in the order written. */
  index?: number;
}

/** A weighted target as written: the node's name and its weight (null when it is not a literal number). */
export interface RouteTargetWeight {
  node: string;
  weight: number | null;
}

/** The arguments of the `appmesh.promoteCanaryInFile` command, as the code lens above `weightedTargets` sends them. */
export interface PromoteCanaryInFileArgs {
  uri: string;
  route: RouteIdentity;
  targets: RouteTargetWeight[];
}

export const PROMOTE_CANARY_IN_FILE_COMMAND = "appmesh.promoteCanaryInFile";
export type PromoteCanaryInFileCommand = typeof PROMOTE_CANARY_IN_FILE_COMMAND;

export interface RouteWeightEditsParams {
  uri: string;
  route: RouteIdentity;
  /** The new weight of each target, in the file's order. Omitted: only check the route can be edited, and read its targets. */
  weights?: number[];
}

/**
 * The edits that write the new weights (only the weight values, nothing else), for the text of
 * `version` (the open document's version on the server; null when the server read it from disk),
 * with the targets as they stand; or why the file cannot be edited that way.
 */
export type RouteWeightEditsResult = { edits: TextEdit[]; version: number | null; targets: RouteTargetWeight[] } | { refused: string };

/** The method name alone, so that a sender can name it without loading the protocol library (see fileCanary.ts). */
export const ROUTE_WEIGHT_EDITS_METHOD = "appmesh/routeWeightEdits";
export type RouteWeightEditsMethod = typeof ROUTE_WEIGHT_EDITS_METHOD;

/** Client → server: edits that change a route's weights in its definition file. */
export const RouteWeightEditsRequest = new RequestType<RouteWeightEditsParams, RouteWeightEditsResult, void>(ROUTE_WEIGHT_EDITS_METHOD);

/** Which resource of a definition file: its kind and AWS names, as the Definitions view lists it. */
export interface DefinedResourceIdentity {
  kind: string;
  meshName?: string;
  parentName?: string;
  name: string;
}

export interface SpecFromLiveParams {
  uri: string;
  resource: DefinedResourceIdentity;
  /** The live resource's spec, in the API's shape, as a describe returns it. */
  liveSpec: Record<string, unknown>;
}

/**
 * The edits that make the file's resource hold `liveSpec` (only the members that differ are
 * rewritten; the rest of the file stays as written), for the text of `version`, with each changed
 * member named ("listeners[0].portMapping.port: 8080 → 9080"); or why the file cannot be edited so.
 */
export type SpecFromLiveResult = { edits: TextEdit[]; version: number | null; changes: string[] } | { refused: string };

export const SPEC_FROM_LIVE_METHOD = "appmesh/specFromLiveEdits";
export type SpecFromLiveMethod = typeof SPEC_FROM_LIVE_METHOD;

/** Client → server: edits that rewrite a definition's spec to the live resource's (Update File from Live). */
export const SpecFromLiveRequest = new RequestType<SpecFromLiveParams, SpecFromLiveResult, void>(SPEC_FROM_LIVE_METHOD);

/** Which definitions to migrate: a mesh, or the meshes a file defines (the whole of each). */
export interface MigrationSourcesParams {
  meshName?: string;
  uri?: string;
}

/** Client → server: the workspace's definitions of meshes, in the API's shape with each resource's line (see model/migration). */
export const MIGRATION_SOURCES_METHOD = "appmesh/migrationSources";
export type MigrationSourcesMethod = typeof MIGRATION_SOURCES_METHOD;
export const MigrationSourcesRequest = new RequestType<MigrationSourcesParams, MigrationSource[], void>(MIGRATION_SOURCES_METHOD);
