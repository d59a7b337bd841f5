// Entry of the live layer's own bundle (dist/live.js): everything that needs the AWS SDK. The
// extension loads it the first time a view or command needs AWS, so activation does not pay for
// the SDK (see src/extension/liveLayer.ts).
export { createRegionConnection, type RegionConnection } from "./regionConnection";
export { applyChange, applySteps, executeApply, legacyOutcome, planApply, type ApplyOutcome, type ChangeOutcome, type PlannedChange } from "./applyPlan";
export {
  runChange,
  type ChangeOutcome as PipelineOutcome,
  type ChangeStage,
  type ChangeStatus,
  type ChangeSteps,
  type Decision,
  type ExecuteControl,
  type Execution,
  type ItemResult,
  type ItemStatus,
  type RunOptions,
  type Verification,
} from "./changePipeline";
export {
  canarySteps,
  changeCanaryWeights,
  planCanaryChange,
  readRouteWeights,
  routeWeightsOf,
  specWithWeights,
  weightsText,
  type CanaryOutcome,
  type CanaryPlan,
  type RouteAddress,
  type RouteWeights,
  type WeightedTarget,
  type WeightRequest,
} from "./canaryChange";
export { ownershipHints, ownershipWarning, type OwnershipDefinition, type OwnershipHint, type OwnershipInput, type Tag } from "./canaryOwnership";
export { dependentsOf } from "../aws/dependents";
export { type LiveMesh, type LoadedResource, type LoadedRoute, type NodeInstances } from "./liveMeshLoader";
// Rendering and comparing resources (the writers and canonical forms pull in the schema and the
// YAML library), needed only once live resources are shown or compared.
export { canonicalSpec, sameSpec } from "../model/normalize";
export { migrate, type MigrationOutput } from "../model/migration/migrate";
export { targetRouting } from "../model/migration/targetRouting";
export { sourceFromLive } from "../model/migration/migrationSource";
export { resourceFromApi, toApiShape, toCloudFormation, toKubernetes, toYaml } from "../model/writers/writers";
export { declaredFromLive, readGraph, serviceMapModel, traceFilterFor, traceTimeline, trafficFailure } from "./serviceMapData";
export { percentOf, runPromotion, xrayGateReader, type PromotionRecord, type PromotionStepRecord } from "./progressivePromotion";
export { changesText, changeText, specChanges, valueText, type FieldChange } from "../model/specChanges";
export {
  diagnosticLines,
  editLiveResource,
  editSteps,
  liveEditText,
  planEdit,
  readEdit,
  targetLabel,
  type EditOutcome,
  type EditPlan,
  type LiveEditRequest,
  type LiveEditTarget,
} from "./editChange";
export { meshAsFiles, type MeshFile, type MeshFilesDialect } from "../model/writers/meshFiles";
