// The generated target's routing in the shape the service map draws (App Mesh's declared
// topology): each target service as a virtual service, its rules as routes of a router named
// for it, and its target groups (Lattice), backend Services (Gateway API) or ECS services
// (Service Connect) as nodes with the weights the files set. Read from the generated output
// itself, so the map shows what the files say, next to the source mesh's own map.
import type { DeclaredResource } from "../serviceMap/buildMap";
import type { MigrationTarget } from "./migrationReport";
import { asList, asObject, type MigrationSource, type Obj } from "./migrationSource";
import { toGatewayApi } from "./toGatewayApi";
import { toServiceConnect } from "./toServiceConnect";
import { toVpcLattice } from "./toVpcLattice";

const route = (router: string, name: string, targets: { node: string; weight: number }[]): DeclaredResource => ({
  kind: "Route",
  name,
  parentName: router,
  spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: targets.map((t) => ({ virtualNode: t.node, weight: t.weight })) } } },
});
const service = (name: string, router: string): DeclaredResource => ({ kind: "VirtualService", name, spec: { provider: { virtualRouter: { virtualRouterName: router } } } });
const router = (name: string): DeclaredResource => ({ kind: "VirtualRouter", name, spec: {} });
const node = (name: string): DeclaredResource => ({ kind: "VirtualNode", name, spec: {} });

export function targetRouting(source: MigrationSource, target: MigrationTarget): DeclaredResource[] {
  if (target === "gateway-api") return gatewayApiRouting(toGatewayApi(source).documents);
  if (target === "vpc-lattice") return latticeRouting(asObject(toVpcLattice(source).template.Resources));
  return serviceConnectRouting(asObject(toServiceConnect(source).template.Resources));
}

function gatewayApiRouting(documents: Obj[]): DeclaredResource[] {
  const out: DeclaredResource[] = [];
  const nodes = new Set<string>();
  for (const doc of documents) {
    if (!["HTTPRoute", "GRPCRoute", "TLSRoute"].includes(String(doc.kind))) continue;
    const spec = asObject(doc.spec);
    const name = `${String(doc.kind)} ${String(asObject(doc.metadata).name)}`;
    const hostname = asList(spec.hostnames)[0];
    out.push(service(typeof hostname === "string" ? hostname : name, name), router(name));
    asList(spec.rules).forEach((r, i) => {
      const rule = asObject(r);
      const targets = asList(rule.backendRefs).map((b) => ({ node: `Service ${String(asObject(b).name)}`, weight: typeof asObject(b).weight === "number" ? (asObject(b).weight as number) : 1 }));
      for (const t of targets) nodes.add(t.node);
      out.push(route(name, `rule ${i + 1}${matchText(asList(rule.matches)[0])}`, targets));
    });
  }
  return [...out, ...[...nodes].map(node)];
}

function latticeRouting(resources: Obj): DeclaredResource[] {
  const out: DeclaredResource[] = [];
  const nodes = new Set<string>();
  const nameOf = (id: unknown) => String(asObject(asObject(resources[String(asObject(id).Ref)]).Properties).Name ?? asObject(id).Ref);
  const forward = (action: unknown) =>
    asList(asObject(asObject(action).Forward).TargetGroups).map((g) => {
      const tg = `target group ${nameOf(asObject(g).TargetGroupIdentifier)}`;
      nodes.add(tg);
      return { node: tg, weight: typeof asObject(g).Weight === "number" ? (asObject(g).Weight as number) : 1 };
    });
  for (const [id, r] of Object.entries(resources)) {
    const resource = asObject(r);
    if (resource.Type !== "AWS::VpcLattice::Service") continue;
    const properties = asObject(resource.Properties);
    const routerName = `service ${String(properties.Name)}`;
    out.push(service(String(properties.CustomDomainName ?? properties.Name), routerName), router(routerName));
    const rules = Object.values(resources)
      .map(asObject)
      .filter((x) => x.Type === "AWS::VpcLattice::Rule" && asObject(asObject(x.Properties).ServiceIdentifier).Ref === id)
      .map((x) => asObject(x.Properties))
      .sort((a, b) => Number(a.Priority) - Number(b.Priority));
    for (const rule of rules) out.push(route(routerName, `rule ${String(rule.Priority)}${httpMatchText(asObject(asObject(rule.Match).HttpMatch))}`, forward(rule.Action)));
    for (const listener of Object.values(resources).map(asObject).filter((x) => x.Type === "AWS::VpcLattice::Listener" && asObject(asObject(x.Properties).ServiceIdentifier).Ref === id)) {
      const targets = forward(asObject(listener.Properties).DefaultAction);
      if (targets.length) out.push(route(routerName, `default (${String(asObject(listener.Properties).Protocol)} ${String(asObject(listener.Properties).Port)})`, targets));
    }
  }
  return [...out, ...[...nodes].map(node)];
}

function serviceConnectRouting(resources: Obj): DeclaredResource[] {
  const out: DeclaredResource[] = [];
  for (const r of Object.values(resources).map(asObject)) {
    if (r.Type !== "AWS::ECS::Service") continue;
    const properties = asObject(r.Properties);
    const ecs = `ECS service ${String(properties.ServiceName)}`;
    out.push(node(ecs));
    for (const entry of asList(asObject(properties.ServiceConnectConfiguration).Services).map(asObject)) {
      const alias = asObject(asList(entry.ClientAliases)[0]);
      const name = typeof alias.DnsName === "string" ? alias.DnsName : `${String(entry.DiscoveryName)}:${String(alias.Port)}`;
      out.push({ kind: "VirtualService", name, spec: { provider: { virtualNode: { virtualNodeName: ecs } } } });
    }
  }
  return out;
}

function matchText(match: unknown): string {
  const m = asObject(match);
  const path = asObject(m.path);
  const method = asObject(m.method);
  const parts = [typeof path.value === "string" ? `${path.type === "Exact" ? "=" : ""}${path.value}` : "", method.service ? `${String(method.service)}${method.method ? `/${String(method.method)}` : ""}` : "", ...asList(m.headers).map((h) => `${String(asObject(h).name)}: ${String(asObject(h).value)}`)];
  const text = parts.filter(Boolean).join(" · ");
  return text ? ` ${text}` : "";
}

function httpMatchText(match: Obj): string {
  const path = asObject(asObject(match.PathMatch).Match);
  const parts = [typeof path.Prefix === "string" ? path.Prefix : typeof path.Exact === "string" ? `=${path.Exact}` : "", ...asList(match.HeaderMatches).map((h) => `${String(asObject(h).Name)}: ${String(Object.values(asObject(asObject(h).Match))[0])}`)];
  const text = parts.filter(Boolean).join(" · ");
  return text ? ` ${text}` : "";
}
