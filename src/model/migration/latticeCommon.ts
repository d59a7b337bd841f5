// What VPC Lattice does with App Mesh's nodes, meshes and gateways, the same whether it is written
// as CloudFormation or as Gateway API manifests: target group protocol and health checks (ms → s,
// within Lattice's ranges), and the report lines for what Lattice has no place for.
import type { Reporter } from "./migrationReport";
import { asObject, type MeshView, type NodeListener, type SourceResource } from "./migrationSource";

export interface LatticeHealthCheck {
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThresholdCount: number;
  unhealthyThresholdCount: number;
  path: string;
  port?: number;
  protocol: "HTTP" | "HTTPS";
  protocolVersion: "HTTP1" | "HTTP2";
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The target group protocol version a listener protocol needs. */
export function protocolVersion(protocol: string): "HTTP1" | "HTTP2" | "GRPC" | undefined {
  return protocol === "http" ? "HTTP1" : protocol === "http2" ? "HTTP2" : protocol === "grpc" ? "GRPC" : undefined;
}

/** A listener's health check in Lattice's terms, or undefined (with the reason reported) when it has none it can keep. */
export function latticeHealthCheck(node: SourceResource, listener: NodeListener, report: Reporter, tls: boolean): LatticeHealthCheck | undefined {
  const check = asObject(listener.spec.healthCheck);
  if (!Object.keys(check).length) return undefined;
  const member = `listeners[${listener.index}].healthCheck`;
  if (check.protocol !== "http" && check.protocol !== "http2") {
    report.dropped(node, member, `a ${String(check.protocol)} health check: Lattice checks targets over HTTP only (no gRPC or TCP checks).`, "serve an HTTP health path and check it, or rely on the container's own health check.");
    return undefined;
  }
  const seconds = (ms: unknown, fallback: number) => (typeof ms === "number" ? Math.ceil(ms / 1000) : fallback);
  const hc: LatticeHealthCheck = {
    intervalSeconds: clamp(seconds(check.intervalMillis, 30), 5, 300),
    timeoutSeconds: clamp(seconds(check.timeoutMillis, 5), 1, 120),
    healthyThresholdCount: clamp(typeof check.healthyThreshold === "number" ? check.healthyThreshold : 5, 2, 10),
    unhealthyThresholdCount: clamp(typeof check.unhealthyThreshold === "number" ? check.unhealthyThreshold : 2, 2, 10),
    path: typeof check.path === "string" ? check.path : "/",
    ...(typeof check.port === "number" ? { port: check.port } : {}),
    protocol: tls ? "HTTPS" : "HTTP",
    protocolVersion: check.protocol === "http2" ? "HTTP2" : "HTTP1",
  };
  report.changed(node, member, `health check every ${hc.intervalSeconds} s, timeout ${hc.timeoutSeconds} s, ${hc.healthyThresholdCount}/${hc.unhealthyThresholdCount} thresholds on ${hc.path} (App Mesh milliseconds become whole seconds within Lattice's ranges).`);
  return hc;
}

/** Report lines for a node's members that no Lattice target group carries. */
export function reportNodeMembers(view: MeshView, node: SourceResource, report: Reporter): void {
  for (const listener of view.listeners(node)) {
    const at = `listeners[${listener.index}]`;
    const spec = listener.spec;
    if (spec.outlierDetection) report.dropped(node, `${at}.outlierDetection`, "outlier detection: Lattice has none.", "watch target health and the service's 5xx metrics in CloudWatch; rely on health checks.");
    if (spec.connectionPool) report.dropped(node, `${at}.connectionPool`, "connection pool limits: Lattice has none.", "limit concurrency in the application or with quotas.");
    if (spec.timeout) report.dropped(node, `${at}.timeout`, "listener timeouts: Lattice has no per-request timeout (connections are capped at 10 min; the service's idle timeout is 60–600 s).", "enforce request timeouts in the clients.");
    const tls = asObject(spec.tls);
    if (Object.keys(tls).length) {
      const mutual = Object.keys(asObject(tls.validation)).length > 0;
      report.changed(node, `${at}.tls`, "server TLS: the target group uses HTTPS to the task (the task keeps its certificate; Lattice does not validate it).");
      if (mutual) report.dropped(node, `${at}.tls.validation`, "mutual TLS (client certificate validation): Lattice has none.", "use IAM auth policies (SigV4-signed requests) to say who may call, or TLS passthrough so the application terminates TLS.");
      if (asObject(asObject(tls.certificate).file).certificateChain || asObject(asObject(tls.certificate).sds).secretName) report.dropped(node, `${at}.tls.certificate`, "file or SDS certificates: Lattice terminates with its own or an ACM certificate.", "request an ACM certificate for the service's custom domain.");
    }
  }
  const discovery = asObject(node.spec.serviceDiscovery);
  if (discovery.awsCloudMap) report.changed(node, "serviceDiscovery.awsCloudMap", "Cloud Map discovery: clients reach the service by its Lattice DNS name (or the custom domain, the virtual service's name); register the tasks as the target group's targets.");
  else if (discovery.dns) report.mapped(node, "serviceDiscovery.dns", "the DNS name's service becomes the target.");
  const backendDefaults = asObject(asObject(node.spec.backendDefaults).clientPolicy);
  if (Object.keys(backendDefaults).length) report.dropped(node, "backendDefaults.clientPolicy", "client TLS policy: Lattice clients send plain HTTP (or TLS to Lattice's endpoint) and do not validate the target.", "use HTTPS listeners with ACM certificates.");
  if (asObject(asObject(node.spec.logging).accessLog).file) report.changed(node, "logging.accessLog", "Envoy's access log file: an access log subscription sends Lattice's fixed-format logs to CloudWatch Logs, S3 or Firehose (a destination ARN is a parameter).");
}

/** Report lines for the mesh and the gateways, which Lattice (east-west only) has no place for. */
export function reportMeshAndGateways(view: MeshView, report: Reporter): void {
  const mesh = view.mesh;
  if (mesh) {
    const egress = asObject(mesh.spec.egressFilter).type;
    if (egress === "DROP_ALL") report.dropped(mesh, "egressFilter", "DROP_ALL egress: Lattice does not filter egress.", "restrict egress with the security groups of the service network's VPC association and of the tasks, or network ACLs.");
    else report.mapped(mesh, "egressFilter", "ALLOW_ALL egress: nothing to carry over.");
    if (asObject(mesh.spec.serviceDiscovery).ipPreference) report.dropped(mesh, "serviceDiscovery.ipPreference", "IP preference: Lattice picks the address family itself.", "register targets of the family you want.");
    report.mapped(mesh, "", "becomes the service network.");
  }
  for (const gateway of view.of("VirtualGateway")) {
    report.dropped(gateway, "", "a virtual gateway (ingress): Lattice is for traffic inside and between VPCs.", "put an Application or Network Load Balancer in front (for Kubernetes, with the AWS Load Balancer Controller) and forward to the Lattice service's domain.");
  }
  for (const route of view.of("GatewayRoute")) {
    report.dropped(route, "", "a gateway route, its host matches and rewrites: there is no ingress gateway to hold it.", "write it as an ALB listener rule (host and path conditions); rewrites need the application or CloudFront.");
  }
}

/** Report lines for routers that provide no virtual service, and their routes; returns the routers that do. */
export function reportUnreached(view: MeshView, report: Reporter): Set<string> {
  const reached = new Set(view.of("VirtualService").flatMap((s) => { const p = view.provider(s); return p?.kind === "VirtualRouter" ? [p.name] : []; }));
  for (const r of view.of("Route")) if (!reached.has(r.parentName ?? "")) report.dropped(r, "", `its router ${r.parentName ?? "?"} provides no virtual service: no client reaches it.`, "make the router a virtual service's provider, or leave it out.");
  for (const r of view.of("VirtualRouter")) if (!reached.has(r.name)) report.dropped(r, "", "it provides no virtual service: no client reaches it.", "make it a virtual service's provider, or leave it out.");
  return reached;
}
