// The one session of the extension: reads every App Mesh setting once (and again when it changes),
// owns the connections (one per region shown), says whether writing is allowed, logs every AWS
// call, and tells its listeners when connections change or a connection succeeds or fails. Views
// and commands ask it; none of them builds a connection of its own.
import * as vscode from "vscode";
import type { CallLogEntry } from "../aws/connection";
import { connectionLabel } from "../aws/connectionLabel";
import { looksLikeRegion } from "../aws/regions";
import type { RegionConnection } from "../live/index";
import { liveLayer } from "./lazyBundles";
import type { HealthThresholds } from "../model/serviceMap/mapModel";
import { AUTO_REFRESH_SECONDS, LAYOUTS, WINDOW_PRESETS, type AutoRefreshSeconds, type MapLayout, type WindowPreset } from "../protocol/serviceMapMessages";

export const SETTINGS_SECTION = "appmesh";

export interface SessionSettings {
  profile: string;
  region: string;
  endpoint: string;
  /** Two or more regions shown under headings; otherwise empty. */
  regions: string[];
  pageSize: number;
  readOnly: boolean;
  serviceMap: ServiceMapSettings;
}

/** appmesh.serviceMap.*: health thresholds (ratios 0–1 here; percent in the settings) and defaults. */
export interface ServiceMapSettings {
  thresholds: HealthThresholds;
  collapseAbove: number;
  layout: MapLayout;
  window: WindowPreset;
  autoRefresh: AutoRefreshSeconds;
}

/** Settings whose change replaces the connections (and every cache with them). */
const CONNECTION_KEYS = ["profile", "region", "endpoint", "regions", "pageSize"] as const;

export interface ConnectionOutcome {
  connection: RegionConnection;
  error?: unknown;
}

function readSettings(): SessionSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const regions = [...new Set(config.get<string[]>("regions", []).filter((r) => typeof r === "string" && looksLikeRegion(r.trim())).map((r) => r.trim()))];
  return {
    profile: config.get<string>("profile", "").trim(),
    region: config.get<string>("region", "").trim(),
    endpoint: config.get<string>("endpoint", "").trim(),
    regions: regions.length >= 2 ? regions : [],
    pageSize: Math.max(1, Math.min(100, Math.floor(config.get<number>("pageSize", 100)))),
    readOnly: config.get<boolean>("readOnly", false),
    serviceMap: readServiceMapSettings(config),
  };
}

function readServiceMapSettings(config: vscode.WorkspaceConfiguration): ServiceMapSettings {
  const percent = (key: string, fallback: number) => {
    const value = config.get<number>(`serviceMap.${key}`, fallback);
    return (Number.isFinite(value) ? Math.max(0, Math.min(100, value)) : fallback) / 100;
  };
  const layout = config.get<string>("serviceMap.layout", "dagre");
  const window = config.get<string>("serviceMap.window", "15m");
  const autoRefresh = config.get<number>("serviceMap.autoRefresh", 0);
  return {
    thresholds: {
      fault: percent("faultThreshold", 5),
      error: percent("errorThreshold", 10),
      throttle: percent("throttleThreshold", 5),
      minSamples: Math.max(0, Math.floor(config.get<number>("serviceMap.minSamples", 20))),
    },
    collapseAbove: Math.max(10, Math.floor(config.get<number>("serviceMap.collapseAbove", 150))),
    layout: (LAYOUTS as readonly string[]).includes(layout) ? (layout as MapLayout) : "dagre",
    window: (WINDOW_PRESETS as readonly string[]).includes(window) ? (window as WindowPreset) : "15m",
    autoRefresh: (AUTO_REFRESH_SECONDS as readonly number[]).includes(autoRefresh) ? (autoRefresh as AutoRefreshSeconds) : 0,
  };
}

export class Session implements vscode.Disposable {
  private current = readSettings();
  private connectionList: RegionConnection[] | undefined;
  private readonly connectionsEmitter = new vscode.EventEmitter<void>();
  /** Fires when the connections were replaced (profile, region, endpoint, regions or page size changed). */
  readonly onDidChangeConnections = this.connectionsEmitter.event;
  private readonly outcomeEmitter = new vscode.EventEmitter<ConnectionOutcome>();
  /** Fires when listing meshes through a connection succeeded or failed (for the status bar). */
  readonly onDidReportOutcome = this.outcomeEmitter.event;
  private readonly meshEmitter = new vscode.EventEmitter<{ mesh: string; region?: string }>();
  /** Fires after this window changed a live mesh (a canary step, an edit), so views showing it reload it. */
  readonly onDidChangeMesh = this.meshEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly log: vscode.LogOutputChannel) {
    this.updateWritableContext();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
        const connections = CONNECTION_KEYS.some((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
        this.current = readSettings();
        this.updateWritableContext();
        if (connections) this.reconnect();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.updateWritableContext()),
    );
  }

  get settings(): Readonly<SessionSettings> {
    return this.current;
  }

  /** The region headings the views show: the regions of appmesh.regions, or one unnamed scope. */
  headings(): (string | undefined)[] {
    return this.current.regions.length ? this.current.regions : [undefined];
  }

  /** The connections, one per heading; the first call loads the AWS layer. */
  connections(): RegionConnection[] {
    if (!this.connectionList) {
      const { createRegionConnection } = liveLayer();
      const base = { profile: this.current.profile || undefined, endpoint: this.current.endpoint || undefined };
      const log = (entry: CallLogEntry) => this.logCall(entry);
      this.connectionList = this.headings().map((heading) =>
        createRegionConnection({ ...base, region: heading ?? (this.current.region || undefined) }, { pageSize: this.current.pageSize, heading, log }),
      );
      this.log.info(`Connected to ${this.connectionList.map((c) => c.connection.label()).join(", ")}`);
    }
    return this.connectionList;
  }

  /** The connection for a region heading (the first one when none is given or it is not shown). */
  connection(heading?: string): RegionConnection {
    const all = this.connections();
    return all.find((c) => c.heading === heading) ?? all[0];
  }

  /** The first region's connection: the one Definitions drift and Apply use. */
  primary(): RegionConnection {
    return this.connections()[0];
  }

  /** "profile · region (· endpoint)" of the first region, without loading the AWS layer. */
  label(): string {
    return this.connectionList ? this.connectionList[0].connection.label() : connectionLabel({ ...this.current, region: this.headings()[0] ?? this.current.region });
  }

  /** Where the first region's meshes come from, as a key for the language server's live names. */
  regionKey(heading: string | undefined): string {
    return heading ?? (this.current.region || "default");
  }

  /** Why writing to a mesh is not allowed here, or undefined when it is. */
  writeBlocker(): string | undefined {
    if (!vscode.workspace.isTrusted) return "This workspace is not trusted; App Mesh does not change meshes from untrusted workspaces.";
    if (this.current.readOnly) return "The setting appmesh.readOnly is on.";
    return undefined;
  }

  meshChanged(mesh: string, region?: string): void {
    this.meshEmitter.fire({ mesh, ...(region ? { region } : {}) });
  }

  reportOutcome(outcome: ConnectionOutcome): void {
    this.outcomeEmitter.fire(outcome);
  }

  /** Drops the connections (and every cache with them); the next use builds new ones. */
  reconnect(): void {
    for (const c of this.connectionList ?? []) c.connection.dispose();
    this.connectionList = undefined;
    this.connectionsEmitter.fire();
  }

  private updateWritableContext(): void {
    void vscode.commands.executeCommand("setContext", "appmesh.writable", this.writeBlocker() === undefined);
  }

  /** One line per AWS call, naming what it was about; expected "not found" answers only at debug level. */
  private logCall(entry: CallLogEntry): void {
    const line = `${entry.service}.${entry.operation}${entry.subject ? ` (${entry.subject})` : ""} ${entry.outcome} in ${entry.durationMs.toFixed(0)} ms${entry.attempts > 1 ? ` after ${entry.attempts} attempts` : ""}`;
    if (entry.outcome === "ok") this.log.info(line);
    else if (entry.outcome === "not-found") this.log.debug(line);
    else this.log.warn(line);
  }

  dispose(): void {
    for (const c of this.connectionList ?? []) c.connection.dispose();
    this.connectionsEmitter.dispose();
    this.outcomeEmitter.dispose();
    this.meshEmitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
