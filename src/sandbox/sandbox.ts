// The local sandbox: App Mesh, Cloud Map and X-Ray on one endpoint, with simulated traffic, fault
// injection and optional state on disk. Tests and the CLI start it the same way.
//
// Regions are kept apart: a request acts on the region it was signed for (its SigV4 credential
// scope; unsigned requests and unreadable scopes count as us-east-1), and every ARN names that
// region. Seeds go into us-east-1 unless told otherwise:
//   Sandbox.start({ seed: "demo", seeds: { "eu-west-1": "scale:3" } })
//   node dist/sandbox.js --seed demo --seed eu-west-1=scale:3
// Admin routes take `?region=` (default us-east-1) where state is per region: profiles and state.
// POST /_sandbox/tick moves every region's traffic; faults apply to every region.
import type { AppMeshService } from "./appmesh/appMeshService";
import type { MeshStore, StoreLimits } from "./appmesh/store";
import type { CloudMapService } from "./cloudmap/cloudMapService";
import { Endpoint } from "./endpoint";
import { mergeFaults, NO_FAULTS, type Faults } from "./faults";
import { DEFAULT_REGION, type SandboxRequest, type SandboxResponse } from "./protocol";
import { RegionalService } from "./regionalService";
import { readSavedState, writeSavedState } from "./savedState";
import { SandboxRegion, type RegionSnapshot } from "./sandboxRegion";
import { seedsByRegion } from "./seeds/regionSeeds";
import { applySeed } from "./seeds/seeds";
import { isRegionName } from "./signedRegion";
import { DEFAULT_PROFILE, mergeProfile } from "./traffic/profiles";
import { seededRandom } from "./traffic/random";
import { SimClock } from "./traffic/simClock";
import type { TrafficSimulator } from "./traffic/simulator";
import type { XRayService } from "./xray/xrayService";

export interface SandboxOptions {
  port?: number;
  /** The default region's (us-east-1) seed: demo, empty, scale:N or file:PATH; ignored when a state file already holds state. */
  seed?: string;
  /** Seeds of other regions, by region: `{ "eu-west-1": "scale:3" }`. An entry for us-east-1 replaces `seed`. */
  seeds?: Record<string, string>;
  faults?: Faults;
  /** Keep App Mesh and Cloud Map state (every region's) in this file across restarts. */
  stateFile?: string;
  /** Per region, as AWS's quotas are. */
  limits?: StoreLimits;
  /** Share of simulated requests that are traced (default 1: every request). */
  sampling?: number;
  /** Wall-clock milliseconds between traffic ticks; 0 leaves the simulator to POST /_sandbox/tick. */
  tickMs?: number;
  randomSeed?: number;
  log?: (line: string) => void;
}

const CLOUD_MAP_WRITES = /\.(Register|Deregister|Update|Create|Delete)/;

export class Sandbox {
  readonly clock = new SimClock();
  faults: Faults;
  url = "";
  private readonly regionsByName = new Map<string, SandboxRegion>();
  private readonly endpoint: Endpoint;
  private readonly random: () => number;
  /** Set once started; regions first used later start ticking too. */
  private tickMs = 0;

  private constructor(private readonly options: SandboxOptions) {
    this.random = seededRandom(options.randomSeed ?? 1);
    this.faults = options.faults ?? NO_FAULTS;
    const home = this.region(DEFAULT_REGION);
    const appMesh = new RegionalService(home.appMesh, (region) => this.region(region).appMesh);
    const cloudMap = new RegionalService(home.cloudMap, (region) => this.region(region).cloudMap);
    const xray = new RegionalService(home.xray, (region) => this.region(region).xray);
    this.endpoint = new Endpoint({
      services: [appMesh, cloudMap, xray],
      faults: () => this.faults,
      meshOf: (request) => (request.path.startsWith("/v20190125/") ? home.appMesh.meshOf(request) : undefined),
      admin: (request) => this.admin(request),
      afterSuccess: (service, request) => {
        const target = String(request.headers["x-amz-target"] ?? "");
        if ((service === appMesh && request.method !== "GET") || (service === cloudMap && CLOUD_MAP_WRITES.test(target))) this.save();
      },
      random: this.random,
      log: options.log,
    });
  }

  static async start(options: SandboxOptions = {}): Promise<Sandbox> {
    const seeds = seedsByRegion(options.seed, options.seeds); // checked before anything starts
    const sandbox = new Sandbox(options);
    const saved = options.stateFile ? readSavedState(options.stateFile) : undefined;
    if (saved) {
      for (const [region, snapshot] of Object.entries(saved.regions)) sandbox.region(region).restore(snapshot);
    } else if (seeds.size) {
      for (const [region, seed] of seeds) {
        const result = applySeed(seed, sandbox.region(region));
        const where = region === DEFAULT_REGION ? "" : ` in ${region}`;
        for (const skipped of result.skipped) options.log?.(`seed: skipped ${skipped.resource}${where}: ${skipped.reason}`);
      }
      sandbox.save();
    }
    sandbox.url = await sandbox.endpoint.listen(options.port ?? 0);
    sandbox.tickMs = options.tickMs ?? 1000;
    if (sandbox.tickMs > 0) for (const region of sandbox.regionsByName.values()) region.simulator.start(sandbox.tickMs);
    return sandbox;
  }

  /** A region's state, made empty the first time the region is used. */
  region(name: string): SandboxRegion {
    let region = this.regionsByName.get(name);
    if (!region) {
      region = new SandboxRegion(name, { clock: this.clock, limits: this.options.limits, sampling: this.options.sampling ?? 1, random: this.random });
      this.regionsByName.set(name, region);
      if (this.tickMs > 0) region.simulator.start(this.tickMs);
    }
    return region;
  }

  /** Regions used so far (seeded, restored or asked about), the default region first. */
  regions(): string[] {
    return [...this.regionsByName.keys()];
  }

  // The default region's parts, for tests and tools that work in one region.
  get store(): MeshStore {
    return this.region(DEFAULT_REGION).store;
  }
  get appMesh(): AppMeshService {
    return this.region(DEFAULT_REGION).appMesh;
  }
  get cloudMap(): CloudMapService {
    return this.region(DEFAULT_REGION).cloudMap;
  }
  get xray(): XRayService {
    return this.region(DEFAULT_REGION).xray;
  }
  get simulator(): TrafficSimulator {
    return this.region(DEFAULT_REGION).simulator;
  }

  /** Writes every region's App Mesh and Cloud Map state (and node profiles) when a state file is configured. */
  save(): void {
    if (!this.options.stateFile) return;
    const regions: Record<string, RegionSnapshot> = {};
    for (const [name, region] of this.regionsByName) regions[name] = region.snapshot();
    writeSavedState(this.options.stateFile, regions);
  }

  async close(): Promise<void> {
    for (const region of this.regionsByName.values()) region.simulator.stop();
    await this.endpoint.close();
  }

  /** Simulates `seconds` of traffic in every region, moving the clock ahead one second at a time. */
  private tick(seconds: number): number {
    let segments = 0;
    for (let left = seconds; left > 0; left -= 1) {
      const step = Math.min(1, left);
      this.clock.advance(step * 1000);
      for (const region of this.regionsByName.values()) segments += region.simulator.tick(step, false);
    }
    return segments;
  }

  /** The region an admin request names with ?region= (default us-east-1). */
  private adminRegion(request: SandboxRequest): SandboxRegion {
    const name = request.query.get("region") ?? DEFAULT_REGION;
    if (!isRegionName(name)) throw new Error(`region must be a region name such as eu-west-1, got "${name}"`);
    return this.region(name);
  }

  /** Admin routes (documented in the README): faults, node profiles, ticks and a summary of state. */
  private async admin(request: SandboxRequest): Promise<SandboxResponse | undefined> {
    const parts = request.path.split("/").filter(Boolean).map(decodeURIComponent); // ["_sandbox", …]
    const route = `${request.method} ${parts[1] ?? ""}`;
    switch (route) {
      case "GET health":
        return { status: 200, body: { ok: true, url: this.url, rssBytes: process.memoryUsage().rss, regions: this.regions() } };
      case "GET faults":
        return { status: 200, body: this.faults };
      case "POST faults":
        this.faults = mergeFaults(this.faults, request.body);
        return { status: 200, body: this.faults };
      case "GET profiles":
        return { status: 200, body: this.adminRegion(request).simulator.profilesSnapshot() };
      case "POST profiles": {
        const [mesh, node] = parts.slice(2);
        if (!mesh || !node) throw new Error("use POST /_sandbox/profiles/<mesh>/<virtualNode>[?region=REGION]");
        const { simulator } = this.adminRegion(request);
        const profile = mergeProfile(simulator.profile(mesh, node) ?? DEFAULT_PROFILE, request.body);
        simulator.setProfile(mesh, node, profile);
        this.save();
        return { status: 200, body: profile };
      }
      case "POST tick": {
        const seconds = Number(request.query.get("seconds") ?? 1);
        if (!(seconds > 0 && seconds <= 86_400)) throw new Error("seconds must be between 0 and 86400");
        const segments = this.tick(seconds);
        return { status: 200, body: { segments, now: this.clock.now() / 1000 } };
      }
      case "GET state": {
        const region = this.adminRegion(request);
        return {
          status: 200,
          body: {
            now: this.clock.now() / 1000,
            region: region.name,
            regions: this.regions(),
            meshes: region.store.list("Mesh").map((mesh) => ({
              meshName: mesh.name,
              resources: region.store
                .all()
                .filter((r) => r.meshName === mesh.name && r.kind !== "Mesh")
                .map((r) => ({ kind: r.kind, name: r.name, parentName: r.parentName, version: r.metadata.version })),
            })),
            xray: region.xray.stats(),
          },
        };
      }
      default:
        return undefined;
    }
  }
}
