// App Mesh → a CloudFormation template of VPC Lattice resources, for any compute: the service
// network (with its VPC association), a service per virtual service (its name as the custom
// domain), a listener per router listener, a rule per App Mesh route (priority + 1, in order;
// path, header and method matches; weighted target groups), a target group per node (protocol,
// version, health check), auth policies where nodes list their backends, and an access log
// subscription where they log. Lattice's limits are kept: weights 0–999, 1–10 target groups per
// rule, priorities 1–2000, at most 5 header matches, paths of 1–200 allowed characters, names.
import { latticeHealthCheck, protocolVersion, reportMeshAndGateways, reportNodeMembers, reportUnreached } from "./latticeCommon";
import { latticeName, logicalId, UniqueNames } from "./latticeNames";
import { Reporter, type ReportEntry } from "./migrationReport";
import { asObject, MeshView, type MigrationSource, type NodeListener, type Obj, type RouteRead, type SourceResource } from "./migrationSource";
import { headerText, routeConditions } from "./routeConditions";

const PATH_CHARACTERS = /^\/[a-zA-Z0-9@:%_+.~#?&/=-]*$/;
const MAX_HEADERS = 5;
const MAX_TARGET_GROUPS = 10;

export interface LatticeOutput {
  template: Obj;
  entries: ReportEntry[];
}

const ref = (id: string) => ({ Ref: id });

export function toVpcLattice(source: MigrationSource): LatticeOutput {
  const view = new MeshView(source);
  const report = new Reporter();
  const ids = new UniqueNames();
  const resources: Record<string, Obj> = {};
  const targetGroups = new Map<string, string>(); // node → logical id
  const authCallers = new Map<string, string[]>();
  for (const node of view.of("VirtualNode")) for (const backend of view.backendsOf(node)) authCallers.set(backend, [...(authCallers.get(backend) ?? []), node.name]);
  const iamAuth = authCallers.size > 0;

  const network = ids.take(logicalId(source.meshName, "ServiceNetwork"));
  resources[network] = { Type: "AWS::VpcLattice::ServiceNetwork", Properties: { Name: latticeName(source.meshName, 63), AuthType: iamAuth ? "AWS_IAM" : "NONE" } };
  resources[ids.take(logicalId(source.meshName, "VpcAssociation"))] = {
    Type: "AWS::VpcLattice::ServiceNetworkVpcAssociation",
    Properties: { ServiceNetworkIdentifier: ref(network), VpcIdentifier: ref("VpcId"), SecurityGroupIds: ref("SecurityGroupIds") },
  };

  const targetGroupFor = (nodeName: string): string | undefined => {
    const known = targetGroups.get(nodeName);
    if (known) return known;
    const node = view.find("VirtualNode", nodeName);
    const listener: NodeListener | undefined = node ? view.listeners(node)[0] : undefined;
    if (!node || !listener) return undefined;
    const tls = Object.keys(asObject(listener.spec.tls)).length > 0;
    const version = protocolVersion(listener.protocol);
    const healthCheck = latticeHealthCheck(node, listener, report, tls);
    const id = ids.take(logicalId(nodeName, "TargetGroup"));
    resources[id] = {
      Type: "AWS::VpcLattice::TargetGroup",
      Properties: {
        Name: latticeName(nodeName, 128),
        Type: "IP",
        Config: {
          Port: listener.port,
          Protocol: listener.protocol === "tcp" ? "TCP" : tls ? "HTTPS" : "HTTP",
          ...(version ? { ProtocolVersion: version } : {}),
          VpcIdentifier: ref("VpcId"),
          ...(healthCheck && listener.protocol !== "tcp"
            ? {
                HealthCheck: {
                  Enabled: true,
                  HealthCheckIntervalSeconds: healthCheck.intervalSeconds,
                  HealthCheckTimeoutSeconds: healthCheck.timeoutSeconds,
                  HealthyThresholdCount: healthCheck.healthyThresholdCount,
                  UnhealthyThresholdCount: healthCheck.unhealthyThresholdCount,
                  Path: healthCheck.path,
                  ...(healthCheck.port !== undefined ? { Port: healthCheck.port } : {}),
                  Protocol: healthCheck.protocol,
                  ProtocolVersion: healthCheck.protocolVersion,
                  Matcher: { HttpCode: "200" },
                },
              }
            : {}),
        },
      },
    };
    report.mapped(node, "", `target group ${latticeName(nodeName, 128)} (IP, port ${listener.port}${version ? `, ${version}` : ""}); register the tasks' IPs (ECS: the service's vpcLatticeConfigurations).`);
    targetGroups.set(nodeName, id);
    return id;
  };

  for (const service of view.of("VirtualService")) {
    const provider = view.provider(service);
    if (!provider) {
      report.dropped(service, "provider", "no provider: nothing to route to.", "give it a provider before migrating, or leave it out.");
      continue;
    }
    const serviceId = ids.take(logicalId(service.name, "Service"));
    const domain = /^(?=.{3,255}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(service.name) ? service.name : undefined;
    resources[serviceId] = {
      Type: "AWS::VpcLattice::Service",
      Properties: { Name: latticeName(service.name, 40), ...(domain ? { CustomDomainName: domain } : {}), AuthType: authCallers.has(service.name) ? "AWS_IAM" : "NONE" },
    };
    resources[ids.take(logicalId(service.name, "Association"))] = { Type: "AWS::VpcLattice::ServiceNetworkServiceAssociation", Properties: { ServiceNetworkIdentifier: ref(network), ServiceIdentifier: ref(serviceId) } };
    report.mapped(service, "", `Lattice service ${latticeName(service.name, 40)}${domain ? ` with the custom domain ${domain} (clients keep the name; point it at the service's DNS name with a CNAME or alias)` : " (its name is no domain name: clients use the Lattice DNS name)"}.`);

    if (authCallers.has(service.name)) {
      resources[ids.take(logicalId(service.name, "AuthPolicy"))] = {
        Type: "AWS::VpcLattice::AuthPolicy",
        Properties: {
          ResourceIdentifier: ref(serviceId),
          Policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: authCallers.get(service.name)!.map((c) => `arn:aws:iam::account-id:role/${c}-task-role`) }, Action: "vpc-lattice-svcs:Invoke", Resource: "*" }] },
        },
      };
      report.changed(service, "", `the nodes that list it as a backend (${authCallers.get(service.name)!.join(", ")}) become an IAM auth policy: replace the role ARNs; clients must SigV4-sign (vpc-lattice-svcs).`);
    }

    if (provider.kind === "VirtualNode") {
      const node = view.find("VirtualNode", provider.name);
      const listener = node ? view.listeners(node)[0] : undefined;
      const tg = targetGroupFor(provider.name);
      if (!node || !listener || !tg) {
        report.dropped(service, "provider.virtualNode", `its node ${provider.name} has no listener.`, "add a listener to the node first.");
        continue;
      }
      resources[ids.take(logicalId(service.name, "Listener"))] = listenerResource(serviceId, listener, { Forward: { TargetGroups: [{ TargetGroupIdentifier: ref(tg), Weight: 100 }] } });
      report.mapped(service, "provider.virtualNode", `a ${listenerProtocol(listener.protocol)} listener on port ${listener.port} forwarding to the node's target group.`);
      continue;
    }
    const router = view.find("VirtualRouter", provider.name);
    const routerListener = router ? view.listeners(router)[0] : undefined;
    if (!router || !routerListener) {
      report.dropped(service, "provider.virtualRouter", `router ${provider.name} is missing or has no listener.`, "migrate the router with its listener.");
      continue;
    }
    const routes = view.routesOf(router.name);
    const listenerId = ids.take(logicalId(service.name, "Listener"));
    if (routerListener.protocol === "tcp") {
      // TLS passthrough listeners take no rules: the first TCP route's targets are the default action.
      const first = routes[0];
      const groups = first ? forwardGroups(first, targetGroupFor, report) : [];
      resources[listenerId] = listenerResource(serviceId, routerListener, groups.length ? { Forward: { TargetGroups: groups } } : { FixedResponse: { StatusCode: 404 } });
      report.changed(router, `listeners[${routerListener.index}]`, "TCP becomes a TLS_PASSTHROUGH listener (no plain TCP in Lattice; the application terminates TLS); its first route is the listener's default action.");
      for (const r of routes.slice(1)) report.dropped(r.resource, "", "a second TCP route: a passthrough listener has no rules.", "give each TCP route its own virtual service.");
      continue;
    }
    resources[listenerId] = listenerResource(serviceId, routerListener, { FixedResponse: { StatusCode: 404 } });
    report.changed(router, `listeners[${routerListener.index}]`, `a ${listenerProtocol(routerListener.protocol)} listener on port ${routerListener.port} with a 404 default (Lattice answers what no rule matches; App Mesh would too).${routerListener.protocol === "grpc" ? " gRPC needs HTTPS: give the service a certificate (ACM, for the custom domain)." : ""}`);
    let carried = 0;
    for (const route of routes) {
      const rule = ruleResource(route, serviceId, listenerId, carried, targetGroupFor, report);
      if (!rule) continue;
      resources[ids.take(logicalId(service.name, route.resource.name, "Rule"))] = rule;
      carried++;
    }
    if (view.listeners(router).length > 1) report.changed(router, "listeners", "only the router's first listener is routed (Lattice services hold at most 2 listeners by default).");
    report.mapped(router, "", `its listener and routes become service ${latticeName(service.name, 40)}'s listener and rules.`);
  }

  for (const node of view.of("VirtualNode")) {
    reportNodeMembers(view, node, report);
    if (!targetGroups.has(node.name)) {
      if (!view.listeners(node).length) report.mapped(node, "", "a client only (no listener): it needs no target group.");
      else report.dropped(node, "", "not behind any virtual service: nothing routes to it.", "give it a virtual service, or leave it out.");
    }
  }
  if (view.of("VirtualNode").some((n) => asObject(asObject(n.spec.logging).accessLog).file)) {
    resources[ids.take(logicalId(source.meshName, "AccessLogs"))] = { Type: "AWS::VpcLattice::AccessLogSubscription", Properties: { ResourceIdentifier: ref(network), DestinationArn: ref("AccessLogDestinationArn") } };
  }
  reportUnreached(view, report);
  reportMeshAndGateways(view, report);

  const parameters: Obj = {
    VpcId: { Type: "AWS::EC2::VPC::Id", Description: "The VPC the services' clients and targets run in." },
    SecurityGroupIds: { Type: "List<AWS::EC2::SecurityGroup::Id>", Description: "Up to 5 security groups for the VPC association (they decide which clients in the VPC reach the network)." },
  };
  if (Object.values(resources).some((r) => r.Type === "AWS::VpcLattice::AccessLogSubscription")) {
    parameters.AccessLogDestinationArn = { Type: "String", Description: "A CloudWatch Logs log group, S3 bucket or Firehose stream ARN for Lattice's access logs." };
  }
  const outputs: Obj = Object.fromEntries(
    Object.entries(resources)
      .filter(([, r]) => r.Type === "AWS::VpcLattice::Service")
      .map(([id]) => [`${id}Dns`, { Description: `The generated DNS name of ${id}.`, Value: { "Fn::GetAtt": [id, "DnsEntry.DomainName"] } }]),
  );
  return {
    template: { AWSTemplateFormatVersion: "2010-09-09", Description: `VPC Lattice resources for App Mesh mesh ${source.meshName} (generated by the App Mesh extension).`, Parameters: parameters, Resources: resources, Outputs: outputs },
    entries: report.entries,
  };
}

function listenerProtocol(protocol: string): "HTTP" | "HTTPS" | "TLS_PASSTHROUGH" {
  return protocol === "grpc" ? "HTTPS" : protocol === "tcp" ? "TLS_PASSTHROUGH" : "HTTP";
}

function listenerResource(serviceId: string, listener: NodeListener, defaultAction: Obj): Obj {
  return {
    Type: "AWS::VpcLattice::Listener",
    Properties: { ServiceIdentifier: ref(serviceId), Name: latticeName(`${listener.protocol}-${listener.port}`, 63), Protocol: listenerProtocol(listener.protocol), Port: listener.port, DefaultAction: defaultAction },
  };
}

function forwardGroups(route: RouteRead, targetGroupFor: (node: string) => string | undefined, report: Reporter): Obj[] {
  if (route.targets.length > MAX_TARGET_GROUPS) report.dropped(route.resource, "action.weightedTargets", `more than ${MAX_TARGET_GROUPS} targets.`, "split the route.");
  return route.targets.slice(0, MAX_TARGET_GROUPS).flatMap((t) => {
    const tg = targetGroupFor(t.node);
    if (!tg) {
      report.dropped(route.resource, "action.weightedTargets", `target ${t.node} is not in the mesh or has no listener.`, "migrate the node with it.");
      return [];
    }
    return [{ TargetGroupIdentifier: ref(tg), Weight: Math.min(999, Math.max(0, t.weight)) }];
  });
}

/** A rule for one route, or undefined (reported) when Lattice cannot express its match. */
function ruleResource(route: RouteRead, serviceId: string, listenerId: string, index: number, targetGroupFor: (node: string) => string | undefined, report: Reporter): Obj | undefined {
  const resource: SourceResource = route.resource;
  const type = route.type;
  const c = routeConditions(route);
  const body = asObject(resource.spec[type]);
  const notCarried = (why: string, workaround: string) => {
    report.dropped(resource, `${type}.match`, `${why} The route is not carried over: a rule without it would take traffic meant for other routes.`, workaround);
    return undefined;
  };
  if (body.retryPolicy) report.dropped(resource, `${type}.retryPolicy`, "retries: Lattice has no retry policy.", "retry in the clients (the AWS SDKs and most HTTP clients can).");
  if (body.timeout) report.dropped(resource, `${type}.timeout`, "route timeouts: Lattice has no per-request timeout (the service's idle timeout is 60–600 s).", "enforce timeouts in the clients.");
  if (c.path?.kind === "regex") return notCarried(`a regex path (${c.path.value}): Lattice matches exact paths and prefixes only.`, "rewrite it as prefix or exact paths, one route each.");
  if (c.queryParameters.length) return notCarried(`query parameter matches (${c.queryParameters.join(", ")}): Lattice has none.`, "route on a header instead, set by the client.");
  if (c.scheme) return notCarried(`a scheme match (${c.scheme}).`, "give each scheme its own listener.");
  const unsupported = c.headers.filter((h) => h.invert || h.kind === "suffix" || h.kind === "regex" || h.kind === "range" || h.kind === "present");
  if (unsupported.length) return notCarried(`${unsupported.map(headerText).join(", ")}: Lattice matches headers exactly, by prefix or by contains.`, "have the client send a header Lattice can match.");
  if (c.headers.length > MAX_HEADERS) return notCarried(`${c.headers.length} header matches: Lattice allows at most ${MAX_HEADERS}.`, "fold some headers into one.");
  let path: Obj | undefined;
  let method = c.method;
  if (type === "grpcRoute") {
    // gRPC calls are POSTs to /<service>/<method>.
    method = "POST";
    if (c.grpc?.methodName && !c.grpc.serviceName) return notCarried("a gRPC method without its service.", "add the service name to the match.");
    if (c.grpc?.serviceName) path = c.grpc.methodName ? { Exact: `/${c.grpc.serviceName}/${c.grpc.methodName}` } : { Prefix: `/${c.grpc.serviceName}/` };
    report.changed(resource, `${type}.match`, `gRPC ${c.grpc?.serviceName ?? "any service"}${c.grpc?.methodName ? `/${c.grpc.methodName}` : ""} as ${path ? `path ${String(Object.values(path)[0])}` : "any path"}, method POST; metadata as header matches.`);
  } else if (c.path) {
    if (c.path.value.length > 200 || !PATH_CHARACTERS.test(c.path.value)) return notCarried(`a path (${c.path.value}) Lattice cannot match: 1–200 characters of letters, digits and @:%_+.~#?&/=-.`, "shorten or re-encode the path.");
    path = c.path.kind === "prefix" ? { Prefix: c.path.value } : { Exact: c.path.value };
  }
  const groups = forwardGroups(route, targetGroupFor, report);
  if (!groups.length) return undefined;
  const priority = index + 1;
  if (route.priority !== undefined && route.priority + 1 !== priority) report.changed(resource, "priority", `priority ${route.priority} becomes ${priority} (Lattice priorities are 1–2000; the App Mesh order is kept).`);
  else report.mapped(resource, "priority", `rule priority ${priority}.`);
  report.mapped(resource, `${type}.action.weightedTargets`, `forward to ${groups.length} target group${groups.length === 1 ? "" : "s"} with the same weights.`);
  const headers = c.headers.map((h) => ({ Name: h.name, Match: { [h.kind === "exact" ? "Exact" : "Prefix"]: h.value ?? "" }, CaseSensitive: true }));
  const httpMatch: Obj = {
    ...(method ? { Method: method } : {}),
    ...(path ? { PathMatch: { Match: path, CaseSensitive: true } } : {}),
    ...(headers.length ? { HeaderMatches: headers } : {}),
  };
  return {
    Type: "AWS::VpcLattice::Rule",
    Properties: {
      ServiceIdentifier: { Ref: serviceId },
      ListenerIdentifier: { Ref: listenerId },
      Name: latticeName(resource.name, 63),
      Priority: priority,
      Match: { HttpMatch: httpMatch },
      Action: { Forward: { TargetGroups: groups } },
    },
  };
}
