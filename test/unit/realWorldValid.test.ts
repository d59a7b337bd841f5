// Files shaped like public App Mesh walkthroughs, blogs and samples (test/fixtures/realworld) are
// valid as written, so the language server must give none of them an ERROR. The tree is loaded the
// way the server loads a workspace (its disk scan, plus `.template` files as opened documents; per
// file diagnostics and workspace diagnostics together, published for App Mesh files only), once as
// one workspace and once per top-level folder (each imitates one repository, which a user opens on
// its own); an error in either counts.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ModelDiagnostic } from "../../src/model/resources";
import { appMeshSegments, formatDiagnostic, loadWorkspace, publishedDiagnostics, readTree, repositoryOf } from "./realWorldFixtures";

test("no valid real-world file gets an ERROR diagnostic", async () => {
  const files = await readTree();
  const index = loadWorkspace(files);
  const repositories = new Map([...new Set(files.map(repositoryOf))].map((r) => [r, loadWorkspace(files.filter((f) => repositoryOf(f) === r))]));
  const segments = appMeshSegments(files);
  const appMeshFiles = new Set(segments.map((s) => s.file.rel));
  const dialects = new Map<string, Set<string>>();
  for (const s of segments) dialects.set(s.dialect, (dialects.get(s.dialect) ?? new Set()).add(s.file.rel));
  assert.ok(appMeshFiles.size >= 40, `the tree holds at least 40 App Mesh files (has ${appMeshFiles.size})`);
  for (const dialect of ["kubernetes", "cloudformation", "api"]) {
    assert.ok((dialects.get(dialect)?.size ?? 0) >= 5, `the tree holds App Mesh files of the ${dialect} dialect`);
  }

  const errorsOf = (file: (typeof files)[number]): ModelDiagnostic[] => {
    const seen = new Set<string>();
    return [...publishedDiagnostics(index, file.uri), ...publishedDiagnostics(repositories.get(repositoryOf(file))!, file.uri)].filter((d) => {
      const key = `${d.span.start}:${d.span.end}:${d.code}:${d.message}`;
      if (d.severity !== "error" || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  const failing = files.map((file) => ({ file, errors: errorsOf(file) })).filter((f) => f.errors.length > 0);
  const failingAppMesh = failing.filter((f) => appMeshFiles.has(f.file.rel)).length;
  const byCode = new Map<string, { diagnostics: number; files: Set<string> }>();
  for (const { file, errors } of failing) {
    for (const d of errors) {
      const entry = byCode.get(d.code) ?? { diagnostics: 0, files: new Set() };
      entry.diagnostics++;
      entry.files.add(file.rel);
      byCode.set(d.code, entry);
    }
  }
  const unread = [...appMeshFiles].filter((rel) => !index.get(files.find((f) => f.rel === rel)!.uri)?.isAppMesh);

  const report = [
    `${failing.length} of ${files.length} valid files with at least one error`,
    `(${failingAppMesh} of the ${appMeshFiles.size} files that hold App Mesh resources; ${files.length - appMeshFiles.size} files hold none)`,
    ...[...byCode.entries()].sort((a, b) => b[1].files.size - a[1].files.size).map(([code, e]) => `  ${code}: ${e.diagnostics} errors in ${e.files.size} files`),
    ...(unread.length ? [`App Mesh files the server does not read at all (nothing in them can be checked): ${unread.join(", ")}`] : []),
  ].join("\n");
  console.log(report);

  const details = failing.map(({ file, errors }) => `${file.rel}\n${errors.map((d) => `    ${formatDiagnostic(file.text, d)}`).join("\n")}`).join("\n");
  assert.equal(failing.length, 0, `${report}\n\n${details}`);
});
