// Request bodies are checked by the project's own validator (the same rules the language server
// applies), so a spec the editor flags is a spec the sandbox refuses, with the same message.
import { parseDefinitions } from "../../model/parseDefinitions";
import type { ResourceKind, Span } from "../../model/resources";
import { ServiceError } from "../protocol";
import { KINDS } from "./kinds";

export interface RequestNames {
  meshName: string;
  parentName?: string;
  name: string;
}

/** Throws BadRequestException naming each problem's field path, or returns when the input is valid. */
export function validateInput(kind: ResourceKind, names: RequestNames, body: Record<string, unknown>): void {
  const input: Record<string, unknown> = { ...body, meshName: names.meshName, [KINDS[kind].nameKey]: names.name };
  const parent = KINDS[kind].parent;
  if (parent) input[KINDS[parent].nameKey] = names.parentName;
  if (input.spec === undefined) input.spec = {};
  const text = JSON.stringify(input, null, 1);
  const parsed = parseDefinitions("sandbox-request.json", text);
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) return;
  const resource = parsed.resources[0];
  const paths = resource ? [...resource.valueSpans, ...resource.keySpans] : [];
  const pathOf = (span: Span) => {
    let best: string | undefined;
    for (const [path, s] of paths) {
      if (s.start <= span.start && span.end <= s.end && (best === undefined || path.length > best.length)) best = path;
    }
    return best;
  };
  const problems = errors.map((d) => {
    const path = pathOf(d.span);
    return path ? `${path}: ${d.message}` : d.message;
  });
  throw new ServiceError("BadRequestException", 400, `${problems.length} validation error${problems.length === 1 ? "" : "s"}: ${problems.join(" ")}`);
}
