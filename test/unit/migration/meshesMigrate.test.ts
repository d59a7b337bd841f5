// Whole meshes migrate to every target with zero schema violations: the live demo meshes (from
// the sandbox over HTTP, as the views load them) and each mesh of the sample workspace (read as
// the Definitions view reads it, in all three source dialects). Each run also reports on every
// resource it read.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { after, before, describe, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { AppMeshAccess } from "../../../src/aws/appMeshAccess";
import { AwsConnection } from "../../../src/aws/connection";
import { LiveMeshLoader } from "../../../src/live/liveMeshLoader";
import { migrate } from "../../../src/model/migration/migrate";
import type { MigrationTarget } from "../../../src/model/migration/migrationReport";
import type { MigrationSource } from "../../../src/model/migration/migrationSource";
import { sourcesFromIndex } from "../../../src/model/migration/sourceFromIndex";
import { WorkspaceIndex } from "../../../src/model/workspaceIndex";
import { Sandbox } from "../../../src/sandbox/sandbox";
import { cloudFormationProblems, manifestProblems, referenceAvailable } from "./schemaCheck";

const TARGETS: MigrationTarget[] = ["gateway-api", "vpc-lattice", "service-connect"];
const WORKSPACE = join(__dirname, "..", "..", "fixtures", "workspace");
const skip = referenceAvailable() ? false : "../shared/reference is absent: the target shapes cannot be checked";

/** Problems of a run's generated file against the target's real shapes. */
function problems(source: MigrationSource, target: MigrationTarget): string[] {
  const out = migrate(source, target);
  const docs = parseAllDocuments(out.files[0].text).map((d) => d.toJS() as Record<string, unknown>);
  const found = target === "gateway-api" ? manifestProblems(docs) : docs.flatMap((d) => cloudFormationProblems(d));
  const read = new Set(source.resources.map((r) => `${r.kind} ${r.name}`));
  const reported = new Set(out.entries.map((e) => e.resource.replace(/ \((router|gateway) .*\)$/, "")));
  for (const resource of read) if (!reported.has(resource)) found.push(`${target}: ${resource} is read but not in the report`);
  return found;
}

function workspaceMeshes(): { label: string; source: MigrationSource }[] {
  const index = new WorkspaceIndex();
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [join(dir, e.name)] : []));
  const texts = new Map<string, string>();
  for (const file of walk(WORKSPACE)) {
    texts.set(`file://${file}`, readFileSync(file, "utf8"));
    index.set(`file://${file}`, texts.get(`file://${file}`)!);
  }
  const lineOf = (uri: string, offset: number) => texts.get(uri)!.slice(0, offset).split("\n").length - 1;
  return sourcesFromIndex(index, lineOf).map((source) => ({
    label: `${source.meshName} (${[...new Set(source.resources.map((r) => relative(WORKSPACE, new URL((r.origin as { uri: string }).uri).pathname).split("/")[0]))].join(", ")})`,
    source,
  }));
}

describe("whole meshes migrate with zero schema violations", { timeout: 120_000 }, () => {
  let sandbox: Sandbox;
  let connection: AwsConnection;
  const live: MigrationSource[] = [];
  before(async () => {
    sandbox = await Sandbox.start({ seed: "demo", tickMs: 0 });
    connection = new AwsConnection({ endpoint: sandbox.url, region: "us-east-1" }, { credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test" } });
    const loader = new LiveMeshLoader(new AppMeshAccess(connection));
    for (const name of ["demo", "payments"]) {
      const mesh = (await loader.liveMesh(name))!;
      live.push({ meshName: name, resources: [...mesh.values()].map((d) => ({ kind: d.kind, name: d.name, ...(d.parentName ? { parentName: d.parentName } : {}), spec: d.spec, origin: { live: d.arn } })) });
    }
  });
  after(async () => {
    connection?.dispose();
    await sandbox?.close();
  });

  test("the live demo meshes: all three targets", { skip }, () => {
    assert.equal(live.find((m) => m.meshName === "demo")!.resources.length, 17);
    for (const source of live) for (const target of TARGETS) assert.deepEqual(problems(source, target), [], `${source.meshName} → ${target}`);
  });

  test("every mesh of the sample workspace (Kubernetes, CloudFormation and CLI input files): all three targets", { skip }, () => {
    const meshes = workspaceMeshes();
    assert.ok(meshes.length >= 5, meshes.map((m) => m.label).join(", "));
    for (const { label, source } of meshes) for (const target of TARGETS) assert.deepEqual(problems(source, target), [], `${label} → ${target}`);
  });
});
