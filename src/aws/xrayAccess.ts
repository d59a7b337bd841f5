// X-Ray for the service map: the service graph of a time window, every page of it.
import { GetServiceGraphCommand, type GetServiceGraphCommandOutput } from "@aws-sdk/client-xray";
import type { AwsConnection } from "./connection";
import { AccessError } from "./errors";

/** A guard against a service that keeps answering with a next token. */
const MAX_PAGES = 100;

export class XRayAccess {
  constructor(private readonly connection: AwsConnection) {}

  /** Services and edges seen between start and end, following NextToken; always an array. */
  async serviceGraph(start: Date, end: Date): Promise<NonNullable<GetServiceGraphCommandOutput["Services"]>> {
    const client = this.connection.xray();
    const services: NonNullable<GetServiceGraphCommandOutput["Services"]> = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const output = await this.connection.send("xray", "GetServiceGraph", () =>
        client.send(new GetServiceGraphCommand({ StartTime: start, EndTime: end, ...(token ? { NextToken: token } : {}) })),
      );
      services.push(...(output.Services ?? []));
      token = output.NextToken || undefined;
      if (!token) return services;
      if (seen.has(token)) break;
      seen.add(token);
    }
    throw new AccessError({ kind: "service", operation: "GetServiceGraph", message: "GetServiceGraph failed: the service kept answering with more pages." });
  }
}
