// The migration's mapping rules, one small mesh each: what a target gets for an App Mesh member
// and the report line that says so — mapped, mapped with a change, or not carried over with its
// workaround. Every output is also checked against the target's real shapes (CRD schemas, API
// models) where ../shared/reference is present.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { migrate } from "../../../src/model/migration/migrate";
import type { ReportEntry } from "../../../src/model/migration/migrationReport";
import type { MigrationSource, SourceResource } from "../../../src/model/migration/migrationSource";
import { targetRouting } from "../../../src/model/migration/targetRouting";
import { toGatewayApi } from "../../../src/model/migration/toGatewayApi";
import { toServiceConnect } from "../../../src/model/migration/toServiceConnect";
import { toVpcLattice } from "../../../src/model/migration/toVpcLattice";
import { cloudFormationProblems, manifestProblems, referenceAvailable } from "./schemaCheck";

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- generated documents, read for assertions

const node = (name: string, listener: Loose = { portMapping: { port: 8080, protocol: "http" } }, extra: Loose = {}): SourceResource => ({
  kind: "VirtualNode",
  name,
  spec: { listeners: [listener], serviceDiscovery: { dns: { hostname: `${name}.shop.svc.cluster.local` } }, ...extra },
  origin: { uri: `file:///ws/${name}.yaml`, line: 3 },
});
const router = (name: string, protocol = "http", port = 8080): SourceResource => ({ kind: "VirtualRouter", name, spec: { listeners: [{ portMapping: { port, protocol } }] } });
const service = (name: string, routerName: string): SourceResource => ({ kind: "VirtualService", name, spec: { provider: { virtualRouter: { virtualRouterName: routerName } } } });
const route = (name: string, routerName: string, spec: Loose): SourceResource => ({ kind: "Route", name, parentName: routerName, spec, origin: { uri: "file:///ws/routes.yaml", line: 10 } });
const mesh = (...resources: SourceResource[]): MigrationSource => ({ meshName: "shop", resources: [{ kind: "Mesh", name: "shop", spec: {} }, ...resources] });

/** A router with one route of `spec` to v1 (and v2), behind service cart.shop.local. */
function withRoute(spec: Loose, extra: SourceResource[] = []): MigrationSource {
  return mesh(node("cart-v1"), node("cart-v2"), router("cart-router"), service("cart.shop.local", "cart-router"), route("main", "cart-router", spec), ...extra);
}
const http = (match: Loose, more: Loose = {}) => ({ httpRoute: { match, action: { weightedTargets: [{ virtualNode: "cart-v1", weight: 90 }, { virtualNode: "cart-v2", weight: 10 }] }, ...more } });

const line = (entries: ReportEntry[], disposition: string, resource: RegExp, note: RegExp) =>
  entries.find((e) => e.disposition === disposition && resource.test(e.resource) && note.test(`${e.member} ${e.note} ${e.workaround ?? ""}`));

function assertValid(source: MigrationSource): void {
  if (!referenceAvailable()) return;
  const gw = toGatewayApi(source);
  assert.deepEqual(manifestProblems(gw.documents), [], "Gateway API manifests match the CRDs");
  assert.deepEqual(cloudFormationProblems(toVpcLattice(source).template), [], "Lattice template matches the API model");
  assert.deepEqual(cloudFormationProblems(toServiceConnect(source).template), [], "Service Connect template matches the API models");
}

describe("migration mapping rules", () => {
  test("weighted targets: Gateway API backendRefs and Lattice target groups keep the weights; Service Connect keeps the main target and reports the split", () => {
    const source = withRoute(http({ prefix: "/" }));
    const gw = toGatewayApi(source);
    const httpRoute = gw.documents.find((d) => d.kind === "HTTPRoute") as Loose;
    assert.deepEqual(httpRoute.spec.rules[0].backendRefs.map((b: Loose) => [b.name, b.weight, b.port]), [["cart-v1", 90, 8080], ["cart-v2", 10, 8080]]);
    assert.deepEqual(httpRoute.spec.hostnames, ["cart.shop.local"]);
    const lattice = toVpcLattice(source).template as Loose;
    const rule = Object.values(lattice.Resources as Loose).find((r: Loose) => r.Type === "AWS::VpcLattice::Rule") as Loose;
    assert.deepEqual(rule.Properties.Action.Forward.TargetGroups.map((t: Loose) => [t.TargetGroupIdentifier.Ref, t.Weight]), [["CartV1TargetGroup", 90], ["CartV2TargetGroup", 10]]);
    const sc = toServiceConnect(source);
    const v1 = (sc.template as Loose).Resources.CartV1Service.Properties.ServiceConnectConfiguration;
    assert.equal(v1.Services[0].ClientAliases[0].DnsName, "cart.shop.local", "clients keep the name");
    assert.ok(line(sc.entries, "dropped", /Route main/, /weighted routing to cart-v2 \(10\).*CANARY or LINEAR/));
    assertValid(source);
  });

  test("priorities: rules in App Mesh order, Lattice priorities from 1 (0–1000 → 1–2000), the change reported", () => {
    const source = mesh(
      node("a"), node("b"), router("r"), service("s.shop.local", "r"),
      route("late", "r", { priority: 200, ...http({ prefix: "/" }) }),
      route("early", "r", { priority: 0, httpRoute: { match: { prefix: "/api" }, action: { weightedTargets: [{ virtualNode: "a", weight: 1 }] } } }),
    );
    (source.resources.find((r) => r.name === "late")!.spec as Loose).httpRoute.action.weightedTargets = [{ virtualNode: "b", weight: 1 }];
    const gw = toGatewayApi(source).documents.find((d) => d.kind === "HTTPRoute") as Loose;
    assert.deepEqual(gw.spec.rules.map((r: Loose) => r.matches[0].path.value), ["/api", "/"], "lowest priority first");
    const out = toVpcLattice(source);
    const rules = Object.values((out.template as Loose).Resources as Loose).filter((r: Loose) => r.Type === "AWS::VpcLattice::Rule") as Loose[];
    assert.deepEqual(rules.map((r) => [r.Properties.Name, r.Properties.Priority]), [["early", 1], ["late", 2]]);
    assert.ok(line(out.entries, "changed", /Route late/, /priority 200 becomes 2/));
    assertValid(source);
  });

  test("paths: prefix and exact carry over; a regex path is not carried over, with the workaround", () => {
    const exact = withRoute(http({ path: { exact: "/cart/items" } }));
    assert.equal((toGatewayApi(exact).documents.find((d) => d.kind === "HTTPRoute") as Loose).spec.rules[0].matches[0].path.type, "Exact");
    const regex = withRoute(http({ path: { regex: "^/cart/[0-9]+$" } }));
    for (const out of [toGatewayApi(regex), toVpcLattice(regex)]) {
      const found = line(out.entries, "dropped", /Route main/, /regex path.*not carried over.*prefix or exact/);
      assert.ok(found, "reported with its workaround");
      assert.deepEqual(found.origin, { uri: "file:///ws/routes.yaml", line: 10 }, "linked to its line");
    }
    assert.equal((toGatewayApi(regex).documents.find((d) => d.kind === "HTTPRoute") as Loose | undefined)?.spec.rules, undefined, "no rule that would take all traffic");
    assertValid(exact);
    assertValid(regex);
  });

  test("headers: exact headers carry over; prefix only in Lattice; suffix, regex, range and inverted nowhere; more than 5 not carried over", () => {
    const exact = withRoute(http({ prefix: "/", headers: [{ name: "x-canary", match: { exact: "yes" } }] }));
    assert.deepEqual((toGatewayApi(exact).documents.find((d) => d.kind === "HTTPRoute") as Loose).spec.rules[0].matches[0].headers, [{ type: "Exact", name: "x-canary", value: "yes" }]);
    const prefix = withRoute(http({ prefix: "/", headers: [{ name: "x-user", match: { prefix: "beta-" } }] }));
    assert.ok(line(toGatewayApi(prefix).entries, "dropped", /Route main/, /header x-user \(prefix/));
    const latticeRule = Object.values((toVpcLattice(prefix).template as Loose).Resources as Loose).find((r: Loose) => r.Type === "AWS::VpcLattice::Rule") as Loose;
    assert.deepEqual(latticeRule.Properties.Match.HttpMatch.HeaderMatches, [{ Name: "x-user", Match: { Prefix: "beta-" }, CaseSensitive: true }]);
    for (const match of [{ suffix: ".internal" }, { regex: "^a" }, { range: { start: 1, end: 5 } }]) {
      const source = withRoute(http({ prefix: "/", headers: [{ name: "x-h", match }] }));
      assert.ok(line(toVpcLattice(source).entries, "dropped", /Route main/, /header x-h/));
    }
    const inverted = withRoute(http({ prefix: "/", headers: [{ name: "x-h", match: { exact: "a" }, invert: true }] }));
    assert.ok(line(toGatewayApi(inverted).entries, "dropped", /Route main/, /inverted/));
    const six = withRoute(http({ prefix: "/", headers: Array.from({ length: 6 }, (_, i) => ({ name: `x-${i}`, match: { exact: "1" } })) }));
    assert.ok(line(toVpcLattice(six).entries, "dropped", /Route main/, /6 header matches: Lattice allows at most 5/));
    assertValid(exact);
    assertValid(prefix);
  });

  test("query parameters, schemes: not carried over; method: carried over", () => {
    const query = withRoute(http({ prefix: "/", queryParameters: [{ name: "beta", match: { exact: "1" } }] }));
    assert.ok(line(toGatewayApi(query).entries, "dropped", /Route main/, /query parameter matches \(beta\)/));
    assert.ok(line(toVpcLattice(query).entries, "dropped", /Route main/, /query parameter/));
    const method = withRoute(http({ prefix: "/", method: "POST" }));
    assert.equal((toGatewayApi(method).documents.find((d) => d.kind === "HTTPRoute") as Loose).spec.rules[0].matches[0].method, "POST");
    assertValid(method);
  });

  test("gRPC: a GRPCRoute method match on an HTTPS listener; in Lattice a POST to /service/method", () => {
    const source = mesh(
      node("inv", { portMapping: { port: 50051, protocol: "grpc" } }),
      router("inv-router", "grpc", 50051),
      service("inv.shop.local", "inv-router"),
      route("lookup", "inv-router", { grpcRoute: { match: { serviceName: "shop.Inventory", methodName: "Lookup" }, action: { weightedTargets: [{ virtualNode: "inv", weight: 100 }] } } }),
    );
    const gw = toGatewayApi(source);
    const grpc = gw.documents.find((d) => d.kind === "GRPCRoute") as Loose;
    assert.deepEqual(grpc.spec.rules[0].matches[0].method, { type: "Exact", service: "shop.Inventory", method: "Lookup" });
    const gateway = gw.documents.find((d) => d.kind === "Gateway") as Loose;
    assert.equal(gateway.spec.listeners[0].protocol, "HTTPS");
    assert.ok(line(gw.entries, "changed", /VirtualRouter inv-router/, /HTTPS listener/));
    const rule = Object.values((toVpcLattice(source).template as Loose).Resources as Loose).find((r: Loose) => r.Type === "AWS::VpcLattice::Rule") as Loose;
    assert.deepEqual(rule.Properties.Match.HttpMatch, { Method: "POST", PathMatch: { Match: { Exact: "/shop.Inventory/Lookup" }, CaseSensitive: true } });
    assertValid(source);
  });

  test("TCP: a TLS passthrough listener and a TLSRoute with one rule", () => {
    const source = mesh(
      node("db", { portMapping: { port: 5432, protocol: "tcp" } }),
      router("db-router", "tcp", 5432),
      service("db.shop.local", "db-router"),
      route("db", "db-router", { tcpRoute: { action: { weightedTargets: [{ virtualNode: "db", weight: 1 }] } } }),
    );
    const gw = toGatewayApi(source);
    const tls = gw.documents.find((d) => d.kind === "TLSRoute") as Loose;
    assert.equal(tls.spec.rules.length, 1);
    assert.deepEqual(tls.spec.hostnames, ["db.shop.local"]);
    assert.equal((gw.documents.find((d) => d.kind === "Gateway") as Loose).spec.listeners[0].tls.mode, "Passthrough");
    const listener = Object.values((toVpcLattice(source).template as Loose).Resources as Loose).find((r: Loose) => r.Type === "AWS::VpcLattice::Listener") as Loose;
    assert.equal(listener.Properties.Protocol, "TLS_PASSTHROUGH");
    assert.ok(listener.Properties.DefaultAction.Forward, "the route is the default action");
    assertValid(source);
  });

  test("retries, outlier detection, connection pools: not carried over, each with its workaround", () => {
    const source = withRoute(http({ prefix: "/" }, { retryPolicy: { maxRetries: 2, perRetryTimeout: { unit: "s", value: 1 }, httpRetryEvents: ["server-error"] } }), []);
    (source.resources.find((r) => r.name === "cart-v1")!.spec as Loose).listeners[0].outlierDetection = { maxServerErrors: 5, maxEjectionPercent: 50, interval: { unit: "s", value: 10 }, baseEjectionDuration: { unit: "s", value: 30 } };
    (source.resources.find((r) => r.name === "cart-v1")!.spec as Loose).listeners[0].connectionPool = { http: { maxConnections: 10 } };
    for (const out of [toGatewayApi(source), toVpcLattice(source), toServiceConnect(source)]) {
      assert.ok(line(out.entries, "dropped", /Route main/, /retryPolicy/), "retries");
      assert.ok(line(out.entries, "dropped", /VirtualNode cart-v1/, /outlierDetection/), "outlier detection");
      assert.ok(line(out.entries, "dropped", /VirtualNode cart-v1/, /connectionPool/), "connection pool");
    }
  });

  test("timeouts: Service Connect per port in whole seconds (a route's becomes its target's); Lattice and the controller have none", () => {
    const source = withRoute(http({ prefix: "/" }, { timeout: { perRequest: { unit: "ms", value: 2500 } } }));
    const sc = toServiceConnect(source);
    assert.deepEqual((sc.template as Loose).Resources.CartV1Service.Properties.ServiceConnectConfiguration.Services[0].Timeout, { PerRequestTimeoutSeconds: 3 });
    assert.ok(line(sc.entries, "changed", /Route main/, /per-route timeout becomes the per-port timeout.*3 s/));
    assert.ok(line(toVpcLattice(source).entries, "dropped", /Route main/, /timeout/));
    assert.ok(line(toGatewayApi(source).entries, "dropped", /Route main/, /controller ignores rule timeouts/));
    assertValid(source);
  });

  test("TLS: Service Connect through AWS Private CA; mutual TLS not carried over anywhere", () => {
    const tls = { mode: "STRICT", certificate: { acm: { certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/abc" } }, validation: { trust: { file: { certificateChain: "/ca.pem" } } } };
    const source = withRoute(http({ prefix: "/" }));
    (source.resources.find((r) => r.name === "cart-v1")!.spec as Loose).listeners[0].tls = tls;
    const sc = toServiceConnect(source);
    assert.deepEqual((sc.template as Loose).Resources.CartV1Service.Properties.ServiceConnectConfiguration.Services[0].Tls, { IssuerCertificateAuthority: { AwsPcaAuthorityArn: { Ref: "PrivateCaArn" } } });
    assert.ok((sc.template as Loose).Parameters.PrivateCaArn);
    for (const out of [sc, toVpcLattice(source), toGatewayApi(source)]) assert.ok(line(out.entries, "dropped", /VirtualNode cart-v1/, /tls\.validation/), "mTLS");
    assertValid(source);
  });

  test("backends: an IAM auth policy naming the callers (Lattice and the controller); Service Connect has no allow-list", () => {
    const client = node("web", { portMapping: { port: 80, protocol: "http" } }, { backends: [{ virtualService: { virtualServiceName: "cart.shop.local" } }] });
    const source = withRoute(http({ prefix: "/" }), [client, { kind: "VirtualService", name: "web.shop.local", spec: { provider: { virtualNode: { virtualNodeName: "web" } } } }]);
    const gw = toGatewayApi(source);
    const auth = gw.documents.find((d) => d.kind === "IAMAuthPolicy") as Loose;
    assert.match(auth.spec.policy, /role\/web-task-role/);
    assert.equal(auth.spec.targetRef.kind, "HTTPRoute");
    const lattice = toVpcLattice(source).template as Loose;
    assert.equal(lattice.Resources.ShopServiceNetwork.Properties.AuthType, "AWS_IAM");
    assert.ok(Object.values(lattice.Resources as Loose).some((r: Loose) => r.Type === "AWS::VpcLattice::AuthPolicy"));
    assert.ok(line(toServiceConnect(source).entries, "dropped", /VirtualNode web/, /backends allow-list/));
    assertValid(source);
  });

  test("access logs: AccessLogPolicy, an access log subscription, Service Connect's access log configuration", () => {
    const source = withRoute(http({ prefix: "/" }));
    (source.resources.find((r) => r.name === "cart-v1")!.spec as Loose).logging = { accessLog: { file: { path: "/dev/stdout" } } };
    assert.ok(toGatewayApi(source).documents.some((d) => d.kind === "AccessLogPolicy"));
    assert.ok(Object.values((toVpcLattice(source).template as Loose).Resources as Loose).some((r: Loose) => r.Type === "AWS::VpcLattice::AccessLogSubscription"));
    assert.deepEqual((toServiceConnect(source).template as Loose).Resources.CartV1Service.Properties.ServiceConnectConfiguration.AccessLogConfiguration, { Format: "TEXT" });
    assertValid(source);
  });

  test("virtual gateways, gateway routes and DROP_ALL egress: not carried over, with the load balancer or security group workaround", () => {
    const source = withRoute(http({ prefix: "/" }), [
      { kind: "VirtualGateway", name: "ingress", spec: { listeners: [{ portMapping: { port: 443, protocol: "http" } }] } },
      { kind: "GatewayRoute", name: "to-cart", parentName: "ingress", spec: { httpRoute: { match: { prefix: "/", hostname: { exact: "shop.example.com" } }, action: { target: { virtualService: { virtualServiceName: "cart.shop.local" } }, rewrite: { prefix: { value: "/" } } } } } },
    ]);
    source.resources[0].spec = { egressFilter: { type: "DROP_ALL" } };
    for (const out of [toGatewayApi(source), toVpcLattice(source), toServiceConnect(source)]) {
      assert.ok(line(out.entries, "dropped", /VirtualGateway ingress/, /Load Balancer/));
      assert.ok(line(out.entries, "dropped", /GatewayRoute to-cart/, /ALB listener rule/));
      assert.ok(line(out.entries, "dropped", /Mesh shop/, /egressFilter.*security groups/));
    }
    assertValid(source);
  });

  test("health checks: milliseconds to seconds within Lattice's ranges; a gRPC check is not carried over", () => {
    const source = withRoute(http({ prefix: "/" }));
    (source.resources.find((r) => r.name === "cart-v1")!.spec as Loose).listeners[0].healthCheck = { protocol: "http", path: "/ping", intervalMillis: 1000, timeoutMillis: 2500, healthyThreshold: 1, unhealthyThreshold: 3 };
    (source.resources.find((r) => r.name === "cart-v2")!.spec as Loose).listeners[0].healthCheck = { protocol: "grpc", intervalMillis: 5000, timeoutMillis: 2000, healthyThreshold: 2, unhealthyThreshold: 2 };
    const policy = toGatewayApi(source).documents.find((d) => d.kind === "TargetGroupPolicy" && (d.spec as Loose).targetRef.name === "cart-v1") as Loose;
    assert.deepEqual(
      [policy.spec.healthCheck.intervalSeconds, policy.spec.healthCheck.timeoutSeconds, policy.spec.healthCheck.healthyThresholdCount, policy.spec.healthCheck.unhealthyThresholdCount],
      [5, 3, 2, 3],
      "1 s interval raised to Lattice's 5 s minimum; 2.5 s timeout rounded up; threshold 1 raised to 2",
    );
    assert.ok(line(toVpcLattice(source).entries, "dropped", /VirtualNode cart-v2/, /grpc health check/));
    assertValid(source);
  });

  test("side by side: the target's routing, read back from the generated files, keeps every weighted path of the mesh", () => {
    const source = withRoute(http({ prefix: "/" }));
    const paths = (resources: { kind: string; name: string; parentName?: string; spec: Loose }[]) =>
      resources.filter((r) => r.kind === "Route").flatMap((r) => (r.spec.httpRoute.action.weightedTargets as Loose[]).map((t) => `${String(t.virtualNode).replace(/^(target group|Service) /, "")} ${t.weight}`)).sort();
    assert.deepEqual(paths(source.resources as never), ["cart-v1 90", "cart-v2 10"]);
    for (const target of ["vpc-lattice", "gateway-api"] as const) {
      const routing = targetRouting(source, target);
      assert.deepEqual(paths(routing as never), ["cart-v1 90", "cart-v2 10"], target);
      assert.ok(routing.some((r) => r.kind === "VirtualService" && r.name === "cart.shop.local"), `${target}: the service keeps its name`);
    }
    const sc = targetRouting(source, "service-connect");
    assert.deepEqual(sc.filter((r) => r.kind === "VirtualService").map((r) => [r.name, (r.spec as Loose).provider.virtualNode.virtualNodeName]).find(([n]) => n === "cart.shop.local"), ["cart.shop.local", "ECS service cart-v1"], "Service Connect: the alias on the main target");
  });

  test("the report: a summary with counts and the cut-over order (servers first), entries linked to their lines, and what changed since the last run", () => {
    const client = node("web", { portMapping: { port: 80, protocol: "http" } }, { backends: [{ virtualService: { virtualServiceName: "cart.shop.local" } }] });
    const source = withRoute(http({ prefix: "/" }), [client, { kind: "VirtualService", name: "web.shop.local", spec: { provider: { virtualNode: { virtualNodeName: "web" } } } }]);
    const link = (o: { uri: string; line: number } | { live: string }) => ("uri" in o ? `${o.uri}#L${o.line + 1}` : o.live);
    const first = migrate(source, "vpc-lattice", { link });
    assert.deepEqual(first.files.map((f) => f.name), ["shop-vpc-lattice.yaml", "shop-migration-report.md"]);
    const report = first.report;
    assert.match(report, /## Summary\n\n- \d+ resources read: \d+ members mapped as they are, \d+ mapped with a change, \d+ not carried over\./);
    const order = report.slice(report.indexOf("## Cut-over order"));
    assert.ok(order.includes("VirtualNode cart-v1") && order.indexOf("VirtualNode cart-v1") < order.indexOf("VirtualNode web"), "the server before its client");
    assert.match(report, /\(\[source\]\(file:\/\/\/ws\/routes\.yaml#L11\)\)/);
    for (const doc of parseAllDocuments(first.files[0].text)) assert.deepEqual(doc.errors, []);
    // Edit the source: the route gets a retry policy and v2 goes.
    const edited = withRoute(http({ prefix: "/" }, { retryPolicy: { maxRetries: 1, perRetryTimeout: { unit: "s", value: 1 }, httpRetryEvents: ["server-error"] } }), [client]);
    const second = migrate(edited, "vpc-lattice", { link, previous: first.keys });
    assert.match(second.report, /- Since the last run: \d+ lines? new, \d+ gone/);
    assert.match(second.report, /## Changed since the last run[\s\S]*- new: dropped Route main \(router cart-router\) httpRoute\.retryPolicy/);
    const third = migrate(edited, "vpc-lattice", { link, previous: second.keys });
    assert.match(third.report, /- Since the last run: no change\./);
  });
});
