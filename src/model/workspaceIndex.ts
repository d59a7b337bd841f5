// All definition files of a workspace, parsed once each, plus an optional snapshot of live names.
// Answers what needs every file at once: which mesh a Kubernetes object joins, what a reference
// resolves to, who refers to a resource, and the cross-file diagnostics. The rules themselves live
// in semantics/; their severities come from one table (semantics/severities.ts).
import { parseDefinitions, type ParsedDefinitions } from "./parseDefinitions";
import type { MeshResource, ModelDiagnostic, Reference } from "./resources";
import { declaredNames, type DeclaredNames } from "./semantics/cloudFormationStacks";
import { reportDuplicates } from "./semantics/duplicates";
import { fileComponents } from "./semantics/fileComponents";
import { assignKubernetesMeshes } from "./semantics/kubernetesMeshes";
import { kubernetesRouterObjects } from "./semantics/kubernetesRouterObjects";
import type { LiveSnapshot } from "./semantics/liveSnapshot";
import { reportDuplicatePriorities } from "./semantics/priorities";
import { resolveReferences } from "./semantics/referenceResolution";
import { checkRoutes } from "./semantics/routeChecks";
import { ruleOf, severityOf } from "./semantics/severities";
import type { Report, Resolution, WorkspaceFacts } from "./semantics/workspaceFacts";

export { displayName } from "./semantics/identity";
export { isLiveMesh, liveMeshNames, liveNames, type LiveSnapshot } from "./semantics/liveSnapshot";
export type { Resolution } from "./semantics/workspaceFacts";

interface Analysis {
  diagnostics: Map<string, ModelDiagnostic[]>;
  resolutions: Map<Reference, Resolution>;
  definitions: Map<Reference, MeshResource[]>;
}

export class WorkspaceIndex {
  constructor(
    /** partition: false analyses every file together on each change (the reference the groups are tested against). */
    private readonly options: { partition?: boolean } = {},
  ) {}

  private readonly files = new Map<string, ParsedDefinitions>();
  private live: LiveSnapshot = { sources: [] };
  private analysis: Analysis | undefined;
  /** Each group of files' last analysis with the resources it was made from (see fileComponents). */
  private readonly groupAnalyses = new Map<string, { resources: MeshResource[]; analysis: Analysis }>();

  /** Parses (or re-parses) a file; returns its parse. */
  set(uri: string, text: string): ParsedDefinitions {
    const parsed = parseDefinitions(uri, text);
    this.files.set(uri, parsed);
    this.analysis = undefined;
    return parsed;
  }

  delete(uri: string): void {
    if (this.files.delete(uri)) this.analysis = undefined;
  }

  get(uri: string): ParsedDefinitions | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  setLive(snapshot: LiveSnapshot): void {
    this.live = snapshot;
    this.analysis = undefined;
    this.groupAnalyses.clear(); // live names change what resolves everywhere
  }

  resources(): MeshResource[] {
    this.analyse();
    return [...this.files.values()].flatMap((f) => f.resources);
  }

  /** The file's own diagnostics plus those that need the whole workspace, each at its rule's severity. */
  diagnostics(uri: string): ModelDiagnostic[] {
    const file = this.files.get(uri);
    if (!file) return [];
    return [...file.diagnostics.map(atRuleSeverity), ...(this.analyse().diagnostics.get(uri) ?? [])];
  }

  /** What a reference points at; with several definitions, the nearest one. */
  resolve(reference: Reference): Resolution {
    return this.analyse().resolutions.get(reference);
  }

  /** Every definition a reference matches, nearest first (same file, same folder, anywhere). */
  definitionsOf(reference: Reference): MeshResource[] {
    return this.analyse().definitions.get(reference) ?? [];
  }

  /** Every reference in the workspace that resolves to `target` (or to another definition of it). */
  referencesTo(target: MeshResource): { from: MeshResource; reference: Reference }[] {
    const analysis = this.analyse();
    const out: { from: MeshResource; reference: Reference }[] = [];
    for (const file of this.files.values()) {
      for (const from of file.resources) {
        for (const reference of from.references) {
          if (analysis.definitions.get(reference)?.includes(target)) out.push({ from, reference });
        }
      }
    }
    return out;
  }

  private analyse(): Analysis {
    if (this.analysis) return this.analysis;
    const files = [...this.files.values()].sort((a, b) => a.uri.localeCompare(b.uri));
    assignKubernetesMeshes(
      files.flatMap((f) => f.resources),
      files,
    );
    // Files that cannot meet are analysed apart; a group none of whose files changed keeps its
    // analysis, so an edit in one file does not re-check the 2,000 resources of another.
    const parts: Analysis[] = [];
    const seen = new Set<string>();
    for (const group of this.options.partition === false ? [files] : fileComponents(files)) {
      const key = group.map((f) => f.uri).join("\n");
      seen.add(key);
      const resources = group.flatMap((f) => f.resources);
      const cached = this.groupAnalyses.get(key);
      if (cached && sameItems(cached.resources, resources)) {
        parts.push(cached.analysis);
        continue;
      }
      const analysis = analyseTogether(resources, group, this.live);
      this.groupAnalyses.set(key, { resources, analysis });
      parts.push(analysis);
    }
    for (const key of [...this.groupAnalyses.keys()]) if (!seen.has(key)) this.groupAnalyses.delete(key);
    this.analysis = merged(parts);
    return this.analysis;
  }


}

/**
 * A reader's diagnostic at the severity the rules table gives its code, so that the table (and the
 * README made from it) is what clients see. A code with a narrower case in the table keeps the
 * reader's severity: the reader knows which case it reports. A reader that needs another severity
 * for a code declares that case in RULES.
 */
function atRuleSeverity(diagnostic: ModelDiagnostic): ModelDiagnostic {
  const rule = ruleOf(diagnostic.code);
  if (!rule || rule.except || rule.severity === diagnostic.severity) return diagnostic;
  return { ...diagnostic, severity: rule.severity };
}

/** The workspace-wide rules over `all` (one mesh, or the whole workspace). */
function analyseTogether(all: MeshResource[], files: ParsedDefinitions[], live: LiveSnapshot): Analysis {
  const analysis: Analysis = { diagnostics: new Map(), resolutions: new Map(), definitions: new Map() };
  const report: Report = (resource, span, code, message, options) => {
    if (!span) return;
    const list = analysis.diagnostics.get(resource.uri) ?? [];
    list.push({ span, severity: severityOf(code, options?.exceptional), code, message, data: options?.data });
    analysis.diagnostics.set(resource.uri, list);
  };
  const facts: WorkspaceFacts = { all, routerObjectOf: kubernetesRouterObjects(all), resolutions: analysis.resolutions, definitions: analysis.definitions, report };
  const declared = new Map<string, DeclaredNames>();
  for (const file of files) if (file.documents.some((d) => d.dialect === "cloudformation")) declared.set(file.uri, declaredNames(file));
  resolveReferences(facts, declared, live); // first: it adopts names that the rules below compare
  reportDuplicates(facts);
  checkRoutes(facts);
  reportDuplicatePriorities(facts);
  for (const list of analysis.diagnostics.values()) inStableOrder(list);
  return analysis;
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** One analysis from the analyses of several meshes. */
function merged(parts: Analysis[]): Analysis {
  if (parts.length === 1) return parts[0];
  const out: Analysis = { diagnostics: new Map(), resolutions: new Map(), definitions: new Map() };
  for (const part of parts) {
    for (const [uri, list] of part.diagnostics) out.diagnostics.set(uri, [...(out.diagnostics.get(uri) ?? []), ...list]);
    for (const [reference, resolution] of part.resolutions) out.resolutions.set(reference, resolution);
    for (const [reference, definitions] of part.definitions) out.definitions.set(reference, definitions);
  }
  for (const list of out.diagnostics.values()) inStableOrder(list);
  return out;
}

/** One order whatever way the analysis was split: by position, then code and message. */
function inStableOrder(list: ModelDiagnostic[]): void {
  list.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code) || a.message.localeCompare(b.message));
}
