// Hover: a field's description with its type, allowed values and range; on a reference, a summary
// of the resource it points to.
import type { Hover } from "vscode-languageserver";
import { cursorAt } from "../model/cursor";
import { isKnown, type MeshResource } from "../model/resources";
import { routeType } from "../model/routeSemantics";
import { listenersOf } from "../model/semantics/resourceChecks";
import { displayName, type WorkspaceIndex } from "../model/workspaceIndex";
import { describeShape } from "./schemaText";

export function hover(index: WorkspaceIndex, uri: string, offset: number): Hover | undefined {
  const file = index.get(uri);
  if (!file) return undefined;
  for (const resource of file.resources) {
    for (const reference of resource.references) {
      if (reference.span.start <= offset && offset <= reference.span.end) {
        const resolution = index.resolve(reference);
        if (resolution && "resource" in resolution) return { contents: { kind: "markdown", value: summarise(resolution.resource) } };
        if (resolution && "live" in resolution) return { contents: { kind: "markdown", value: `**${reference.kind}** \`${reference.name}\` — exists in the live mesh.` } };
      }
    }
  }
  const entry = file.documents.find(({ document }) => document.range[0] <= offset && offset <= document.range[2]);
  if (!entry) return undefined;
  const ctx = cursorAt(entry.document, offset);
  if (!ctx?.field || ctx.on === "none") return undefined;
  const { field, view } = ctx;
  const lines = [`**${field.key}**${field.required ? " (required)" : ""} — ${describeShape(view, field.shape)}`];
  const description = view.describe(ctx.shape, field.member);
  if (description) lines.push("", description);
  const shapeDescription = view.describe(field.shape);
  if (shapeDescription && shapeDescription !== description) lines.push("", shapeDescription);
  return { contents: { kind: "markdown", value: lines.join("\n") } };
}

function summarise(resource: MeshResource): string {
  const lines = [`**${resource.kind}** \`${displayName(resource)}\``];
  if (isKnown(resource.meshName)) lines.push(`- mesh: \`${resource.meshName}\``);
  if (resource.dialect === "kubernetes" && isKnown(resource.name)) lines.push(`- name in AWS: \`${resource.name}\``);
  const listeners = listenersOf(resource.spec).filter((l) => l.port !== undefined);
  if (listeners.length) lines.push(`- listeners: ${listeners.map((l) => `${l.port}/${l.protocol ?? "?"}`).join(", ")}`);
  const discovery = resource.spec.serviceDiscovery as Record<string, Record<string, unknown>> | undefined;
  if (discovery?.dns) lines.push(`- DNS: \`${String(discovery.dns.hostname)}\``);
  if (discovery?.awsCloudMap) lines.push(`- Cloud Map: \`${String(discovery.awsCloudMap.serviceName)}\` in \`${String(discovery.awsCloudMap.namespaceName)}\``);
  const provider = resource.spec.provider as Record<string, Record<string, unknown>> | undefined;
  if (provider?.virtualNode) lines.push(`- provider: virtual node \`${String(provider.virtualNode.virtualNodeName)}\``);
  if (provider?.virtualRouter) lines.push(`- provider: virtual router \`${String(provider.virtualRouter.virtualRouterName)}\``);
  const type = routeType(resource.spec);
  if (type) lines.push(`- route type: ${type}`);
  lines.push(`- defined in \`${resource.uri.slice(resource.uri.lastIndexOf("/") + 1)}\``);
  return lines.join("\n");
}
