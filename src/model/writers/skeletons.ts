// Starting points for a new definition of each kind, in each dialect, written by the model's
// writers from one sample per kind. The completion list offers them in empty documents.
import type { Dialect, MeshResource, ResourceKind } from "../resources";
import { RESOURCE_KINDS } from "../resources";
import { defaultAwsName } from "../dialects/kubernetes";
import { toApiShape, toCloudFormation, toKubernetes, toYaml } from "./writers";

const SAMPLE_SPECS: Record<ResourceKind, Record<string, unknown>> = {
  Mesh: { egressFilter: { type: "DROP_ALL" } },
  VirtualNode: {
    listeners: [{ portMapping: { port: 8080, protocol: "http" }, healthCheck: { protocol: "http", path: "/health", healthyThreshold: 2, unhealthyThreshold: 3, timeoutMillis: 2000, intervalMillis: 5000 } }],
    serviceDiscovery: { dns: { hostname: "my-node.my-namespace.svc.cluster.local" } },
  },
  VirtualService: { provider: { virtualRouter: { virtualRouterName: "my-router" } } },
  VirtualRouter: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] },
  Route: { priority: 10, httpRoute: { match: { prefix: "/" }, action: { weightedTargets: [{ virtualNode: "my-node", weight: 100 }] } } },
  VirtualGateway: { listeners: [{ portMapping: { port: 8080, protocol: "http" } }] },
  GatewayRoute: { httpRoute: { match: { prefix: "/" }, action: { target: { virtualService: { virtualServiceName: "my-service" } } } } },
};

const SAMPLE_NAMES: Record<ResourceKind, string> = {
  Mesh: "my-mesh",
  VirtualNode: "my-node",
  VirtualService: "my-service",
  VirtualRouter: "my-router",
  Route: "my-route",
  VirtualGateway: "my-gateway",
  GatewayRoute: "my-gateway-route",
};

export function sampleResource(kind: ResourceKind): MeshResource {
  return {
    kind,
    name: SAMPLE_NAMES[kind],
    meshName: "my-mesh",
    parentName: kind === "Route" ? "my-router" : kind === "GatewayRoute" ? "my-gateway" : undefined,
    spec: SAMPLE_SPECS[kind],
    dialect: "api",
    uri: "",
    span: { start: 0, end: 0 },
    nameSpan: { start: 0, end: 0 },
    keySpans: new Map(),
    valueSpans: new Map(),
    references: [],
  };
}

/** YAML text of a sample resource of `kind` in `dialect`; undefined for kinds a dialect writes inline. */
export function skeleton(dialect: Dialect, kind: ResourceKind): string | undefined {
  const resource = sampleResource(kind);
  if (dialect === "api") return toYaml([toApiShape(resource)]);
  if (dialect === "cloudformation") return toYaml([toCloudFormation([resource])]);
  if (kind === "Route") return undefined; // Kubernetes routes live inside their VirtualRouter
  resource.k8s = { name: SAMPLE_NAMES[kind], namespace: "my-namespace" };
  resource.name = defaultAwsName(kind, SAMPLE_NAMES[kind], "my-namespace");
  const router = kind === "VirtualRouter" ? [resource, { ...sampleResource("Route"), parentName: resource.name }] : [resource];
  return toYaml(toKubernetes(router, "my-namespace").slice(0, 1));
}

export function skeletons(dialect: Dialect): { kind: ResourceKind; text: string }[] {
  return RESOURCE_KINDS.flatMap((kind) => {
    const text = skeleton(dialect, kind);
    return text ? [{ kind, text }] : [];
  });
}
