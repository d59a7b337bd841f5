// The migration report: for every App Mesh resource and member that matters, whether it is
// mapped, mapped with a change (and what changes), or not carried over (and the nearest
// workaround), each with where it came from; a summary on top with the cut-over order; and, when
// an earlier run is given, what changed since.
import { resourceLabel, type Origin, type SourceResource } from "./migrationSource";

export type Disposition = "mapped" | "changed" | "dropped";

export interface ReportEntry {
  resource: string;
  /** The member of the resource's spec ("httpRoute.retryPolicy"), or "" for the resource itself. */
  member: string;
  disposition: Disposition;
  /** What happens to it: the target it becomes, or what changes. */
  note: string;
  /** For what is not carried over: the nearest way to get it. */
  workaround?: string;
  origin?: Origin;
}

export const TARGET_TITLES = {
  "service-connect": "Amazon ECS Service Connect",
  "vpc-lattice": "Amazon VPC Lattice",
  "gateway-api": "Gateway API with the AWS Gateway API Controller",
} as const;
export type MigrationTarget = keyof typeof TARGET_TITLES;

/** Collects entries while a translator runs. */
export class Reporter {
  readonly entries: ReportEntry[] = [];

  mapped(resource: SourceResource, member: string, note: string): void {
    this.add(resource, member, "mapped", note);
  }

  changed(resource: SourceResource, member: string, note: string): void {
    this.add(resource, member, "changed", note);
  }

  dropped(resource: SourceResource, member: string, note: string, workaround: string): void {
    this.add(resource, member, "dropped", note, workaround);
  }

  private add(resource: SourceResource, member: string, disposition: Disposition, note: string, workaround?: string): void {
    this.entries.push({ resource: resourceLabel(resource), member, disposition, note, ...(workaround ? { workaround } : {}), ...(resource.origin ? { origin: resource.origin } : {}) });
  }
}

/** One line of an entry, the same every run for the same input (what "changed since" compares). */
export function entryKey(entry: ReportEntry): string {
  return `${entry.disposition} ${entry.resource}${entry.member ? ` ${entry.member}` : ""}: ${entry.note}${entry.workaround ? ` — ${entry.workaround}` : ""}`;
}

const HEADINGS: Record<Disposition, string> = { mapped: "Mapped", changed: "Mapped with a change", dropped: "Not carried over" };

export interface ReportInput {
  meshName: string;
  target: MigrationTarget;
  entries: ReportEntry[];
  /** Servers before clients. */
  cutOver: string[];
  /** Generated file names. */
  files: string[];
  /** The entries of the previous run for this mesh and target, if any. */
  previous?: string[];
  /** How a link to an origin is written (a file URI with its line, or the live resource). */
  link?: (origin: Origin) => string;
  /** Steps particular to the target, after the cut-over order. */
  steps?: string[];
}

export function reportMarkdown(input: ReportInput): string {
  const { entries } = input;
  const count = (d: Disposition) => entries.filter((e) => e.disposition === d).length;
  const resources = new Set(entries.map((e) => e.resource));
  const undecided = [...new Set(entries.filter((e) => e.disposition === "dropped").map((e) => e.resource))];
  const out: string[] = [];
  out.push(`# Migrating mesh ${input.meshName} to ${TARGET_TITLES[input.target]}`, "");
  out.push(`App Mesh reached end of support on 2026-09-30. This report goes with ${input.files.map((f) => `\`${f}\``).join(", ")}.`, "");
  out.push("## Summary", "");
  out.push(`- ${resources.size} resources read: ${count("mapped")} members mapped as they are, ${count("changed")} mapped with a change, ${count("dropped")} not carried over.`);
  out.push(
    undecided.length
      ? `- Needs a decision: ${undecided.length} resource${undecided.length === 1 ? "" : "s"} (${undecided.slice(0, 8).join(", ")}${undecided.length > 8 ? ", …" : ""}) use features the target does not have; each is listed below with the nearest workaround.`
      : "- Nothing needs a decision: every member carries over.",
  );
  const since = input.previous ? changedSince(entries, input.previous) : undefined;
  if (since) {
    const { added, removed } = since;
    out.push(added.length || removed.length ? `- Since the last run: ${added.length} line${added.length === 1 ? "" : "s"} new, ${removed.length} gone (listed at the end).` : "- Since the last run: no change.");
  }
  out.push("", "## Cut-over order", "");
  out.push("Move servers before their clients: a node after every node it calls.", "");
  input.cutOver.forEach((node, i) => out.push(`${i + 1}. VirtualNode ${node}`));
  if (input.steps?.length) out.push("", "Before the cut-over:", "");
  for (const step of input.steps ?? []) out.push(`- ${step}`);
  for (const disposition of ["dropped", "changed", "mapped"] as const) {
    const group = entries.filter((e) => e.disposition === disposition);
    if (!group.length) continue;
    out.push("", `## ${HEADINGS[disposition]} (${group.length})`, "");
    for (const e of group) {
      const where = e.origin && input.link ? ` ([source](${input.link(e.origin)}))` : "";
      const member = e.member ? ` \`${e.member}\`` : "";
      out.push(`- **${e.resource}**${member}: ${e.note}${e.workaround ? ` Workaround: ${e.workaround}` : ""}${where}`);
    }
  }
  if (since) {
    const { added, removed } = since;
    if (added.length || removed.length) {
      out.push("", "## Changed since the last run", "");
      for (const line of added) out.push(`- new: ${line}`);
      for (const line of removed) out.push(`- gone: ${line}`);
    }
  }
  return `${out.join("\n")}\n`;
}

/** The report lines new since `previous`, and those gone. */
function changedSince(entries: ReportEntry[], previous: string[]): { added: string[]; removed: string[] } {
  const now = new Set(entries.map(entryKey));
  const before = new Set(previous);
  return { added: [...now].filter((k) => !before.has(k)), removed: [...before].filter((k) => !now.has(k)) };
}
