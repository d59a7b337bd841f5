// Cloud Map discovery for the explorer: the instances behind a virtual node's Cloud Map service
// discovery, with their attributes and health. Several nodes often share one Cloud Map service and
// tell their instances apart by attributes (version=v1 / version=v2); Envoy in App Mesh sends a
// node's attributes as QueryParameters, so the explorer asks the same way and sees what Envoy sees.
import { DiscoverInstancesCommand } from "@aws-sdk/client-servicediscovery";
import type { AwsConnection } from "./connection";

export interface CloudMapInstance {
  id: string;
  attributes: Record<string, string>;
  health: "HEALTHY" | "UNHEALTHY" | "UNKNOWN";
}

/** DiscoverInstances answers at most this many instances and has no paging. */
const MAX_RESULTS = 1000;

export class CloudMapAccess {
  constructor(private readonly connection: AwsConnection) {}

  /**
   * Every registered instance of the service whose attributes match all of `attributes`, healthy or
   * not (HealthStatus ALL). Without attributes: every instance of the service.
   */
  async instances(namespaceName: string, serviceName: string, attributes?: Record<string, string>): Promise<CloudMapInstance[]> {
    const client = this.connection.cloudMap();
    const query = attributes && Object.keys(attributes).length ? { QueryParameters: { ...attributes } } : {};
    const filter = query.QueryParameters ? ` (${attributeText(query.QueryParameters)})` : "";
    const output = await this.connection.send(
      "servicediscovery",
      "DiscoverInstances",
      () => client.send(new DiscoverInstancesCommand({ NamespaceName: namespaceName, ServiceName: serviceName, HealthStatus: "ALL", MaxResults: MAX_RESULTS, ...query })),
      `Cloud Map ${serviceName}.${namespaceName}${filter}`,
    );
    return (output.Instances ?? []).map((instance) => ({
      id: instance.InstanceId ?? "",
      attributes: { ...(instance.Attributes ?? {}) },
      health: instance.HealthStatus === "HEALTHY" || instance.HealthStatus === "UNHEALTHY" ? instance.HealthStatus : "UNKNOWN",
    }));
  }
}

/** "version=v1, zone=a". */
function attributeText(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([key, value]) => `${key}=${value}`)
    .join(", ");
}
