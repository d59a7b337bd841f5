// Every resource of the valid corpus, read as a workspace per dialect (so meshes and names resolve):
// what the writer tests print and read back.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { MeshResource } from "../../src/model/resources";
import { WorkspaceIndex } from "../../src/model/workspaceIndex";

const corpus = join(__dirname, "..", "fixtures", "corpus", "valid");

export function corpusResources(): MeshResource[] {
  return ["k8s", "cfn", "api"].flatMap((dialect) => {
    const index = new WorkspaceIndex();
    for (const file of readdirSync(join(corpus, dialect))) index.set(`file:///${dialect}/${file}`, readFileSync(join(corpus, dialect, file), "utf8"));
    return index.resources();
  });
}
