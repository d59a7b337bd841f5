// Everything one region of the views talks through: the connection (profile, region, endpoint),
// App Mesh, Cloud Map and X-Ray access on it, and the loader the views and drift share.
import { AppMeshAccess } from "../aws/appMeshAccess";
import { CloudMapAccess } from "../aws/cloudMapAccess";
import { AwsConnection, type CallLogEntry, type ConnectionSettings } from "../aws/connection";
import { XRayAccess } from "../aws/xrayAccess";
import { LiveMeshLoader } from "./liveMeshLoader";

export interface RegionConnection {
  /** The region heading this connection is shown under, when the views show several regions. */
  readonly heading?: string;
  readonly connection: AwsConnection;
  readonly access: AppMeshAccess;
  readonly cloudMap: CloudMapAccess;
  readonly xray: XRayAccess;
  readonly loader: LiveMeshLoader;
}

export function createRegionConnection(settings: ConnectionSettings, options: { pageSize: number; heading?: string; log: (entry: CallLogEntry) => void }): RegionConnection {
  const connection = new AwsConnection(settings, { log: options.log });
  const access = new AppMeshAccess(connection, { pageSize: options.pageSize });
  const cloudMap = new CloudMapAccess(connection);
  return { heading: options.heading, connection, access, cloudMap, xray: new XRayAccess(connection), loader: new LiveMeshLoader(access, cloudMap) };
}
