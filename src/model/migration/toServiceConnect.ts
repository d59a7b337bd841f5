// App Mesh → a CloudFormation template for Amazon ECS Service Connect: the Cloud Map namespace
// and, per virtual node, an ECS service with its ServiceConnectConfiguration — one entry per
// listener (port name, discovery name, a client alias that keeps the virtual service's DNS name
// and port, timeouts in seconds, TLS through AWS Private CA where the mesh used TLS, access logs).
// The task-definition port mappings each entry needs (name, app protocol) are in the template's
// Metadata and the report. Service Connect has no L7 routing: a router's weighted routes become
// the alias of its main target, and the rest is reported with ECS's own canary deployments.
import { logicalId, serviceConnectName, UniqueNames } from "./latticeNames";
import { Reporter, type ReportEntry } from "./migrationReport";
import { asList, asObject, durationMs, MeshView, type MigrationSource, type Obj, type SourceResource } from "./migrationSource";

export interface ServiceConnectOutput {
  template: Obj;
  entries: ReportEntry[];
}

const APP_PROTOCOL: Record<string, string | undefined> = { http: "http", http2: "http2", grpc: "grpc", tcp: undefined };

export function toServiceConnect(source: MigrationSource): ServiceConnectOutput {
  const view = new MeshView(source);
  const report = new Reporter();
  const ids = new UniqueNames();
  const resources: Record<string, Obj> = {};
  const parameters: Obj = { ClusterName: { Type: "String", Description: "The ECS cluster the services run in." } };
  const portMappings: Record<string, Obj[]> = {};

  // The namespace: the Cloud Map namespace the nodes use, else one named after the mesh.
  const namespaces = [...new Set(view.of("VirtualNode").flatMap((n) => { const ns = asObject(asObject(n.spec.serviceDiscovery).awsCloudMap).namespaceName; return typeof ns === "string" ? [ns] : []; }))];
  const namespaceName = namespaces[0] ?? `${source.meshName}.local`;
  const namespaceId = ids.take(logicalId(source.meshName, "Namespace"));
  resources[namespaceId] = { Type: "AWS::ServiceDiscovery::HttpNamespace", Properties: { Name: namespaceName, Description: `Service Connect namespace for what was App Mesh mesh ${source.meshName}.` } };
  if (view.mesh) report.changed(view.mesh, "", `becomes the Cloud Map namespace ${namespaceName} (Service Connect has no mesh-wide policy).`);
  if (namespaces.length > 1) report.changed(view.mesh ?? view.of("VirtualNode")[0], "serviceDiscovery", `the nodes use ${namespaces.length} Cloud Map namespaces (${namespaces.join(", ")}); an ECS service has one Service Connect namespace, so all use ${namespaceName}.`);

  // Which virtual service names reach each node (its DNS aliases), and which routers lose their routing.
  const aliases = new Map<string, { service: SourceResource; port?: number }[]>();
  for (const service of view.of("VirtualService")) {
    const provider = view.provider(service);
    if (!provider) {
      report.dropped(service, "provider", "no provider: no ECS service answers it.", "give it a provider before migrating, or leave it out.");
      continue;
    }
    if (provider.kind === "VirtualNode") {
      aliases.set(provider.name, [...(aliases.get(provider.name) ?? []), { service }]);
      report.mapped(service, "provider.virtualNode", `its DNS name becomes a client alias of ${provider.name}'s ECS service (clients keep calling it).`);
      continue;
    }
    const router = view.find("VirtualRouter", provider.name);
    const routes = view.routesOf(provider.name);
    const weights = new Map<string, number>();
    for (const route of routes) for (const t of route.targets) weights.set(t.node, (weights.get(t.node) ?? 0) + t.weight);
    const main = [...weights.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    const port = router ? view.listeners(router)[0]?.port : undefined;
    if (!main) {
      report.dropped(service, "provider.virtualRouter", `router ${provider.name} routes to no node.`, "route it to a node first.");
      continue;
    }
    aliases.set(main, [...(aliases.get(main) ?? []), { service, ...(port !== undefined ? { port } : {}) }]);
    report.changed(service, "provider.virtualRouter", `its DNS name becomes a client alias of ${main}'s ECS service (the router's main target).`);
    for (const route of routes) {
      const type = route.type;
      const others = route.targets.filter((t) => t.node !== main);
      if (route.targets.some((t) => t.node === main)) report.changed(route.resource, `${type}.action`, `its traffic to ${main} arrives through the client alias, without the route.`);
      if (others.length) report.dropped(route.resource, `${type}.action.weightedTargets`, `weighted routing to ${others.map((t) => `${t.node} (${t.weight})`).join(", ")}: Service Connect routes nothing between services.`, "run the versions as one ECS service and shift traffic with its deployment strategy (CANARY or LINEAR), or a BLUE_GREEN deployment with test traffic rules.");
      if (Object.keys(route.match).some((k) => k !== "prefix" || route.match.prefix !== "/")) report.dropped(route.resource, `${type}.match`, "route matches: Service Connect has no L7 rules.", "split the paths into separate services, or route in the application; BLUE_GREEN test traffic can match one exact header.");
      const body = asObject(route.resource.spec[type]);
      if (body.retryPolicy) report.dropped(route.resource, `${type}.retryPolicy`, "retries: Service Connect retries by itself, with fixed rules.", "nothing to configure; add retries in the client if you relied on specific events.");
      const timeout = durationMs(asObject(body.timeout).perRequest);
      if (timeout !== undefined) report.changed(route.resource, `${type}.timeout.perRequest`, `a per-route timeout becomes the per-port timeout of ${main}'s Service Connect entry (${Math.ceil(timeout / 1000)} s; whole seconds).`);
    }
    if (router) report.dropped(router, "", "a virtual router: Service Connect has no routers.", "the client alias of its main target keeps its DNS name working.");
  }

  for (const node of view.of("VirtualNode")) {
    const listeners = view.listeners(node);
    const nodeAliases = aliases.get(node.name) ?? [];
    const services: Obj[] = [];
    const mappings: Obj[] = [];
    const routeTimeout = nodeAliases.length ? routeTimeoutFor(view, node.name) : undefined;
    const discoveryName = serviceConnectName(String(asObject(asObject(node.spec.serviceDiscovery).awsCloudMap).serviceName ?? node.name));
    listeners.forEach((listener, i) => {
      const portName = serviceConnectName(`${listener.protocol}-${listener.port}`);
      const appProtocol = APP_PROTOCOL[listener.protocol];
      mappings.push({ ContainerPort: listener.port, Name: portName, ...(appProtocol ? { AppProtocol: appProtocol } : {}) });
      const alias = nodeAliases[i];
      const dnsName = alias && /^[a-z0-9_.-]{1,127}$/.test(alias.service.name) ? alias.service.name : undefined;
      const timeout = durationMs(asObject(asObject(listener.spec.timeout)[listener.protocol]).perRequest);
      const idle = durationMs(asObject(asObject(listener.spec.timeout)[listener.protocol]).idle);
      const perRequest = timeout ?? routeTimeout;
      const tls = asObject(listener.spec.tls);
      const entry: Obj = {
        PortName: portName,
        DiscoveryName: i === 0 ? discoveryName : serviceConnectName(`${discoveryName}-${listener.port}`),
        ClientAliases: [{ Port: alias?.port ?? listener.port, ...(dnsName ? { DnsName: dnsName } : {}) }],
        ...((perRequest !== undefined && listener.protocol !== "tcp") || idle !== undefined
          ? { Timeout: { ...(perRequest !== undefined && listener.protocol !== "tcp" ? { PerRequestTimeoutSeconds: Math.ceil(perRequest / 1000) } : {}), ...(idle !== undefined ? { IdleTimeoutSeconds: Math.ceil(idle / 1000) } : {}) } }
          : {}),
        ...(Object.keys(tls).length ? { Tls: { IssuerCertificateAuthority: { AwsPcaAuthorityArn: { Ref: "PrivateCaArn" } } } } : {}),
      };
      services.push(entry);
      report.mapped(node, `listeners[${i}]`, `Service Connect port ${portName} (task definition port mapping ${listener.port} named ${portName}${appProtocol ? `, appProtocol ${appProtocol}` : ", no appProtocol for TCP"}), discovery name ${String(entry.DiscoveryName)}${dnsName ? `, client alias ${dnsName}:${alias?.port ?? listener.port}` : ""}.`);
      if (timeout !== undefined || idle !== undefined) report.changed(node, `listeners[${i}].timeout`, `timeouts in whole seconds (${perRequest !== undefined ? `per request ${Math.ceil(perRequest / 1000)} s` : ""}${idle !== undefined ? `${perRequest !== undefined ? ", " : ""}idle ${Math.ceil(idle / 1000)} s` : ""}).`);
      if (Object.keys(tls).length) {
        report.changed(node, `listeners[${i}].tls`, "TLS through AWS Private CA: ECS issues and rotates the certificates (TLS 1.3); a Private CA ARN is a parameter.");
        if (Object.keys(asObject(tls.validation)).length) report.dropped(node, `listeners[${i}].tls.validation`, "mutual TLS: Service Connect has no client certificates.", "authorize callers in the application, or use VPC Lattice with IAM auth.");
        if (tls.mode === "PERMISSIVE") report.dropped(node, `listeners[${i}].tls.mode`, "PERMISSIVE TLS: Service Connect TLS is on or off.", "turn TLS on once every client is in the namespace.");
        parameters.PrivateCaArn = { Type: "String", Description: "The AWS Private CA that issues Service Connect's TLS certificates." };
      }
      if (listener.spec.healthCheck) report.dropped(node, `listeners[${i}].healthCheck`, "listener health checks: Service Connect has none.", "give the container a health check in the task definition (or use an ELB target group).");
      if (listener.spec.outlierDetection) report.dropped(node, `listeners[${i}].outlierDetection`, "outlier detection: built into Service Connect with fixed rules.", "nothing to configure.");
      if (listener.spec.connectionPool) report.dropped(node, `listeners[${i}].connectionPool`, "connection pool limits: Service Connect has none.", "limit concurrency in the application.");
    });
    for (const extra of nodeAliases.slice(Math.max(1, listeners.length))) report.dropped(extra.service, "", `a second DNS name for ${node.name}: a Service Connect entry has one client alias.`, "keep one name, or add a listener per name.");
    if (!listeners.length) report.mapped(node, "", "a client only: its ECS service joins the namespace without services of its own.");
    const discovery = asObject(node.spec.serviceDiscovery);
    if (discovery.dns) report.changed(node, "serviceDiscovery.dns", "DNS discovery: clients reach it by its client alias in the namespace instead.");
    if (asList(asObject(discovery.awsCloudMap).attributes).length) report.dropped(node, "serviceDiscovery.awsCloudMap.attributes", "instance attributes: Service Connect discovers every task of the service.", "make each version its own ECS service, or use deployments to shift between versions.");
    if (view.backendsOf(node).length) report.dropped(node, "backends", "the backends allow-list: every service in the namespace can reach every other.", "restrict with security groups, or use VPC Lattice auth policies.");
    if (Object.keys(asObject(asObject(node.spec.backendDefaults).clientPolicy)).length) report.dropped(node, "backendDefaults.clientPolicy", "client TLS policy: Service Connect clients trust the namespace's Private CA only.", "issue the servers' certificates from that CA.");
    const accessLog = asObject(asObject(node.spec.logging).accessLog).file;
    if (accessLog) report.changed(node, "logging.accessLog", "Envoy's access log: Service Connect's access logs (TEXT format) go to the log configuration's awslogs group; custom formats and paths are not kept.");
    resources[ids.take(logicalId(node.name, "Service"))] = {
      Type: "AWS::ECS::Service",
      Properties: {
        Cluster: { Ref: "ClusterName" },
        ServiceName: serviceConnectName(node.name),
        TaskDefinition: { Ref: ids.take(logicalId(node.name, "TaskDefinition")) },
        ServiceConnectConfiguration: {
          Enabled: true,
          Namespace: { "Fn::GetAtt": [namespaceId, "Arn"] },
          ...(services.length ? { Services: services } : {}),
          ...(accessLog
            ? { LogConfiguration: { LogDriver: "awslogs", Options: { "awslogs-group": `/ecs/service-connect/${serviceConnectName(node.name)}`, "awslogs-region": { Ref: "AWS::Region" }, "awslogs-stream-prefix": "service-connect" } }, AccessLogConfiguration: { Format: "TEXT" } }
            : {}),
        },
      },
    };
    parameters[logicalId(node.name, "TaskDefinition")] = { Type: "String", Description: `The task definition of ${node.name} (without the Envoy container and proxyConfiguration; with the port mappings in this template's Metadata).` };
    portMappings[serviceConnectName(node.name)] = mappings;
  }
  const reached = new Set(view.of("VirtualService").flatMap((s) => { const p = view.provider(s); return p?.kind === "VirtualRouter" ? [p.name] : []; }));
  for (const r of view.of("VirtualRouter")) if (!reached.has(r.name)) report.dropped(r, "", "it provides no virtual service: no client reaches it (and Service Connect has no routers).", "leave it out.");
  for (const r of view.of("Route")) if (!reached.has(r.parentName ?? "")) report.dropped(r, "", `its router ${r.parentName ?? "?"} provides no virtual service: no client reaches it.`, "leave it out.");
  for (const gateway of view.of("VirtualGateway")) report.dropped(gateway, "", "a virtual gateway: Service Connect has no ingress.", "put an Application Load Balancer in front of a Service Connect client service.");
  for (const route of view.of("GatewayRoute")) report.dropped(route, "", "a gateway route, its host matches and rewrites.", "write it as an ALB listener rule; rewrites need the application or CloudFront.");
  const mesh = view.mesh;
  if (mesh && asObject(mesh.spec.egressFilter).type === "DROP_ALL") report.dropped(mesh, "egressFilter", "DROP_ALL egress: Service Connect does not filter egress.", "restrict egress with security groups or network ACLs.");

  return {
    template: {
      AWSTemplateFormatVersion: "2010-09-09",
      Description: `ECS Service Connect for what was App Mesh mesh ${source.meshName} (generated by the App Mesh extension). Remove the Envoy container and proxyConfiguration from each task definition.`,
      Metadata: { TaskDefinitionPortMappings: portMappings },
      Parameters: parameters,
      Resources: resources,
    },
    entries: report.entries,
  };
}

/** The longest per-request timeout of the routes that send to a node. */
function routeTimeoutFor(view: MeshView, node: string): number | undefined {
  let longest: number | undefined;
  for (const router of view.of("VirtualRouter")) {
    for (const route of view.routesOf(router.name)) {
      if (!route.targets.some((t) => t.node === node)) continue;
      const ms = durationMs(asObject(asObject(route.resource.spec[route.type]).timeout).perRequest);
      if (ms !== undefined) longest = Math.max(longest ?? 0, ms);
    }
  }
  return longest;
}

