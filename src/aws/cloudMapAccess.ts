// Cloud Map discovery for the explorer: the instances behind a virtual node's Cloud Map service
// discovery, with their attributes and health.
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

  /** Every registered instance of the service, healthy or not (HealthStatus ALL). */
  async instances(namespaceName: string, serviceName: string): Promise<CloudMapInstance[]> {
    const client = this.connection.cloudMap();
    const output = await this.connection.send("servicediscovery", "DiscoverInstances", () =>
      client.send(new DiscoverInstancesCommand({ NamespaceName: namespaceName, ServiceName: serviceName, HealthStatus: "ALL", MaxResults: MAX_RESULTS })),
    );
    return (output.Instances ?? []).map((instance) => ({
      id: instance.InstanceId ?? "",
      attributes: { ...(instance.Attributes ?? {}) },
      health: instance.HealthStatus === "HEALTHY" || instance.HealthStatus === "UNHEALTHY" ? instance.HealthStatus : "UNKNOWN",
    }));
  }
}
