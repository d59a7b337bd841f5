// The keys a dialect allows at one level of a document (a Kubernetes object's top level, a
// CloudFormation resource's attributes): the others are reported as unknown, and a confident
// misspelling of the one that holds the spec is returned, so its value is still checked as the spec.
import { isScalar, type Node, type YAMLMap } from "yaml";
import { DiagnosticCode } from "../diagnosticCodes";
import { closest, confidentMatch } from "../didYouMean";
import { spanOf } from "../source/yamlText";
import type { DocumentContext } from "./documentContext";

export function checkKnownKeys(
  ctx: DocumentContext,
  map: YAMLMap,
  known: readonly string[],
  /** The key whose value is the spec (spec, Properties). */
  specKey: string,
  /** "field" or "resource attribute", for the message. */
  what: string,
): { key: Node; value: Node | null } | undefined {
  let found: { key: Node; value: Node | null } | undefined;
  for (const pair of map.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== "string" || known.includes(pair.key.value)) continue;
    const key = pair.key.value;
    const suggestion = closest(key, known);
    ctx.diagnostics.push({
      span: spanOf(pair.key as Node)!,
      severity: "error",
      code: DiagnosticCode.unknownKey,
      message: `Unknown ${what} "${key}".${suggestion ? ` Did you mean "${suggestion}"?` : ` Expected one of: ${known.join(", ")}.`}`,
      data: { key, suggestion },
    });
    if (!found && confidentMatch(key, known) === specKey) found = { key: pair.key as Node, value: (pair.value as Node | null) ?? null };
  }
  return found;
}
