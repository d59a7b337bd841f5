// Which mesh resource an X-Ray service stands for. App Mesh's Envoy names its segments
// "<mesh>/<virtual node or gateway>" (the AWS name: on Kubernetes the controller's awsName, by
// default "<name>_<namespace>"); a callee that sends no segments appears as a `remote` node named
// after what was called, often a virtual service's DNS name. Everything else keeps its own node.
import type { MapNodeKind } from "./mapModel";
import type { XrayService } from "./xrayGraph";

export interface XrayMatch {
  kind: MapNodeKind;
  /** The mesh resource's name, or X-Ray's name for nodes outside the mesh. */
  name: string;
}

type Has = (kind: "VirtualNode" | "VirtualGateway" | "VirtualService", name: string) => boolean;

export function matchXrayService(service: XrayService, mesh: string, has: Has): XrayMatch {
  if (service.type === "client") return { kind: "client", name: service.name || "client" };
  const names = [service.name, ...service.names.filter((n) => n !== service.name)];
  for (const name of names) {
    const slash = name.indexOf("/");
    if (slash <= 0 || name.slice(0, slash) !== mesh) continue;
    const resource = name.slice(slash + 1);
    if (has("VirtualNode", resource)) return { kind: "VirtualNode", name: resource };
    if (has("VirtualGateway", resource)) return { kind: "VirtualGateway", name: resource };
  }
  if (service.type === "remote") {
    for (const name of names) {
      // "color.demo.local", "color.demo.local:8080", "http://color.demo.local/…" all name the service.
      const host = name.replace(/^[a-z]+:\/\//i, "").replace(/[:/].*$/, "");
      if (has("VirtualService", name)) return { kind: "VirtualService", name };
      if (host && has("VirtualService", host)) return { kind: "VirtualService", name: host };
    }
    return { kind: "remote", name: service.name };
  }
  // An Envoy of this mesh the map does not know (not in the definitions) is still the mesh's node.
  if (service.type === "AWS::AppMesh::Proxy" && service.name.startsWith(`${mesh}/`)) return { kind: "VirtualNode", name: service.name.slice(mesh.length + 1) };
  return { kind: "external", name: service.name };
}
