// Shared by the AWS access layer tests: an in-process sandbox, connections to it with fixed test
// credentials and a recorded call log, and the sandbox's own view of the state to compare with.
import { createServer } from "node:net";
import type { ResourceKind } from "../../src/model/resources";
import { AwsConnection, type CallLogEntry, type ConnectionOptions, type ConnectionSettings } from "../../src/aws/connection";
import type { AppMeshAccess, ResourceRef } from "../../src/aws/appMeshAccess";
import { Sandbox } from "../../src/sandbox/sandbox";

export const TEST_CREDENTIALS = { accessKeyId: "AKIDTEST", secretAccessKey: "test" };

export function startSandbox(): Promise<Sandbox> {
  return Sandbox.start({ seed: "demo", tickMs: 0 });
}

export interface Connected {
  connection: AwsConnection;
  log: CallLogEntry[];
  /** Calls logged for an operation, e.g. "DescribeVirtualNode". */
  calls(operation: string): number;
}

export function connect(endpoint: string, options: ConnectionOptions = {}, settings: ConnectionSettings = {}): Connected {
  const log: CallLogEntry[] = [];
  const connection = new AwsConnection(
    { region: "us-east-1", endpoint, ...settings },
    {
      credentials: TEST_CREDENTIALS,
      ...options,
      log: (entry) => {
        log.push(entry);
        options.log?.(entry);
      },
    },
  );
  return { connection, log, calls: (operation) => log.filter((e) => e.operation === operation).length };
}

/** Identity and metadata of a reference, for comparing with the store. */
export interface Row {
  kind: ResourceKind;
  meshName: string;
  parentName?: string;
  name: string;
  arn: string;
  version: number;
}

export const row = (r: Row): Row => ({
  kind: r.kind,
  meshName: r.meshName,
  ...(r.parentName !== undefined ? { parentName: r.parentName } : {}),
  name: r.name,
  arn: r.arn,
  version: r.version,
});

const order = (a: Row, b: Row) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0);

/** Every resource of the sandbox (meshes included) as rows, sorted by ARN. */
export function storeRows(sandbox: Sandbox): Row[] {
  return sandbox.store
    .all()
    .map((r) => row({ kind: r.kind, meshName: r.meshName, parentName: r.parentName, name: r.name, arn: r.metadata.arn, version: r.metadata.version }))
    .sort(order);
}

export function sortRows(rows: Row[]): Row[] {
  return rows.map(row).sort(order);
}

/** Lists everything through the access layer the way the explorer walks it: meshes, kinds, then children of routers and gateways. */
export async function listEverything(access: AppMeshAccess): Promise<ResourceRef[]> {
  const meshes: ResourceRef[] = [];
  let token: string | undefined;
  do {
    const page = await access.listMeshes(token);
    meshes.push(...page.items);
    token = page.nextToken;
  } while (token);
  const out = [...meshes];
  for (const mesh of meshes) {
    for (const kind of ["VirtualNode", "VirtualService", "VirtualRouter", "VirtualGateway"] as const) {
      const items = await access.listAll(kind, mesh.name);
      out.push(...items);
      if (kind === "VirtualRouter") for (const router of items) out.push(...(await access.listAll("Route", mesh.name, router.name)));
      if (kind === "VirtualGateway") for (const gateway of items) out.push(...(await access.listAll("GatewayRoute", mesh.name, gateway.name)));
    }
  }
  return out;
}

/** A local port nothing listens on (bound, then released). */
export function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
