// Where a map's declared topology comes from: the live mesh (through the session's connection and
// its loader) or the workspace's definitions (the language server's index). Neither re-parses nor
// builds a connection of its own.
import type { MigrationSource } from "../../model/migration/migrationSource";
import type { DeclaredResource } from "../../model/serviceMap/buildMap";
import type { DefinitionSummary } from "../../protocol/messages";
import type { MapIdentity } from "../../protocol/serviceMapMessages";
import { liveLayer } from "../lazyBundles";
import type { Session } from "../session";

export type DefinitionsSource = () => Promise<DefinitionSummary[]>;
export type MigrationSourceOf = (mesh: string) => Promise<MigrationSource | undefined>;

/**
 * The resources of the map's mesh (for a migration map, of the target's routing generated from
 * it); throws when the mesh cannot be read or does not exist.
 */
export async function declaredResources(identity: MapIdentity, session: Session, definitions: DefinitionsSource, migrationSource: MigrationSourceOf): Promise<DeclaredResource[]> {
  if (identity.migration) {
    const source = await migrationSourceOf(identity, session, migrationSource);
    return liveLayer().targetRouting(source, identity.migration);
  }
  if (identity.source === "definitions") return definedResources(await definitions(), identity.mesh);
  const mesh = await session.connection(identity.region).loader.liveMesh(identity.mesh);
  if (!mesh) throw new Error(`Mesh ${identity.mesh} does not exist in ${session.connection(identity.region).connection.label()}.`);
  return liveLayer().declaredFromLive(mesh);
}

async function migrationSourceOf(identity: MapIdentity, session: Session, migrationSource: MigrationSourceOf): Promise<MigrationSource> {
  if (identity.source === "definitions") {
    const source = await migrationSource(identity.mesh);
    if (!source) throw new Error(`No file in this workspace defines mesh ${identity.mesh}.`);
    return source;
  }
  const connection = session.connection(identity.region);
  const mesh = await connection.loader.liveMesh(identity.mesh);
  if (!mesh) throw new Error(`Mesh ${identity.mesh} does not exist in ${connection.connection.label()}.`);
  return liveLayer().sourceFromLive(identity.mesh, mesh.values());
}

/** A definitions mesh's resources; where several files define one resource, the first one counts. */
export function definedResources(summaries: DefinitionSummary[], mesh: string): DeclaredResource[] {
  const seen = new Set<string>();
  const out: DeclaredResource[] = [];
  for (const s of summaries) {
    if (s.meshName !== mesh || s.kind === "Mesh") continue;
    const key = `${s.kind}/${s.parentName ?? ""}/${s.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const spec = s.body.spec && typeof s.body.spec === "object" && !Array.isArray(s.body.spec) ? (s.body.spec as Record<string, unknown>) : {};
    out.push({ kind: s.kind as DeclaredResource["kind"], name: s.name, ...(s.parentName ? { parentName: s.parentName } : {}), spec });
  }
  return out;
}
