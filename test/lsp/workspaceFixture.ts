// What the LSP tests put in a workspace: App Mesh definitions as their dialects spell them (built
// here once, so a test names only what differs), and a temporary folder on disk to hold them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** A weighted target of a route: the virtual node's name and its weight. */
export type Target = [node: string, weight: number | string];

/** One HTTP route of a virtual router, matching a path prefix. */
export interface HttpRoute {
  name: string;
  prefix: string;
  targets: Target[];
}

/** A Kubernetes Namespace that joins a mesh through its `mesh` label. */
export const k8sNamespace = (name: string, mesh: string): string => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
    mesh: ${mesh}
`;

/** A Kubernetes Mesh that selects the namespaces labelled `mesh: <name>`. */
export const k8sMesh = (name: string): string => `apiVersion: appmesh.k8s.aws/v1beta2
kind: Mesh
metadata:
  name: ${name}
spec:
  namespaceSelector:
    matchLabels:
      mesh: ${name}
`;

/** A Kubernetes VirtualNode with one listener on 8080, found by its cluster DNS name. */
export function k8sVirtualNode(name: string, namespace: string, options: { app?: string; protocol?: string } = {}): string {
  const podSelector = options.app === undefined ? "" : `  podSelector:\n    matchLabels:\n      app: ${options.app}\n`;
  return `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${podSelector}  listeners:
    - portMapping:
        port: 8080
        protocol: ${options.protocol ?? "http"}
  serviceDiscovery:
    dns:
      hostname: ${name}.${namespace}.svc.cluster.local
`;
}

/** A Kubernetes VirtualRouter with one HTTP listener on 8080 and the given routes. */
export function k8sVirtualRouter(name: string, namespace: string, routes: HttpRoute[]): string {
  const route = (r: HttpRoute) =>
    `    - name: ${r.name}
      httpRoute:
        match:
          prefix: ${r.prefix}
        action:
          weightedTargets:
${r.targets.map(([node, weight]) => `            - virtualNodeRef:\n                name: ${node}\n              weight: ${weight}\n`).join("")}`;
  return `apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualRouter
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  listeners:
    - portMapping:
        port: 8080
        protocol: http
  routes:
${routes.map(route).join("")}`;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";
const httpListener = { portMapping: { port: 8080, protocol: "http" } };

/** CLI input JSON for a virtual node with one listener on 8080, found at `<name>.local`. */
export const apiVirtualNode = (meshName: string, name: string): string =>
  json({ meshName, virtualNodeName: name, spec: { listeners: [httpListener], serviceDiscovery: { dns: { hostname: `${name}.local` } } } });

/** CLI input JSON for a virtual router with one listener on 8080. */
export const apiVirtualRouter = (meshName: string, name: string): string => json({ meshName, virtualRouterName: name, spec: { listeners: [httpListener] } });

/** CLI input JSON for an HTTP route on every path ("/") of a router, to weighted virtual nodes. */
export const apiRoute = (meshName: string, virtualRouterName: string, routeName: string, targets: Target[]): string =>
  json({
    meshName,
    virtualRouterName,
    routeName,
    spec: { httpRoute: { match: { prefix: "/" }, action: { weightedTargets: targets.map(([virtualNode, weight]) => ({ virtualNode, weight })) } } },
  });

/** A temporary workspace folder on disk; `remove` deletes it with everything in it. */
export class TempWorkspace {
  readonly dir: string;

  constructor(prefix: string) {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
  }

  /** The folder's own URI, as a client sends it for rootUri or a workspace folder. */
  get uri(): string {
    return pathToFileURL(this.dir).toString();
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  uriOf(name: string): string {
    return pathToFileURL(this.path(name)).toString();
  }

  write(name: string, text: string): void {
    writeFileSync(this.path(name), text);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
