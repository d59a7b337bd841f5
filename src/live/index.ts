// Entry of the live layer's own bundle (dist/live.js): everything that needs the AWS SDK. The
// extension loads it the first time a view or command needs AWS, so activation does not pay for
// the SDK (see src/extension/liveLayer.ts).
export { createRegionConnection, type RegionConnection } from "./regionConnection";
export { executeApply, planApply, type ChangeOutcome, type PlannedChange } from "./applyPlan";
export { dependentsOf } from "../aws/dependents";
export { type LiveMesh, type LoadedResource, type LoadedRoute, type NodeInstances } from "./liveMeshLoader";
// Rendering and comparing resources (the writers and canonical forms pull in the schema and the
// YAML library), needed only once live resources are shown or compared.
export { canonicalSpec, sameSpec } from "../model/normalize";
export { resourceFromApi, toApiShape, toCloudFormation, toKubernetes, toYaml } from "../model/writers/writers";
export { declaredFromLive, readGraph, serviceMapModel, traceFilterFor, traceTimeline, trafficFailure } from "./serviceMapData";
