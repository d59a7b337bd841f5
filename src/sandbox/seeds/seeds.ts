// Seeds: `demo` (a realistic storefront mesh plus a small payments mesh), `scale:N` (a generated
// mesh with N virtual nodes, for benchmarks) and `file:PATH` (definitions from files or a folder,
// in any dialect, read by the project's parsers).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { WorkspaceIndex } from "../../model/workspaceIndex";
import type { MeshStore } from "../appmesh/store";
import type { CloudMapService } from "../cloudmap/cloudMapService";
import type { TrafficSimulator } from "../traffic/simulator";
import { DEFAULT_PROFILE } from "../traffic/profiles";
import { applyDefinitions, type ApplyResult } from "./applyDefinitions";
import { DEMO_DEFINITIONS } from "./demoDefinitions";

export interface SeedTargets {
  store: MeshStore;
  cloudMap: CloudMapService;
  simulator: TrafficSimulator;
}

export function applySeed(seed: string, targets: SeedTargets): ApplyResult {
  if (seed === "demo") return seedDemo(targets);
  if (seed === "empty") return { created: 0, skipped: [] };
  const scale = /^scale:(\d+)$/.exec(seed);
  if (scale) return seedScale(targets, Number(scale[1]));
  if (seed.startsWith("file:")) return seedFiles(targets, seed.slice("file:".length));
  throw new Error(`unknown seed "${seed}" (use demo, empty, scale:N or file:PATH)`);
}

function fromText(targets: SeedTargets, files: { uri: string; text: string }[]): ApplyResult {
  const index = new WorkspaceIndex();
  for (const file of files) index.set(file.uri, file.text);
  return applyDefinitions(targets.store, index.resources());
}

function seedDemo(targets: SeedTargets): ApplyResult {
  const result = fromText(targets, [{ uri: "sandbox:demo.yaml", text: DEMO_DEFINITIONS }]);
  const { cloudMap, simulator } = targets;
  const namespace = cloudMap.addNamespace("demo.local", "DNS_PRIVATE");
  const color = cloudMap.addService(namespace.id, "color");
  const instances: [string, string, string, "HEALTHY" | "UNHEALTHY"][] = [
    ["color-v1-a", "10.0.1.11", "v1", "HEALTHY"],
    ["color-v1-b", "10.0.1.12", "v1", "HEALTHY"],
    ["color-v1-c", "10.0.1.13", "v1", "HEALTHY"],
    ["color-v2-a", "10.0.2.21", "v2", "HEALTHY"],
    ["color-v2-b", "10.0.2.22", "v2", "UNHEALTHY"],
  ];
  for (const [id, ip, version, health] of instances) {
    cloudMap.registerInstance(color.id, id, { AWS_INSTANCE_IPV4: ip, AWS_INSTANCE_PORT: "8080", version }, health);
  }
  simulator.setProfile("demo", "ingress-gw", { ...DEFAULT_PROFILE, rps: 40, latencyMs: 3, errorRate: 0.002, faultRate: 0 });
  simulator.setProfile("demo", "front", { ...DEFAULT_PROFILE, latencyMs: 18 });
  simulator.setProfile("demo", "color-v1", { ...DEFAULT_PROFILE, latencyMs: 9, faultRate: 0.002 });
  simulator.setProfile("demo", "color-v2", { ...DEFAULT_PROFILE, latencyMs: 14, faultRate: 0.08 }); // the canary misbehaves
  // catalog calls a pricing API outside the mesh, and inventory's Envoy has X-Ray tracing off: both
  // show on the map as inferred `remote` nodes drawn from catalog's subsegments.
  simulator.setProfile("demo", "catalog", { ...DEFAULT_PROFILE, latencyMs: 25, errorRate: 0.02, externalCalls: ["pricing.example.com"] });
  simulator.setProfile("demo", "inventory", { ...DEFAULT_PROFILE, latencyMs: 6, throttleRate: 0.01, tracing: false });
  simulator.setProfile("payments", "ledger", { ...DEFAULT_PROFILE, rps: 5, latencyMs: 30 });
  return result;
}

/**
 * A mesh named scale-N with N virtual nodes in groups of five. Each group has a router whose route
 * spreads traffic over the group's nodes, a service for the router and one per node, and a backend
 * from the group's first node to the next group. One gateway routes a path prefix to each group.
 */
function seedScale(targets: SeedTargets, nodes: number): ApplyResult {
  if (!(nodes >= 1 && nodes <= 20_000)) throw new Error("scale:N needs 1 ≤ N ≤ 20000");
  const mesh = `scale-${nodes}`;
  const docs: string[] = [`meshName: ${mesh}\nspec: {}`];
  const groups = Math.ceil(nodes / 5);
  const weights = [40, 20, 20, 10, 10];
  for (let i = 0; i < nodes; i++) {
    const group = Math.floor(i / 5);
    const next = group + 1 < groups && i % 5 === 0 ? `\n  backends:\n    - virtualService: { virtualServiceName: svc-${group + 1}.${mesh}.local }` : "";
    docs.push(
      `meshName: ${mesh}\nvirtualNodeName: node-${i}\nspec:\n  listeners:\n    - portMapping: { port: 8080, protocol: http }\n  serviceDiscovery:\n    dns: { hostname: node-${i}.${mesh}.local }${next}`,
      `meshName: ${mesh}\nvirtualServiceName: node-${i}.${mesh}.local\nspec:\n  provider:\n    virtualNode: { virtualNodeName: node-${i} }`,
    );
  }
  for (let g = 0; g < groups; g++) {
    const members = Array.from({ length: Math.min(5, nodes - g * 5) }, (_, k) => `        - { virtualNode: node-${g * 5 + k}, weight: ${weights[k]} }`);
    docs.push(
      `meshName: ${mesh}\nvirtualRouterName: router-${g}\nspec:\n  listeners:\n    - portMapping: { port: 8080, protocol: http }`,
      `meshName: ${mesh}\nvirtualRouterName: router-${g}\nrouteName: spread\nspec:\n  httpRoute:\n    match: { prefix: / }\n    action:\n      weightedTargets:\n${members.join("\n")}`,
      `meshName: ${mesh}\nvirtualServiceName: svc-${g}.${mesh}.local\nspec:\n  provider:\n    virtualRouter: { virtualRouterName: router-${g} }`,
      `meshName: ${mesh}\nvirtualGatewayName: gateway\ngatewayRouteName: group-${g}\nspec:\n  httpRoute:\n    match: { prefix: /g${g}/ }\n    action:\n      target: { virtualService: { virtualServiceName: svc-${g}.${mesh}.local } }`,
    );
  }
  docs.push(`meshName: ${mesh}\nvirtualGatewayName: gateway\nspec:\n  listeners:\n    - portMapping: { port: 8080, protocol: http }`);
  return fromText(targets, [{ uri: `sandbox:${mesh}.yaml`, text: docs.join("\n---\n") }]);
}

function seedFiles(targets: SeedTargets, path: string): ApplyResult {
  const files: { uri: string; text: string }[] = [];
  const visit = (p: string) => {
    if (statSync(p).isDirectory()) {
      for (const entry of readdirSync(p)) if (!entry.startsWith(".") && entry !== "node_modules") visit(join(p, entry));
    } else if (/\.(ya?ml|json)$/i.test(p)) {
      files.push({ uri: pathToFileURL(p).toString(), text: readFileSync(p, "utf8") });
    }
  };
  visit(path);
  if (files.length === 0) throw new Error(`no YAML or JSON files at ${path}`);
  return fromText(targets, files);
}
