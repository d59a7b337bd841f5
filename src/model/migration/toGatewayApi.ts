// App Mesh → Gateway API manifests for the AWS Gateway API Controller (VPC Lattice on EKS): one
// Gateway for the mesh (class amazon-vpc-lattice, a listener per router port), one HTTPRoute,
// GRPCRoute or TLSRoute per virtual service with a rule per App Mesh route in priority order and
// weighted backendRefs, a TargetGroupPolicy per node (protocol, health check), an IAMAuthPolicy
// where nodes list their backends, an AccessLogPolicy where they log. The controller's own limits
// are kept: one match per rule, exact headers only (at most 5), no regex paths, no query
// parameters, at most 10 backendRefs with weights up to 999.
import { kubernetesName, UniqueNames } from "./latticeNames";
import { latticeHealthCheck, protocolVersion, reportMeshAndGateways, reportNodeMembers, reportUnreached } from "./latticeCommon";
import { Reporter, type ReportEntry } from "./migrationReport";
import { asList, asObject, MeshView, type MigrationSource, type NodeListener, type Obj, type RouteRead, type SourceResource } from "./migrationSource";
import { headerText, routeConditions } from "./routeConditions";

export const GATEWAY_API = "gateway.networking.k8s.io/v1";
export const LATTICE_CONTROLLER_API = "application-networking.k8s.aws/v1alpha1";
const CERTIFICATE_OPTION = "application-networking.k8s.aws/certificate-arn";
const CERTIFICATE_PLACEHOLDER = "arn:aws:acm:region:account-id:certificate/replace-with-your-certificate";
const MAX_HEADERS = 5;
const MAX_BACKENDS = 10;

export interface GatewayApiOutput {
  documents: Obj[];
  entries: ReportEntry[];
}

interface Backend {
  name: string;
  namespace: string;
  port?: number;
}

export function toGatewayApi(source: MigrationSource, options: { namespace?: string } = {}): GatewayApiOutput {
  const view = new MeshView(source);
  const report = new Reporter();
  const namespace = options.namespace ?? kubernetesName(source.meshName);
  const gatewayName = kubernetesName(source.meshName);
  const routeNames = new UniqueNames();
  const listeners = new Map<string, Obj>();
  const routes: Obj[] = [];
  const usedNodes = new Set<string>();

  /** The Gateway listener for a protocol and port (made on first use). */
  const listenerFor = (protocol: string, port: number, owner: SourceResource, index = 0): string => {
    const name = `${protocol}-${port}`;
    if (!listeners.has(name)) {
      if (protocol === "grpc") {
        report.changed(owner, `listeners[${index}]`, `gRPC needs an HTTPS listener on the Gateway (${name}, TLS terminated by Lattice): replace the certificate ARN placeholder with an ACM certificate for the service's domain.`);
        listeners.set(name, { name, port, protocol: "HTTPS", tls: { mode: "Terminate", options: { [CERTIFICATE_OPTION]: CERTIFICATE_PLACEHOLDER } } });
      } else if (protocol === "tcp") {
        report.changed(owner, `listeners[${index}]`, `TCP becomes TLS passthrough (${name}): Lattice has no plain TCP; the application must terminate TLS.`);
        listeners.set(name, { name, port, protocol: "TLS", tls: { mode: "Passthrough" } });
      } else {
        listeners.set(name, { name, port, protocol: "HTTP" });
        report.mapped(owner, `listeners[${index}]`, `Gateway listener ${name} (HTTP).`);
      }
    }
    return name;
  };

  /** The Kubernetes Service a node's tasks are behind: from its DNS name, else named after it. */
  const backendOf = (nodeName: string, port: number | undefined): Backend => {
    const node = view.find("VirtualNode", nodeName);
    const hostname = asObject(asObject(node?.spec.serviceDiscovery).dns).hostname;
    const inCluster = typeof hostname === "string" ? /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(hostname) : null;
    const listenerPort = port ?? (node ? view.listeners(node)[0]?.port : undefined);
    return { name: inCluster ? inCluster[1] : kubernetesName(nodeName), namespace: inCluster ? inCluster[2] : namespace, ...(listenerPort !== undefined ? { port: listenerPort } : {}) };
  };

  const backendRefs = (route: RouteRead, owner: SourceResource): Obj[] => {
    if (route.targets.length > MAX_BACKENDS) report.dropped(owner, "action.weightedTargets", `more than ${MAX_BACKENDS} targets.`, "split the route.");
    return route.targets.slice(0, MAX_BACKENDS).map((t) => {
      usedNodes.add(t.node);
      const b = backendOf(t.node, t.port);
      return { group: "", kind: "Service", name: b.name, ...(b.namespace !== namespace ? { namespace: b.namespace } : {}), ...(b.port !== undefined ? { port: b.port } : {}), weight: t.weight };
    });
  };

  for (const service of view.of("VirtualService")) {
    const provider = view.provider(service);
    const hostname = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(service.name) ? service.name : undefined;
    const base = kubernetesName(service.name.split(".")[0], 20);
    if (!provider) {
      report.dropped(service, "provider", "no provider: nothing to route to.", "give it a provider before migrating, or leave it out.");
      continue;
    }
    if (provider.kind === "VirtualNode") {
      const node = view.find("VirtualNode", provider.name);
      const listener: NodeListener | undefined = node ? view.listeners(node)[0] : undefined;
      if (!node || !listener) {
        report.dropped(service, "provider.virtualNode", `its node ${provider.name} has no listener.`, "add a listener to the node first.");
        continue;
      }
      usedNodes.add(node.name);
      const sectionName = listenerFor(listener.protocol, listener.port, service);
      const b = backendOf(node.name, listener.port);
      const kind = listener.protocol === "grpc" ? "GRPCRoute" : listener.protocol === "tcp" ? "TLSRoute" : "HTTPRoute";
      if (kind === "TLSRoute" && !hostname) {
        report.dropped(service, "", "a TCP service without a DNS-style name: a TLSRoute needs a hostname.", "name the service as a DNS name.");
        continue;
      }
      routes.push(route(kind, routeNames.take(base, 20), namespace, gatewayName, sectionName, hostname, [{ backendRefs: [{ group: "", kind: "Service", name: b.name, ...(b.namespace !== namespace ? { namespace: b.namespace } : {}), port: listener.port }] }]));
      report.mapped(service, "provider.virtualNode", `${kind} ${base} with one rule to Service ${b.name}:${listener.port}${hostname ? `, hostname ${hostname} (the Lattice service's custom domain)` : ""}.`);
      continue;
    }
    const router = view.find("VirtualRouter", provider.name);
    if (!router) {
      report.dropped(service, "provider.virtualRouter", `router ${provider.name} is not in the mesh.`, "migrate the router with it.");
      continue;
    }
    const routerListener = view.listeners(router)[0];
    if (!routerListener) {
      report.dropped(router, "listeners", "a router without a listener.", "add its listener first.");
      continue;
    }
    const sectionName = listenerFor(routerListener.protocol, routerListener.port, router);
    const read = view.routesOf(router.name);
    const byKind = (kind: string) => read.filter((r) => (r.type === "grpcRoute" ? "GRPCRoute" : r.type === "tcpRoute" ? "TLSRoute" : "HTTPRoute") === kind);
    for (const kind of ["HTTPRoute", "GRPCRoute", "TLSRoute"]) {
      const group = byKind(kind);
      if (!group.length) continue;
      if (kind === "TLSRoute" && !hostname) {
        report.dropped(service, "", "a TCP service without a DNS-style name: a TLSRoute needs a hostname.", "name the service as a DNS name.");
        continue;
      }
      const rules: Obj[] = [];
      for (const r of kind === "TLSRoute" ? group.slice(0, 1) : group) {
        const rule = ruleFor(r, kind, backendRefs(r, r.resource), report);
        if (rule) rules.push(rule);
      }
      for (const r of kind === "TLSRoute" ? group.slice(1) : []) report.dropped(r.resource, "", "a TLSRoute holds exactly one rule; only the first TCP route is kept.", "give each TCP route its own virtual service.");
      if (!rules.length) continue;
      const name = routeNames.take(group.length === read.length ? base : `${base}-${kind === "GRPCRoute" ? "grpc" : kind === "TLSRoute" ? "tls" : "http"}`, 20);
      routes.push(route(kind, name, namespace, gatewayName, sectionName, hostname, rules));
      report.mapped(service, "provider.virtualRouter", `${kind} ${name}: ${rules.length} rule${rules.length === 1 ? "" : "s"} in App Mesh priority order${hostname ? `, hostname ${hostname}` : ""}.`);
    }
    if (view.listeners(router).length > 1) report.changed(router, "listeners", "only the first listener of the router is routed; the Gateway gets one listener per port.");
  }

  // One TargetGroupPolicy per node behind a route: protocol, version and health check.
  const policies: Obj[] = [];
  const authCallers = new Map<string, string[]>();
  for (const node of view.of("VirtualNode")) {
    reportNodeMembers(view, node, report);
    const listener = view.listeners(node)[0];
    if (!usedNodes.has(node.name)) {
      if (!listener) report.mapped(node, "", "a client only (no listener): it needs no target group.");
      else report.dropped(node, "", "not behind any virtual service: nothing routes to it.", "give it a virtual service, or leave it out.");
      continue;
    }
    const b = backendOf(node.name, listener?.port);
    const tls = listener ? Object.keys(asObject(listener.spec.tls)).length > 0 : false;
    const version = listener ? protocolVersion(listener.protocol) : undefined;
    const healthCheck = listener ? latticeHealthCheck(node, listener, report, tls) : undefined;
    policies.push({
      apiVersion: LATTICE_CONTROLLER_API,
      kind: "TargetGroupPolicy",
      metadata: { name: kubernetesName(`${b.name}-policy`), namespace: b.namespace },
      spec: {
        targetRef: { group: "", kind: "Service", name: b.name },
        protocol: tls ? "HTTPS" : "HTTP",
        ...(version === "HTTP1" || version === "HTTP2" ? { protocolVersion: version } : {}),
        ...(healthCheck ? { healthCheck: { enabled: true, ...healthCheck, statusMatch: "200" } } : {}),
      },
    });
    report.mapped(node, "", `Service ${b.name} in ${b.namespace} behind the routes, with TargetGroupPolicy ${kubernetesName(`${b.name}-policy`)}.`);
    for (const backend of view.backendsOf(node)) authCallers.set(backend, [...(authCallers.get(backend) ?? []), node.name]);
    if (view.backendsOf(node).length) report.changed(node, "backends", "backends become an IAM auth policy on each service it calls: the task's role must be allowed, and the client must SigV4-sign its requests (service vpc-lattice-svcs).");
  }

  const extras: Obj[] = [];
  for (const route of routes) {
    const hostname = asList(asObject(route.spec).hostnames)[0];
    const callers = typeof hostname === "string" ? authCallers.get(hostname) : undefined;
    if (!callers) continue;
    const metadata = asObject(route.metadata);
    extras.push({
      apiVersion: LATTICE_CONTROLLER_API,
      kind: "IAMAuthPolicy",
      metadata: { name: kubernetesName(`${String(metadata.name)}-auth`), namespace },
      spec: {
        targetRef: { group: "gateway.networking.k8s.io", kind: route.kind, name: metadata.name },
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { AWS: callers.map((c) => `arn:aws:iam::account-id:role/${c}-task-role`) }, Action: "vpc-lattice-svcs:Invoke", Resource: "*" }],
        }),
      },
    });
  }
  if (view.of("VirtualNode").some((n) => asObject(asObject(n.spec.logging).accessLog).file)) {
    extras.push({
      apiVersion: LATTICE_CONTROLLER_API,
      kind: "AccessLogPolicy",
      metadata: { name: kubernetesName(`${gatewayName}-access-logs`), namespace },
      spec: { targetRef: { group: "gateway.networking.k8s.io", kind: "Gateway", name: gatewayName }, destinationArn: "arn:aws:logs:region:account-id:log-group:replace-with-your-log-group" },
    });
  }
  const reached = reportUnreached(view, report);
  reportMeshAndGateways(view, report);
  for (const router of view.of("VirtualRouter")) if (reached.has(router.name)) report.mapped(router, "", "its routes become the rules of the service's route; its listener a Gateway listener.");

  const gateway: Obj = {
    apiVersion: GATEWAY_API,
    kind: "Gateway",
    metadata: { name: gatewayName, namespace },
    spec: { gatewayClassName: "amazon-vpc-lattice", listeners: [...listeners.values()] },
  };
  // A Gateway needs a listener; with no route there is nothing to listen for.
  if (!listeners.size) return { documents: [...policies, ...extras], entries: report.entries };
  return { documents: [gateway, ...routes, ...policies, ...extras], entries: report.entries };
}

function route(kind: string, name: string, namespace: string, gateway: string, sectionName: string, hostname: string | undefined, rules: Obj[]): Obj {
  return {
    apiVersion: GATEWAY_API,
    kind,
    metadata: { name, namespace },
    spec: { parentRefs: [{ name: gateway, sectionName }], ...(hostname ? { hostnames: [hostname] } : {}), rules },
  };
}

/** The rule of one App Mesh route, or undefined (reported) when the controller cannot express its match. */
function ruleFor(route: RouteRead, kind: string, backendRefs: Obj[], report: Reporter): Obj | undefined {
  const resource = route.resource;
  const type = route.type;
  const c = routeConditions(route);
  const notCarried = (why: string, workaround: string) => {
    report.dropped(resource, `${type}.match`, `${why} The route is not carried over: a rule without it would take traffic meant for other routes.`, workaround);
    return undefined;
  };
  const body = asObject(resource.spec[type]);
  if (body.retryPolicy) report.dropped(resource, `${type}.retryPolicy`, "retries: the controller and Lattice have no retry policy.", "retry in the clients (the AWS SDKs and most HTTP clients can).");
  if (body.timeout) report.dropped(resource, `${type}.timeout`, "route timeouts: the controller ignores rule timeouts and Lattice has no per-request timeout.", "enforce timeouts in the clients.");
  if (kind === "TLSRoute") {
    report.mapped(resource, `${type}.action`, `the TLSRoute's one rule to ${backendRefs.length} backend${backendRefs.length === 1 ? "" : "s"} (weights as set).`);
    return { backendRefs };
  }
  if (c.path?.kind === "regex") return notCarried(`a regex path (${c.path.value}): the controller rejects RegularExpression paths.`, "rewrite it as prefix or exact paths, one route each.");
  if (c.queryParameters.length) return notCarried(`query parameter matches (${c.queryParameters.join(", ")}): the controller rejects them.`, "route on a header instead, set by the client.");
  if (c.scheme) return notCarried(`a scheme match (${c.scheme}).`, "give each scheme its own listener.");
  const unsupported = c.headers.filter((h) => h.kind !== "exact" || h.invert);
  if (unsupported.length) return notCarried(`${unsupported.map(headerText).join(", ")}: the controller matches headers exactly only.`, "have the client send an exact header value, or call the Lattice API directly (it also matches prefix and contains).");
  if (c.headers.length > MAX_HEADERS) return notCarried(`${c.headers.length} header matches: at most ${MAX_HEADERS}.`, "fold some headers into one.");
  const headers = c.headers.map((h) => ({ type: "Exact", name: h.name, value: h.value ?? "" }));
  let match: Obj;
  if (kind === "GRPCRoute") {
    if (c.grpc?.methodName && !c.grpc.serviceName) return notCarried("a gRPC method match without its service: a GRPCRoute method match needs the service.", "add the service name to the match.");
    match = { ...(c.grpc?.serviceName ? { method: { type: "Exact", service: c.grpc.serviceName, ...(c.grpc.methodName ? { method: c.grpc.methodName } : {}) } } : {}), ...(headers.length ? { headers } : {}) };
  } else {
    match = {
      ...(c.path ? { path: { type: c.path.kind === "prefix" ? "PathPrefix" : "Exact", value: c.path.value } } : {}),
      ...(headers.length ? { headers } : {}),
      ...(c.method ? { method: c.method } : {}),
    };
    if (c.path?.kind === "prefix") report.changed(resource, `${type}.match.prefix`, `PathPrefix ${c.path.value} (the controller matches paths case-insensitively).`);
  }
  if (c.port !== undefined) report.changed(resource, `${type}.match.port`, `a port match: the rule is reached through the Gateway listener of port ${c.port}.`);
  report.mapped(resource, `${type}.action.weightedTargets`, `backendRefs ${backendRefs.map((b) => `${String(b.name)} ${String(b.weight)}`).join(" · ")} (weights unscaled).`);
  return { ...(Object.keys(match).length ? { matches: [match] } : {}), backendRefs };
}

