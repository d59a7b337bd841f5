// Canary promotion in definition files: a code lens above the `weightedTargets` of every route with
// two or more weighted targets (Kubernetes VirtualRouter routes, CloudFormation AWS::AppMesh::Route,
// API-shape route files), and the edits that write new weights. Both read the index's parse as it
// stands (nothing is parsed again), and an edit replaces only the weight values, by their spans, as
// the "scale the weights to 100" quick fix does: comments, formatting and key order stay.
import type { CodeLens, TextEdit } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { canaryRoles, sharesOf, weightProblem } from "../model/routeWeights";
import { routeType, weightedTargets } from "../model/routeSemantics";
import { isKnown, type MeshResource } from "../model/resources";
import { hasPlaceholder } from "../model/source/yamlText";
import { displayName, type WorkspaceIndex } from "../model/workspaceIndex";
import {
  PROMOTE_CANARY_IN_FILE_COMMAND,
  type PromoteCanaryInFileArgs,
  type RouteIdentity,
  type RouteTargetWeight,
  type RouteWeightEditsParams,
  type RouteWeightEditsResult,
} from "../protocol/messages";
import { toRange, type Positioner } from "./positions";

/** A route of a file as the lens and the edits see it. */
interface CanaryRoute {
  resource: MeshResource;
  identity: RouteIdentity;
  /** API path of the weighted targets, "spec.httpRoute.action.weightedTargets". */
  path: string;
  targets: RouteTargetWeight[];
}

/** One lens per route with two or more weighted targets, above its `weightedTargets` key. */
export function canaryCodeLenses(index: WorkspaceIndex, doc: Positioner & { uri: string }): CodeLens[] {
  const file = index.get(doc.uri);
  if (!file?.isAppMesh) return [];
  const lenses: CodeLens[] = [];
  for (const route of routesOf(index, doc.uri)) {
    if (route.targets.length < 2) continue;
    const key = route.resource.keySpans.get(route.path);
    if (!key) continue;
    const args: PromoteCanaryInFileArgs = { uri: doc.uri, route: route.identity, targets: route.targets };
    lenses.push({ range: toRange(doc, key), command: { title: lensTitle(route.targets), command: PROMOTE_CANARY_IN_FILE_COMMAND, arguments: [args] } });
  }
  return lenses;
}

/** "Promote Canary (color-v2 10 %)": the canaries' shares; every target's when the baseline is not clear. */
export function lensTitle(targets: RouteTargetWeight[]): string {
  const weights = targets.map((t) => t.weight);
  if (weights.some((w) => w === null)) return "Promote Canary (weights not literal)";
  const numbers = weights as number[];
  const roles = canaryRoles(numbers)!;
  const shares = sharesOf(numbers);
  const shown = roles.ambiguous ? targets.map((_, i) => i) : roles.canaries;
  return `Promote Canary (${shown.map((i) => `${targets[i].node} ${Math.round(shares[i] * 1000) / 10} %`).join(" · ")})`;
}

/**
 * The edits that give the route `params.weights`, or, without weights, an empty edit list with the
 * route's targets (a check that it can be edited). `openVersion` is the open document's version,
 * undefined when the server knows the file from disk only.
 */
export function routeWeightEdits(index: WorkspaceIndex, params: RouteWeightEditsParams, openVersion: number | undefined): RouteWeightEditsResult {
  const file = index.get(params.uri);
  const name = params.route.routeName;
  if (!file?.isAppMesh) return { refused: `${fileName(params.uri)} holds no App Mesh definitions now.` };
  const route = findRoute(index, params.uri, params.route);
  if (!route) return { refused: `Route ${name} is no longer in ${fileName(params.uri)}: the file changed. Nothing was edited.` };
  const text = file.text;
  const spec = route.resource.spec;
  const list = route.resource.valueSpans.get(route.path);
  if (!route.targets.length) {
    const written = list ? text.slice(list.start, list.end).trim() : "";
    if (written && hasPlaceholder(written)) return { refused: `Route ${name}'s weighted targets are a placeholder (${clip(written)}); edit the values it is filled from instead.` };
    return { refused: `Route ${name} has no weighted targets written out in ${fileName(params.uri)}.` };
  }
  if (route.targets.length < 2) return { refused: `Route ${name} is not a canary: it has one weighted target.` };
  const type = routeType(spec)!;
  const valueSpans = route.targets.map((_, i) => route.resource.valueSpans.get(`spec.${type}.action.weightedTargets.${i}.weight`));
  for (const [i, target] of route.targets.entries()) {
    if (target.weight !== null) continue;
    const problem = notLiteral(route.resource, text, `spec.${type}.action.weightedTargets.${i}.weight`);
    return { refused: `Route ${name}: the weight of ${target.node} ${problem}` };
  }
  if (valueSpans.some((s) => !s)) return { refused: `Route ${name}: a weight's place in the file is not known.` };
  const version = openVersion ?? null;
  if (params.weights === undefined) return { edits: [], version, targets: route.targets };
  const weights = params.weights;
  if (!Array.isArray(weights) || weights.some((w) => typeof w !== "number")) return { refused: "The new weights are not a list of numbers." };
  if (weights.length !== route.targets.length) {
    return { refused: `Route ${name} has ${route.targets.length} weighted targets in the file now, not ${weights.length}: the file changed. Nothing was edited.` };
  }
  const problem = weightProblem(weights);
  if (problem) return { refused: `App Mesh would refuse these weights: ${problem}.` };
  const positions = TextDocument.create(params.uri, "yaml", 0, text);
  const edits: TextEdit[] = [];
  weights.forEach((weight, i) => {
    if (weight === route.targets[i].weight) return;
    edits.push({ range: toRange(positions, valueSpans[i]!), newText: String(weight) });
  });
  return { edits, version, targets: route.targets };
}

/** The file's routes, in the order written, with their identity and targets. */
function routesOf(index: WorkspaceIndex, uri: string): CanaryRoute[] {
  const file = index.get(uri);
  if (!file) return [];
  index.resources(); // the analysis (cached after the edit that changed the file) assigns Kubernetes meshes
  return file.resources
    .filter((r) => r.kind === "Route")
    .map((resource, i) => {
      const type = routeType(resource.spec);
      return {
        resource,
        identity: {
          ...(isKnown(resource.meshName) ? { meshName: resource.meshName } : {}),
          ...(isKnown(resource.parentName) ? { routerName: resource.parentName } : {}),
          routeName: displayName(resource),
          index: i,
        },
        path: `spec.${type}.action.weightedTargets`,
        targets: type ? weightedTargets(resource.spec).map((t) => ({ node: nodeName(index, resource, t.index, t.virtualNode), weight: typeof t.weight === "number" ? t.weight : null })) : [],
      };
    });
}

/** The route `identity` names: by its names; the index picks among several that match (or the first). */
function findRoute(index: WorkspaceIndex, uri: string, identity: RouteIdentity): CanaryRoute | undefined {
  const routes = routesOf(index, uri);
  const matches = (route: CanaryRoute) =>
    route.identity.routeName === identity.routeName &&
    (identity.routerName === undefined || route.identity.routerName === undefined || route.identity.routerName === identity.routerName) &&
    (identity.meshName === undefined || route.identity.meshName === undefined || route.identity.meshName === identity.meshName);
  const at = typeof identity.index === "number" ? routes[identity.index] : undefined;
  if (at && matches(at)) return at;
  const found = routes.filter(matches);
  if (typeof identity.index !== "number") return found[0];
  return found.sort((a, b) => Math.abs(a.identity.index! - identity.index!) - Math.abs(b.identity.index! - identity.index!))[0];
}

/**
 * A target's node as the file means it: a Kubernetes virtualNodeRef's object name, an API name as
 * written, a CloudFormation !GetAtt's resolved name (else its logical id).
 */
function nodeName(index: WorkspaceIndex, route: MeshResource, i: number, written: unknown): string {
  const path = `${routeType(route.spec)}.action.weightedTargets.${i}.virtualNode`;
  const reference = route.references.find((r) => r.path === path || r.path === `spec.${path}`);
  if (route.dialect === "kubernetes" && reference) return reference.name;
  if (typeof written === "string") return written;
  if (reference) {
    const resolution = index.resolve(reference);
    if (resolution && "resource" in resolution && isKnown(resolution.resource.name)) return resolution.resource.name;
    return reference.name;
  }
  return `target ${i + 1}`;
}

/** Why a weight is not a literal number: "is a placeholder (${W}), so …", "is a CloudFormation intrinsic function (!Ref W), so …". */
function notLiteral(route: MeshResource, text: string, path: string): string {
  const key = route.keySpans.get(path);
  const value = route.valueSpans.get(path);
  if (!value) return "is missing; add the weights to the file first.";
  // From the key on, so that a tag before the value (`!Ref W`) is part of what is written.
  const written = text
    .slice(key ? key.end : value.start, value.end)
    .replace(/^["']?\s*:?\s*/, "")
    .trim();
  const elsewhere = "so it cannot be edited here: change it where its value comes from.";
  if (hasPlaceholder(written)) return `is a placeholder (${clip(written)}), ${elsewhere}`;
  if (route.dialect === "cloudformation" && (/^!/.test(written) || /\b(Ref|Fn::\w+|Condition)\b/.test(written))) return `is a CloudFormation intrinsic function (${clip(written)}), ${elsewhere}`;
  return `is not a whole number (${clip(written)}); fix it in the file first.`;
}

const clip = (text: string) => {
  const line = text.replace(/\s+/g, " ");
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
};

const fileName = (uri: string) => decodeURIComponent(uri.slice(uri.lastIndexOf("/") + 1));
