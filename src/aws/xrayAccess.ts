// X-Ray for the service map and the canary gate: the service graph of a window (every page merged),
// groups, trace summaries for a filter expression, and traces (at most 5 ids per call, as X-Ray
// allows). Answers are mapped to the model's shapes; SDK types stay in this file.
import {
  BatchGetTracesCommand,
  GetGroupsCommand,
  GetServiceGraphCommand,
  GetTimeSeriesServiceStatisticsCommand,
  GetTraceSummariesCommand,
  type Edge,
  type HistogramEntry as SdkHistogramEntry,
  type Service,
  type ServiceStatistics,
  type EdgeStatistics,
} from "@aws-sdk/client-xray";
import { histogramQuantile, type HistogramEntry, type XrayGraph, type XrayService, type XrayStatistics } from "../model/serviceMap/xrayGraph";
import type { TraceSummary } from "../protocol/serviceMapMessages";
import type { AwsConnection } from "./connection";
import { AccessError } from "./errors";

/** A guard against a service that keeps answering with a next token. */
const MAX_PAGES = 100;
/** BatchGetTraces takes at most this many ids per call. */
export const TRACES_PER_CALL = 5;

/** A trace summary as the map lists it (the shape the webview shows). */
export type RawTraceSummary = TraceSummary;

export interface RawTrace {
  id: string;
  durationMs?: number;
  /** Segment documents, parsed. */
  documents: Record<string, unknown>[];
}

export class XRayAccess {
  constructor(private readonly connection: AwsConnection) {}

  /** Services and edges seen between start and end (optionally in a group), every page merged. */
  async serviceGraph(start: Date, end: Date, group?: string): Promise<XrayGraph> {
    const client = this.connection.xray();
    const services: XrayService[] = [];
    let containsOldGroupVersions = false;
    await this.pages("GetServiceGraph", async (token) => {
      const output = await this.connection.send(
        "xray",
        "GetServiceGraph",
        () => client.send(new GetServiceGraphCommand({ StartTime: start, EndTime: end, ...(group ? { GroupName: group } : {}), ...(token ? { NextToken: token } : {}) })),
        group ? `group ${group}` : undefined,
      );
      services.push(...(output.Services ?? []).map(toService));
      containsOldGroupVersions ||= output.ContainsOldGroupVersions === true;
      return output.NextToken;
    });
    return { start: start.getTime(), end: end.getTime(), services, containsOldGroupVersions };
  }

  /** Names of the account's X-Ray groups (the default group is "Default"). */
  async groupNames(): Promise<string[]> {
    const client = this.connection.xray();
    const names: string[] = [];
    await this.pages("GetGroups", async (token) => {
      const output = await this.connection.send("xray", "GetGroups", () => client.send(new GetGroupsCommand(token ? { NextToken: token } : {})));
      for (const group of output.Groups ?? []) if (group.GroupName) names.push(group.GroupName);
      return output.NextToken;
    });
    return names;
  }

  /** Trace summaries matching a filter expression, newest first, at most `limit`. */
  async traceSummaries(start: Date, end: Date, filterExpression: string | undefined, limit = 200): Promise<RawTraceSummary[]> {
    const client = this.connection.xray();
    const out: RawTraceSummary[] = [];
    await this.pages("GetTraceSummaries", async (token) => {
      const output = await this.connection.send(
        "xray",
        "GetTraceSummaries",
        () => client.send(new GetTraceSummariesCommand({ StartTime: start, EndTime: end, Sampling: false, ...(filterExpression ? { FilterExpression: filterExpression } : {}), ...(token ? { NextToken: token } : {}) })),
        filterExpression,
      );
      for (const s of output.TraceSummaries ?? []) {
        if (!s.Id) continue;
        out.push({
          id: s.Id,
          ...(s.StartTime ? { start: s.StartTime.getTime() } : {}),
          ...(s.Duration !== undefined ? { durationMs: s.Duration * 1000 } : {}),
          ...(s.ResponseTime !== undefined ? { responseTimeMs: s.ResponseTime * 1000 } : {}),
          hasFault: s.HasFault === true,
          hasError: s.HasError === true,
          hasThrottle: s.HasThrottle === true,
          ...(s.Http?.HttpMethod ? { method: s.Http.HttpMethod } : {}),
          ...(s.Http?.HttpURL ? { url: s.Http.HttpURL } : {}),
          ...(s.Http?.HttpStatus !== undefined ? { status: s.Http.HttpStatus } : {}),
          ...(s.EntryPoint?.Name ? { entry: s.EntryPoint.Name } : {}),
        });
      }
      return out.length >= limit ? undefined : output.NextToken;
    });
    return out.slice(0, limit);
  }

  /** Traces with their segment documents, asked for in batches of five. */
  async traces(ids: string[]): Promise<RawTrace[]> {
    const client = this.connection.xray();
    const out: RawTrace[] = [];
    for (let i = 0; i < ids.length; i += TRACES_PER_CALL) {
      const batch = ids.slice(i, i + TRACES_PER_CALL);
      const output = await this.connection.send("xray", "BatchGetTraces", () => client.send(new BatchGetTracesCommand({ TraceIds: batch })), batch.join(", "));
      for (const trace of output.Traces ?? []) {
        if (!trace.Id) continue;
        const documents: Record<string, unknown>[] = [];
        for (const segment of trace.Segments ?? []) {
          try {
            const parsed: unknown = JSON.parse(segment.Document ?? "");
            if (parsed && typeof parsed === "object") documents.push(parsed as Record<string, unknown>);
          } catch {
            // A document X-Ray stored that is not JSON: leave it out of the timeline.
          }
        }
        out.push({ id: trace.Id, ...(trace.Duration !== undefined ? { durationMs: trace.Duration * 1000 } : {}), documents });
      }
    }
    return out;
  }

  /**
   * Statistics per period (seconds; 60 for the canary gate) of one service or edge, selected by an
   * entity selector such as `service(id(name: "mesh/node", type: "AWS::AppMesh::Proxy"))` or
   * `edge("mesh/a", "mesh/b")`; every page merged, in time order.
   */
  async timeSeries(start: Date, end: Date, entitySelector: string, period = 60): Promise<{ timestamp: number; statistics: XrayStatistics; p95Ms?: number }[]> {
    const client = this.connection.xray();
    const out: { timestamp: number; statistics: XrayStatistics; p95Ms?: number }[] = [];
    await this.pages("GetTimeSeriesServiceStatistics", async (token) => {
      const output = await this.connection.send(
        "xray",
        "GetTimeSeriesServiceStatistics",
        () => client.send(new GetTimeSeriesServiceStatisticsCommand({ StartTime: start, EndTime: end, EntitySelectorExpression: entitySelector, Period: period, ...(token ? { NextToken: token } : {}) })),
        entitySelector,
      );
      for (const point of output.TimeSeriesServiceStatistics ?? []) {
        const statistics = toStatistics(point.ServiceSummaryStatistics ?? point.EdgeSummaryStatistics);
        if (!point.Timestamp || !statistics) continue;
        const p95 = histogramQuantile(toHistogram(point.ResponseTimeHistogram), 0.95);
        out.push({ timestamp: point.Timestamp.getTime(), statistics, ...(p95 !== undefined ? { p95Ms: p95 * 1000 } : {}) });
      }
      return output.NextToken;
    });
    return out.sort((a, b) => a.timestamp - b.timestamp);
  }

  private async pages(operation: string, page: (token: string | undefined) => Promise<string | undefined>): Promise<void> {
    const seen = new Set<string>();
    let token: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      token = (await page(token)) || undefined;
      if (!token) return;
      if (seen.has(token)) break;
      seen.add(token);
    }
    throw new AccessError({ kind: "service", operation, message: `${operation} failed: the service kept answering with more pages.` });
  }
}

function toStatistics(s: ServiceStatistics | EdgeStatistics | undefined): XrayStatistics | undefined {
  if (!s) return undefined;
  const throttle = s.ErrorStatistics?.ThrottleCount ?? 0;
  return {
    ok: s.OkCount ?? 0,
    error: Math.max(0, (s.ErrorStatistics?.TotalCount ?? 0) - throttle),
    throttle,
    fault: s.FaultStatistics?.TotalCount ?? 0,
    total: s.TotalCount ?? 0,
    totalResponseTime: s.TotalResponseTime ?? 0,
  };
}

const toHistogram = (entries: SdkHistogramEntry[] | undefined): HistogramEntry[] =>
  (entries ?? []).flatMap((e) => (e.Value !== undefined && e.Count !== undefined ? [{ value: e.Value, count: e.Count }] : []));

function toEdge(edge: Edge) {
  const statistics = toStatistics(edge.SummaryStatistics);
  return {
    referenceId: edge.ReferenceId ?? -1,
    ...(edge.StartTime ? { start: edge.StartTime.getTime() } : {}),
    ...(edge.EndTime ? { end: edge.EndTime.getTime() } : {}),
    ...(statistics ? { statistics } : {}),
    histogram: toHistogram(edge.ResponseTimeHistogram),
    ...(edge.EdgeType ? { edgeType: edge.EdgeType } : {}),
  };
}

function toService(service: Service): XrayService {
  const statistics = toStatistics(service.SummaryStatistics);
  return {
    referenceId: service.ReferenceId ?? -1,
    name: service.Name ?? "",
    names: service.Names ?? [],
    type: service.Type ?? "",
    root: service.Root === true,
    ...(service.State ? { state: service.State } : {}),
    ...(service.StartTime ? { start: service.StartTime.getTime() } : {}),
    ...(service.EndTime ? { end: service.EndTime.getTime() } : {}),
    ...(statistics ? { statistics } : {}),
    histogram: toHistogram(service.ResponseTimeHistogram),
    edges: (service.Edges ?? []).map(toEdge),
  };
}
