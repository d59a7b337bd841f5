// Update File from Live: the text edits that make one resource of a definition file hold the live
// spec, rewriting only the members that differ, in the file's own dialect and indentation, so that
// comments and formatting elsewhere stay as written. The new text of each member comes from the
// dialect's writer (the live resource written the file's way, then read back for its spans); the
// result is read back too and must hold exactly the live spec, with every other resource of the
// file unchanged, or nothing is edited.
import { sameSpec } from "../normalize";
import { JSON_FILE } from "../parseDefinitions";
import { isKnown, type MeshResource, type ResourceKind, type Span } from "../resources";
import { specChanges, type FieldChange } from "../specChanges";
import { hasPlaceholder } from "../source/yamlText";
import { WorkspaceIndex } from "../workspaceIndex";
import { toApiShape, toCloudFormation, toKubernetes, toYaml } from "./writers";

export interface TextSpanEdit {
  span: Span;
  newText: string;
}

export type SpecFromLive = { edits: TextSpanEdit[]; changes: FieldChange[] } | { refused: string };

/** What else the workspace holds for the resource's mesh: references are named and read through it. */
export interface WorkspaceContext {
  /** The other resources of the mesh (a rewritten reference names its target as the workspace does). */
  others: MeshResource[];
  /** The other files defining them (the edited file is read back among them). */
  files: { uri: string; text: string }[];
}

/** `resource` is the file's definition, from an index holding `text` at `resource.uri`. */
export function specFromLive(text: string, resource: MeshResource, liveSpec: Record<string, unknown>, context: WorkspaceContext = { others: [], files: [] }): SpecFromLive {
  const kind = resource.kind;
  const changes = specChanges(kind, resource.spec, liveSpec);
  if (!changes.length) return { edits: [], changes };
  const rendered = renderLive(resource, liveSpec, context.others);
  if (!rendered) return { refused: `${label(resource)} could not be written as ${resource.dialect} text.` };

  // JSON is all flow collections: members and items there are rewritten with their collection.
  const edits: TextSpanEdit[] = [];
  for (const target of rewriteTargets(changes, text, resource)) {
    const edit = editFor(target, text, resource, rendered);
    if ("refused" in edit) return edit;
    edits.push(edit);
  }
  const checked = check(text, resource, liveSpec, edits, context.files);
  return checked ?? { edits, changes };
}

interface Target {
  keys: (string | number)[];
  kind: "replace" | "add" | "remove";
}

/** Each change as one rewrite; list items added or removed rewrite their list, and a rewrite covers all below it. */
function rewriteTargets(changes: FieldChange[], text: string, resource: MeshResource): Target[] {
  const targets: Target[] = [];
  for (const change of changes) {
    const last = change.keys[change.keys.length - 1];
    let target: Target;
    if (change.change === "changed") target = { keys: change.keys, kind: "replace" };
    else if (change.keys.length === 0) target = { keys: [], kind: "replace" };
    else if (typeof last === "number") target = isJson(resource.uri) ? { keys: change.keys, kind: change.change === "added" ? "add" : "remove" } : listItemTarget(change, text, resource);
    else target = { keys: change.keys, kind: change.change === "added" ? "add" : "remove" };
    // A member inside a flow collection ({ a: 1 }) cannot be added or removed by lines: rewrite the collection.
    // A member inside a YAML flow collection ({ a: 1 }) is rewritten with its collection; JSON's are edited in place.
    if (target.kind !== "replace" && !isJson(resource.uri) && isFlow(text, resource.valueSpans.get(pathOf(target.keys.slice(0, -1))))) target = { keys: target.keys.slice(0, -1), kind: "replace" };
    targets.push(target);
  }
  const covered = (inner: Target, outer: Target) => outer !== inner && outer.kind === "replace" && outer.keys.length <= inner.keys.length && outer.keys.every((k, i) => k === inner.keys[i]);
  const unique = targets.filter((t, i) => targets.findIndex((u) => pathOf(u.keys) === pathOf(t.keys) && u.kind === t.kind) === i);
  return unique.filter((t) => !unique.some((outer) => covered(t, outer)));
}

/**
 * An item added at the end of a block list is appended, one removed is taken out by its lines;
 * anything else rewrites the list (items are matched by position, so a change in the middle
 * moves every item after it).
 */
function listItemTarget(change: FieldChange, text: string, resource: MeshResource): Target {
  const list = { keys: change.keys.slice(0, -1), kind: "replace" as const };
  const listSpan = resource.valueSpans.get(pathOf(list.keys));
  if (!listSpan || isFlow(text, listSpan)) return list;
  const index = change.keys[change.keys.length - 1] as number;
  const path = pathOf(change.keys);
  const previous = resource.valueSpans.get(pathOf([...list.keys, index - 1]));
  if (change.change === "added") return previous && dashBefore(text, previous.start) ? { keys: change.keys, kind: "add" } : list;
  const item = resource.valueSpans.get(path);
  return item && dashBefore(text, item.start) ? { keys: change.keys, kind: "remove" } : list;
}

/** Whether the item at `offset` starts its own line with "- ". */
function dashBefore(text: string, offset: number): boolean {
  return /^[ \t]*-[ \t]+$/.test(text.slice(lineStartOf(text, offset), offset));
}

interface Rendered {
  text: string;
  resource: MeshResource;
}

function editFor(target: Target, text: string, resource: MeshResource, rendered: Rendered): TextSpanEdit | { refused: string } {
  const path = pathOf(target.keys);
  const shown = shownPath(target.keys);
  const fileKey = resource.keySpans.get(path);
  const fileValue = resource.valueSpans.get(path);
  // From the key on, so that a tag before the value (`!Sub "…"`) is part of what is written.
  const written = fileValue ? text.slice(fileKey ? fileKey.end : fileValue.start, fileValue.end).replace(/^["']?\s*:\s*/, "") : "";
  if (target.kind === "add" && fileValue) {
    // Written in the file, yet not in its spec: a value that cannot be known (a placeholder, an intrinsic function).
    return { refused: `${shown} is written as ${describeWritten(written)} in ${fileName(resource.uri)}; update it by hand.` };
  }
  // Taking a member out loses nothing live has; overwriting a value that cannot be known would.
  if (target.kind !== "remove" && fileValue && unknowable(written)) {
    return { refused: `${shown} in ${fileName(resource.uri)} holds ${describeWritten(written)}, which this would overwrite; update it by hand.` };
  }
  const last = target.keys[target.keys.length - 1];
  if (target.kind !== "replace" && isJson(resource.uri)) return jsonMemberEdit(target, text, resource, rendered);
  if (typeof last === "number" && target.kind !== "replace") return listItemEdit(target, last, text, resource, rendered);
  if (target.kind === "remove") {
    if (!fileKey || !fileValue) return { refused: `${shown}: its place in ${fileName(resource.uri)} is not known.` };
    const start = lineStartOf(text, fileKey.start);
    // Only a member that starts its own line can go by lines (not the first member of a "- " item).
    if (text.slice(start, fileKey.start).trim() !== "") return editFor({ keys: target.keys.slice(0, -1), kind: "replace" }, text, resource, rendered);
    return { span: { start, end: lineEndOf(text, fileValue.end, true) }, newText: "" };
  }
  const renderedKey = rendered.resource.keySpans.get(path);
  const renderedValue = rendered.resource.valueSpans.get(path);
  if (!renderedValue) return { refused: `${shown}: the live value could not be placed in ${fileName(resource.uri)}.` };
  if (target.kind === "add") {
    const parentPath = pathOf(target.keys.slice(0, -1));
    const siblings = [...resource.keySpans.entries()].filter(([p]) => isChildOf(p, parentPath));
    if (!siblings.length || !renderedKey) return editFor({ keys: target.keys.slice(0, -1), kind: "replace" }, text, resource, rendered);
    // After the last member of the parent, at the members' indentation.
    const lastValueEnd = Math.max(...siblings.map(([p, span]) => resource.valueSpans.get(p)?.end ?? span.end));
    const column = Math.max(...siblings.map(([, span]) => columnOf(text, span.start)));
    const at = lineEndOf(text, lastValueEnd, false);
    const member = reindent(rendered.text.slice(renderedKey.start, renderedValue.end).trimEnd(), columnOf(rendered.text, renderedKey.start), column);
    return { span: { start: at, end: at }, newText: `\n${" ".repeat(column)}${member}` };
  }
  // replace
  if (!fileValue) {
    if (target.keys.length === 0) return { refused: `${label(resource)} has no spec written out to update.` };
    return editFor({ keys: target.keys, kind: "add" }, text, resource, rendered);
  }
  // A block value's span can end with its line break: keep the file's own, take none from the rendering.
  const renderedText = rendered.text.slice(renderedValue.start, renderedValue.end).trimEnd();
  const trailing = /\s*$/.exec(text.slice(fileValue.start, fileValue.end))![0];
  const block = renderedKey && lineOf(rendered.text, renderedKey.start) !== lineOf(rendered.text, renderedValue.start);
  const fileOnKeyLine = fileKey && lineOf(text, fileKey.start) === lineOf(text, fileValue.start);
  if (block && fileOnKeyLine && fileKey) {
    const column = columnOf(text, fileKey.start) + 2;
    return { span: fileValue, newText: `\n${" ".repeat(column)}${reindent(renderedText, columnOf(rendered.text, renderedValue.start), column)}${trailing}` };
  }
  return { span: fileValue, newText: reindent(renderedText, columnOf(rendered.text, renderedValue.start), columnOf(text, fileValue.start)) + trailing };
}

/** An item appended after the list's last one (as "- " at its column), or an item's lines taken out. */
function listItemEdit(target: Target, index: number, text: string, resource: MeshResource, rendered: Rendered): TextSpanEdit | { refused: string } {
  const path = pathOf(target.keys);
  if (target.kind === "remove") {
    const item = resource.valueSpans.get(path)!;
    return { span: { start: lineStartOf(text, item.start), end: lineEndOf(text, item.end, true) }, newText: "" };
  }
  const previous = resource.valueSpans.get(pathOf([...target.keys.slice(0, -1), index - 1]))!;
  const renderedItem = rendered.resource.valueSpans.get(path);
  if (!renderedItem) return { refused: `${shownPath(target.keys)}: the live value could not be placed in ${fileName(resource.uri)}.` };
  const itemColumn = columnOf(text, previous.start);
  const dashColumn = text.slice(lineStartOf(text, previous.start), previous.start).indexOf("-");
  const at = lineEndOf(text, previous.end, false);
  const item = reindent(rendered.text.slice(renderedItem.start, renderedItem.end).trimEnd(), columnOf(rendered.text, renderedItem.start), itemColumn);
  return { span: { start: at, end: at }, newText: `\n${" ".repeat(dashColumn)}-${" ".repeat(itemColumn - dashColumn - 1)}${item}` };
}

/**
 * A member (or list item) added after the last one of its JSON object (or list), or one taken out
 * with the comma that joins it; an empty collection, or its only member, is rewritten whole.
 */
function jsonMemberEdit(target: Target, text: string, resource: MeshResource, rendered: Rendered): TextSpanEdit | { refused: string } {
  const parentKeys = target.keys.slice(0, -1);
  const parentPath = pathOf(parentKeys);
  const whole = () => editFor({ keys: parentKeys, kind: "replace" }, text, resource, rendered);
  const members = [...resource.valueSpans.entries()].filter(([p]) => isChildOf(p, parentPath)).sort((a, b) => a[1].start - b[1].start);
  const path = pathOf(target.keys);
  if (target.kind === "remove") {
    const at = members.findIndex(([p]) => p === path);
    if (at < 0 || members.length < 2) return whole();
    const own = resource.keySpans.get(path);
    const start = typeof target.keys[target.keys.length - 1] === "number" || !own ? members[at][1].start : own.start;
    // The last member goes with the comma before it; any other with the comma after it.
    if (at === members.length - 1) return { span: { start: members[at - 1][1].end, end: members[at][1].end }, newText: "" };
    const nextKey = resource.keySpans.get(members[at + 1][0]);
    return { span: { start, end: nextKey && !/\.\d+$/.test(members[at + 1][0]) ? nextKey.start : members[at + 1][1].start }, newText: "" };
  }
  const lastMember = members[members.length - 1];
  const renderedValue = rendered.resource.valueSpans.get(path);
  if (!lastMember || !renderedValue) return whole();
  const item = typeof target.keys[target.keys.length - 1] === "number";
  const renderedKey = rendered.resource.keySpans.get(path);
  const from = item || !renderedKey ? renderedValue.start : renderedKey.start;
  const lastStart = item ? lastMember[1].start : (resource.keySpans.get(lastMember[0]) ?? lastMember[1]).start;
  const column = columnOf(text, lastStart);
  const member = reindent(rendered.text.slice(from, renderedValue.end).trimEnd(), columnOf(rendered.text, from), column);
  const onOwnLine = text.slice(lineStartOf(text, lastStart), lastStart).trim() === "";
  return { span: { start: lastMember[1].end, end: lastMember[1].end }, newText: onOwnLine ? `,\n${" ".repeat(column)}${member}` : `, ${member}` };
}

/** The live resource written the file's way and read back (for the spans of its members). */
function renderLive(resource: MeshResource, liveSpec: Record<string, unknown>, others: MeshResource[]): Rendered | undefined {
  const live: MeshResource = { ...resource, spec: liveSpec };
  let text: string;
  const json = isJson(resource.uri);
  if (resource.dialect === "kubernetes") {
    const sameMesh = others.filter((o) => o.dialect === "kubernetes" && o !== resource && !(o.kind === resource.kind && o.name === resource.name && o.parentName === resource.parentName));
    text = toYaml(toKubernetes([live, ...sameMesh.filter((o) => o.kind !== "Route")], resource.k8s?.namespace));
  } else if (resource.dialect === "cloudformation") text = json ? JSON.stringify(toCloudFormation([live]), null, 2) : toYaml([toCloudFormation([live])]);
  else text = json ? JSON.stringify(toApiShape(live), null, 2) : toYaml([toApiShape(live)]);
  const uri = `file:///update-from-live/rendered.${json ? "json" : "yaml"}`;
  const index = new WorkspaceIndex();
  index.set(uri, text);
  const found = index.resources().find((r) => r.uri === uri && r.kind === resource.kind && sameName(r.name, resource.name) && sameName(r.parentName, resource.parentName));
  return found ? { text, resource: found } : undefined;
}

/** The file after the edits, read back: the resource holds the live spec and nothing else moved. */
function check(text: string, resource: MeshResource, liveSpec: Record<string, unknown>, edits: TextSpanEdit[], files: WorkspaceContext["files"]): { refused: string } | undefined {
  const after = applyEdits(text, edits);
  const read = (t: string) => {
    const index = new WorkspaceIndex();
    for (const file of files) if (file.uri !== resource.uri) index.set(file.uri, file.text);
    index.set(resource.uri, t);
    return index.resources().filter((r) => r.uri === resource.uri);
  };
  const before = read(text);
  const now = read(after);
  const same = (a: MeshResource, b: MeshResource) => a.kind === b.kind && sameName(a.name, b.name) && sameName(a.parentName, b.parentName);
  const mine = now.find((r) => same(r, resource));
  const failed = { refused: `${fileName(resource.uri)} could not be rewritten so that ${label(resource)} reads exactly as live; nothing was edited. Use Compare with Live Resource and edit it by hand.` };
  if (!mine || !sameSpec(resource.kind, mine.spec, liveSpec) || now.length !== before.length) return failed;
  for (const other of before) {
    if (same(other, resource)) continue;
    const kept = now.find((r) => same(r, other));
    if (!kept || !sameSpec(other.kind, kept.spec, other.spec)) return failed;
  }
  return undefined;
}

export function applyEdits(text: string, edits: TextSpanEdit[]): string {
  let out = "";
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    out += text.slice(at, edit.span.start) + edit.newText;
    at = edit.span.end;
  }
  return out + text.slice(at);
}

const pathOf = (keys: (string | number)[]) => ["spec", ...keys].join(".");
/** "listeners[0].portMapping", as the confirmation of a live edit writes paths. */
const shownPath = (keys: (string | number)[]) => keys.map((k, i) => (typeof k === "number" ? `[${k}]` : i ? `.${k}` : k)).join("") || "spec";
const isChildOf = (path: string, parent: string) => path.startsWith(`${parent}.`) && !path.slice(parent.length + 1).includes(".");
const isJson = (uri: string) => JSON_FILE.test(uri.replace(/[?#].*$/, ""));
const sameName = (a: unknown, b: unknown) => (isKnown(a) ? a : undefined) === (isKnown(b) ? b : undefined);
const fileName = (uri: string) => decodeURIComponent(uri.slice(uri.lastIndexOf("/") + 1));
const label = (r: MeshResource) => `${r.kind as ResourceKind} ${isKnown(r.name) ? r.name : "(unnamed)"}`;

function isFlow(text: string, span: Span | undefined): boolean {
  return !!span && /^[{[]/.test(text.slice(span.start, span.end).trimStart());
}

function unknowable(written: string): boolean {
  return hasPlaceholder(written) || /(^|\s)!(Ref|Sub|GetAtt|Join|Select|If|FindInMap|ImportValue)\b|Fn::|"Ref"\s*:/.test(written);
}

function describeWritten(written: string): string {
  const line = written.replace(/\s+/g, " ").trim();
  const clipped = line.length > 50 ? `${line.slice(0, 47)}…` : line;
  if (/^!|Fn::|"Ref"\s*:/.test(line)) return `an intrinsic function (${clipped})`;
  return hasPlaceholder(written) ? `a placeholder (${clipped})` : `"${clipped}"`;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The end of the line holding `offset` (with its newline when `withNewline`). */
function lineEndOf(text: string, offset: number, withNewline: boolean): number {
  const end = text.indexOf("\n", Math.max(offset - 1, 0));
  if (end < 0) return text.length;
  return withNewline ? end + 1 : end;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** Lines after the first move from column `from` to column `to`. */
function reindent(value: string, from: number, to: number): string {
  const lines = value.split("\n");
  return [lines[0], ...lines.slice(1).map((line) => (line.trim() === "" ? "" : " ".repeat(to) + line.slice(Math.min(from, line.length - line.trimStart().length))))].join("\n");
}
