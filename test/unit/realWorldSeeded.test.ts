// A mutation test over the real-world fixtures (test/fixtures/realworld). Into every App Mesh
// resource of every file, one mistake of each kind is seeded in turn, where the resource has a
// place for it: a weight over 100, a bad listener protocol, a misspelled key, a listener port out
// of range, a reference to a name defined nowhere. The language server, with the whole tree loaded,
// must report an ERROR with the right code at the seeded line at least 95 % of the time. A dangling
// reference is only an error when the live mesh is known, so for that mistake a live snapshot of
// the resource's mesh (empty) is sent; where the workspace does not tell the mesh, a literal name
// cannot be judged and the mistake is not seeded (a CloudFormation !GetAtt to a missing logical id
// is an error whatever the mesh; a backend may name a service that does not exist yet, so backends
// are not seeded). Each top-level folder is loaded as its own workspace. The same kinds of mistakes seeded outside App Mesh resources
// (ECS task definitions, load balancers, Kubernetes Deployments and Services, Helm values, Copilot
// manifests) must get no diagnostic at all.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ModelDiagnostic } from "../../src/model/resources";
import type { WorkspaceIndex } from "../../src/model/workspaceIndex";
import {
  appMeshSegments,
  applyEdit,
  formatDiagnostic,
  lineOf,
  loadText,
  loadWorkspace,
  MISTAKES,
  publishedDiagnostics,
  readTree,
  repositoryOf,
  seedsFor,
  type FixtureFile,
  type Mistake,
  type Seed,
} from "./realWorldFixtures";

const REQUIRED_RATE = 0.95;

/**
 * Each top-level folder imitates one repository, and a user opens one repository at a time: each is
 * its own workspace here, so that no other folder's definitions (say, a node whose name is a
 * placeholder and could be anything) stand in for a target that the seeded mistake removed.
 */
function repositoryWorkspaces(files: FixtureFile[]): Map<string, WorkspaceIndex> {
  const workspaces = new Map<string, WorkspaceIndex>();
  for (const repository of new Set(files.map(repositoryOf))) workspaces.set(repository, loadWorkspace(files.filter((f) => repositoryOf(f) === repository)));
  return workspaces;
}

/** Diagnostics of `file` with its text replaced by `text` (and the live snapshot of `liveMesh`), then restored. */
function diagnosticsWith(index: WorkspaceIndex, file: FixtureFile, text: string, liveMesh?: string): ModelDiagnostic[] {
  loadText(index, file.uri, text);
  if (liveMesh !== undefined) index.setLive({ sources: [{ region: "us-east-1", meshes: { [liveMesh]: {} } }] });
  try {
    return publishedDiagnostics(index, file.uri);
  } finally {
    loadText(index, file.uri, file.text);
    if (liveMesh !== undefined) index.setLive({ sources: [] });
  }
}

interface Outcome {
  seed: Seed;
  caught: boolean;
  /** What was reported on the seeded line instead, for the report. */
  atLine: string[];
}

function percent(caught: number, total: number): string {
  return total === 0 ? "   n/a" : `${((100 * caught) / total).toFixed(1).padStart(5)}%`;
}

function table(title: string, rows: [string, Outcome[]][]): string {
  const width = Math.max(title.length, ...rows.map(([k]) => k.length));
  const lines = [`${title.padEnd(width)}  caught / seeded   rate`];
  for (const [key, outcomes] of rows) {
    const caught = outcomes.filter((o) => o.caught).length;
    lines.push(`${key.padEnd(width)}  ${String(caught).padStart(6)} / ${String(outcomes.length).padEnd(6)}  ${percent(caught, outcomes.length)}`);
  }
  return lines.join("\n");
}

function groupBy<T>(items: T[], key: (item: T) => string): [string, T[]][] {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return [...map.entries()].sort((a, b) => a[0].localeCompare(b[0]));
}

describe("mistakes seeded inside App Mesh resources", () => {
  test(`are caught at the seeded line at least ${REQUIRED_RATE * 100} % of the time`, async () => {
    const files = await readTree();
    const workspaces = repositoryWorkspaces(files);
    const segments = appMeshSegments(files);
    const outcomes: Outcome[] = [];
    const notApplicable = new Map<string, number>();

    for (const segment of segments) {
      const index = workspaces.get(repositoryOf(segment.file))!;
      for (const { mistake, seed, why } of seedsFor(segment)) {
        if (!seed) {
          const key = `${mistake}: ${why}`;
          notApplicable.set(key, (notApplicable.get(key) ?? 0) + 1);
          continue;
        }
        const text = applyEdit(segment.file.text, seed.edit);
        assert.equal(text.split("\n").length, segment.file.text.split("\n").length, "a seed keeps the line count");
        const diagnostics = diagnosticsWith(index, segment.file, text, seed.liveMesh);
        const caught = diagnostics.some(
          (d) => d.severity === "error" && seed.expected.some((e) => e.code === d.code && e.line === lineOf(text, d.span.start)),
        );
        const lines = new Set(seed.expected.map((e) => e.line));
        outcomes.push({ seed, caught, atLine: diagnostics.filter((d) => lines.has(lineOf(text, d.span.start))).map((d) => formatDiagnostic(text, d)) });
      }
    }

    const caught = outcomes.filter((o) => o.caught).length;
    const rate = outcomes.length ? caught / outcomes.length : 0;
    const byMistake = MISTAKES.map((m): [string, Outcome[]] => [m, outcomes.filter((o) => o.seed.mistake === m)]);
    const misses = outcomes.filter((o) => !o.caught);
    const report = [
      table("mistake", [...byMistake, ["overall", outcomes]]),
      "",
      table("folder", groupBy(outcomes, (o) => o.seed.segment.file.rel.split("/")[0])),
      "",
      table("dialect", groupBy(outcomes, (o) => o.seed.segment.dialect)),
      "",
      `not seeded (no place for the mistake in the resource): ${[...notApplicable.entries()].map(([k, n]) => `${k} ×${n}`).join("; ")}`,
      "",
      `${misses.length} misses:`,
      ...misses.map(
        (o) =>
          `  ${o.seed.segment.file.rel}:${o.seed.line} ${o.seed.mistake} (${o.seed.summary}) in ${o.seed.segment.label}; expected ${o.seed.expected.map((e) => `${e.code}@${e.line}`).join(" or ")}` +
          (o.atLine.length ? `; got ${o.atLine.join(" | ")}` : "; got nothing on that line"),
      ),
    ].join("\n");
    console.log(report);

    assert.ok(outcomes.length >= 150, `enough mistakes seeded (${outcomes.length})`);
    for (const mistake of MISTAKES) assert.ok(outcomes.some((o) => o.seed.mistake === mistake), `${mistake as Mistake} is seeded somewhere`);
    assert.ok(rate >= REQUIRED_RATE, `caught ${caught} of ${outcomes.length} (${(rate * 100).toFixed(1)} %), need ${REQUIRED_RATE * 100} %\n${report}`);
  });
});

/**
 * Mistakes outside App Mesh resources: each pattern is seeded on every matching line of the file
 * that lies outside its App Mesh resources, one line at a time.
 */
const OUTSIDE: { file: string; what: string; line: RegExp; to: string }[] = [
  { file: "cfn-ecs-walkthrough-steps/deploy/2-meshify.yaml", what: "ECS task definition port mapping protocol", line: /(?<=^\s*Protocol: )tcp$/, to: "htp" },
  { file: "cfn-ecs-walkthrough-steps/deploy/3-routing.yaml", what: "ECS task definition port mapping protocol", line: /(?<=^\s*Protocol: )tcp$/, to: "htp" },
  { file: "cfn-ecs-walkthrough-steps/deploy/3-routing.yaml", what: "ECS container port", line: /(?<=^\s*- ContainerPort: )(9901|8080)$/, to: "70000" },
  { file: "cfn-ecs-walkthrough-steps/deploy/2-meshify.yaml", what: "security group ingress protocol", line: /(?<=^\s*- IpProtocol: )tcp$/, to: "htp" },
  { file: "cfn-ecs-walkthrough-steps/deploy/2-meshify.yaml", what: "ALB target group and listener protocol", line: /(?<=^\s*Protocol: )HTTP$/, to: "htp" },
  { file: "cfn-ecs-walkthrough-steps/deploy/2-meshify.yaml", what: "ALB target group and listener port", line: /(?<=^\s*Port: )80$/, to: "70000" },
  { file: "ecs-task-definitions/ecs/ledger-base-task-def.json", what: "register-task-definition port mapping protocol", line: /(?<="protocol": ")tcp(?=")/, to: "htp" },
  { file: "ecs-task-definitions/ecs/ledger-base-task-def.json", what: "register-task-definition container port", line: /(?<="containerPort": )7000/, to: "70000" },
  { file: "k8s-steps-canary/2_meshed_application/meshed_app.yaml", what: "Kubernetes Deployment containerPort", line: /(?<=^\s*- containerPort: )8080$/, to: "70000" },
  { file: "k8s-steps-canary/2_meshed_application/meshed_app.yaml", what: "Kubernetes Service port", line: /(?<=^\s*- port: )8080$/, to: "70000" },
  { file: "k8s-steps-canary/3_canary_new_version/v2_app.yaml", what: "Kubernetes Deployment containerPort", line: /(?<=^\s*- containerPort: )8080$/, to: "70000" },
  { file: "k8s-walkthrough-template/v1beta2/manifest.yaml.template", what: "Kubernetes Service protocol", line: /(?<=^\s*protocol: )TCP$/, to: "htp" },
  { file: "k8s-walkthrough-template/v1beta2/manifest.yaml.template", what: "Kubernetes Deployment containerPort", line: /(?<=^\s*- containerPort: )\d+$/, to: "70000" },
  { file: "k8s-env-copies/production/tickets-mesh.yaml", what: "Kubernetes Deployment containerPort", line: /(?<=^\s*- containerPort: )8000$/, to: "70000" },
  { file: "helm-charts/application/chart/values.yaml", what: "Helm values protocol", line: /(?<=^\s*protocol: )(http|TCP)$/, to: "htp" },
  { file: "helm-charts/application/chart/values.yaml", what: "Helm values port", line: /(?<=^\s*(port|containerPort): )8080$/, to: "70000" },
  { file: "helm-charts/canary/chart/values.yaml", what: "Helm values weight", line: /(?<=^\s*weight: )\d+$/, to: "150" },
  { file: "helm-charts/canary/chart/values.yaml", what: "Helm values protocol", line: /(?<=^\s*protocol: )http$/, to: "htp" },
  { file: "helm-charts/canary/chart/values.yaml", what: "Helm values port", line: /(?<=^\s*port: )8080$/, to: "70000" },
  { file: "helm-charts/gateway/chart/values.yaml", what: "Helm values protocol", line: /(?<=^\s*protocol: )http$/, to: "htp" },
  { file: "helm-charts/application/chart/templates/deployment.yaml", what: "Helm template Deployment containerPort", line: /(?<=^\s*containerPort: )8080$/, to: "70000" },
  { file: "copilot-addons/copilot/api/manifest.yml", what: "Copilot manifest port", line: /(?<=^\s*port: )(8080|9901)$/, to: "70000" },
  { file: "k8s-pipeline-templates/microservices/ledger/specfiles/deploy.json", what: "pipeline settings step", line: /(?<="percentage_step": )20/, to: "150" },
];

describe("mistakes seeded outside App Mesh resources", async () => {
  const files = await readTree();
  const workspaces = repositoryWorkspaces(files);
  const segments = appMeshSegments(files);
  for (const outside of OUTSIDE) {
    test(`${outside.file}: ${outside.what}`, () => {
      const file = files.find((f) => f.rel === outside.file);
      assert.ok(file, `${outside.file} exists`);
      const index = workspaces.get(repositoryOf(file))!;
      const inside = segments
        .filter((s) => s.file === file)
        .map((s) => [lineOf(file.text, s.root.range![0]), lineOf(file.text, s.root.range![2])] as const);
      const lines = file.text.split("\n");
      const reported: string[] = [];
      let seeded = 0;
      lines.forEach((line, i) => {
        const number = i + 1;
        const match = outside.line.exec(line);
        if (!match || inside.some(([from, to]) => number >= from && number <= to)) return;
        seeded++;
        const mutated = [...lines.slice(0, i), line.slice(0, match.index) + outside.to + line.slice(match.index + match[0].length), ...lines.slice(i + 1)].join("\n");
        for (const d of diagnosticsWith(index, file, mutated)) {
          if (lineOf(mutated, d.span.start) === number) reported.push(`line ${number} (${line.trim()} → ${outside.to}): ${formatDiagnostic(mutated, d)}`);
        }
      });
      assert.ok(seeded > 0, `the pattern ${outside.line} matches a line outside App Mesh resources in ${outside.file}`);
      assert.deepEqual(reported, [], `${outside.what} is not ours to judge`);
    });
  }
});
