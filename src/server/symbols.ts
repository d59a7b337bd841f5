// Document outline: one symbol per App Mesh resource, routes nested under the router that holds them.
import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import type { MeshResource, ResourceKind } from "../model/resources";
import { displayName, type WorkspaceIndex } from "../model/workspaceIndex";
import { toRange, type Positioner } from "./positions";

const KIND: Record<ResourceKind, SymbolKind> = {
  Mesh: SymbolKind.Namespace,
  VirtualNode: SymbolKind.Class,
  VirtualService: SymbolKind.Interface,
  VirtualRouter: SymbolKind.Module,
  Route: SymbolKind.Method,
  VirtualGateway: SymbolKind.Module,
  GatewayRoute: SymbolKind.Method,
};

export function documentSymbols(index: WorkspaceIndex, uri: string, doc: Positioner): DocumentSymbol[] {
  const resources = index.get(uri)?.resources ?? [];
  const symbol = (r: MeshResource): DocumentSymbol => ({
    name: displayName(r),
    detail: r.kind,
    kind: KIND[r.kind],
    range: toRange(doc, r.span),
    selectionRange: toRange(doc, r.nameSpan),
    children: [],
  });
  const out: { resource: MeshResource; symbol: DocumentSymbol }[] = [];
  for (const resource of resources) {
    const parent = out.find((o) => o.resource !== resource && o.resource.span.start <= resource.span.start && resource.span.end <= o.resource.span.end);
    const entry = { resource, symbol: symbol(resource) };
    if (parent) parent.symbol.children!.push(entry.symbol);
    else out.push(entry);
  }
  return out.map((o) => o.symbol);
}
