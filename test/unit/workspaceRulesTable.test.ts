// The README's table of diagnostic codes is the rules table the code reports with: the same codes,
// severities and reasons, and every diagnostic code is in both.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DiagnosticCode } from "../../src/model/diagnosticCodes";
import { RULES, severityLabel } from "../../src/model/semantics/severities";

const README = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");

/** Rows of the README table whose first cell is a code: code → [severity, who rejects it]. */
function readmeRules(): Map<string, [string, string]> {
  const rows = new Map<string, [string, string]>();
  for (const line of README.split("\n")) {
    const row = /^\| `([a-z-]+)` \| (.+?) \| (.+) \|$/.exec(line.trim());
    if (!row) continue;
    assert.ok(!rows.has(row[1]), `${row[1]} appears once in the README table`);
    rows.set(row[1], [row[2], row[3]]);
  }
  return rows;
}

test("the README table states each code's severity and who rejects it, as RULES does", () => {
  const inCode = new Map(Object.entries(RULES).map(([code, rule]) => [code, [severityLabel(rule), rule.rejectedBy] as [string, string]]));
  assert.deepEqual(readmeRules(), inCode);
});

test("every diagnostic code has a rule and a README row", () => {
  const codes = Object.values(DiagnosticCode).sort();
  assert.deepEqual(Object.keys(RULES).sort(), codes);
  assert.deepEqual([...readmeRules().keys()].sort(), codes);
});

test("a rule's narrower case has another severity than the rule itself", () => {
  for (const [code, rule] of Object.entries(RULES)) {
    if (rule.except) assert.notEqual(rule.except.severity, rule.severity, code);
    assert.ok(rule.severity === "error" || /^nobody\b/.test(rule.rejectedBy) || rule.except?.severity === "error", `${code}: a non-error says why nobody rejects it`);
  }
});
