// The local sandbox: App Mesh, Cloud Map and X-Ray on one endpoint, with simulated traffic, fault
// injection and optional state on disk. Tests and the CLI start it the same way.
import { MeshStore, type StoreLimits, type StoreSnapshot } from "./appmesh/store";
import { AppMeshService } from "./appmesh/appMeshService";
import { CloudMapService } from "./cloudmap/cloudMapService";
import { Endpoint } from "./endpoint";
import { mergeFaults, NO_FAULTS, type Faults } from "./faults";
import type { SandboxRequest, SandboxResponse, SandboxService } from "./protocol";
import { applySeed } from "./seeds/seeds";
import { readState, writeAtomically } from "./stateFile";
import { DEFAULT_PROFILE, mergeProfile, type NodeProfile } from "./traffic/profiles";
import { seededRandom } from "./traffic/random";
import { SimClock } from "./traffic/simClock";
import { TrafficSimulator } from "./traffic/simulator";
import { XRayService } from "./xray/xrayService";

export interface SandboxOptions {
  port?: number;
  /** demo, empty, scale:N or file:PATH; ignored when a state file already holds state. */
  seed?: string;
  faults?: Faults;
  /** Keep App Mesh and Cloud Map state in this file across restarts. */
  stateFile?: string;
  limits?: StoreLimits;
  /** Share of simulated requests that are traced (default 1: every request). */
  sampling?: number;
  /** Wall-clock milliseconds between traffic ticks; 0 leaves the simulator to POST /_sandbox/tick. */
  tickMs?: number;
  randomSeed?: number;
  log?: (line: string) => void;
}

interface SavedState {
  appMesh: StoreSnapshot;
  cloudMap: unknown;
  profiles: Record<string, NodeProfile>;
}

const CLOUD_MAP_WRITES = /\.(Register|Deregister|Update|Create|Delete)/;

export class Sandbox {
  readonly clock = new SimClock();
  readonly store: MeshStore;
  readonly appMesh: AppMeshService;
  readonly cloudMap: CloudMapService;
  readonly xray: XRayService;
  readonly simulator: TrafficSimulator;
  faults: Faults;
  url = "";
  private readonly endpoint: Endpoint;
  private readonly random: () => number;

  private constructor(private readonly options: SandboxOptions) {
    this.random = seededRandom(options.randomSeed ?? 1);
    this.faults = options.faults ?? NO_FAULTS;
    this.store = new MeshStore(this.clock, options.limits);
    this.appMesh = new AppMeshService(this.store);
    this.cloudMap = new CloudMapService(this.clock);
    this.xray = new XRayService(this.clock);
    this.simulator = new TrafficSimulator(this.store, { putSegments: (docs) => this.xray.putSegments(docs as never) }, this.clock, {
      sampling: options.sampling ?? 1,
      random: this.random,
    });
    const services: SandboxService[] = [this.appMesh, this.cloudMap, this.xray];
    this.endpoint = new Endpoint({
      services,
      faults: () => this.faults,
      meshOf: (request) => (request.path.startsWith("/v20190125/") ? this.appMesh.meshOf(request) : undefined),
      admin: (request) => this.admin(request),
      afterSuccess: (service, request) => {
        const target = String(request.headers["x-amz-target"] ?? "");
        if ((service === this.appMesh && request.method !== "GET") || (service === this.cloudMap && CLOUD_MAP_WRITES.test(target))) this.save();
      },
      random: this.random,
      log: options.log,
    });
  }

  static async start(options: SandboxOptions = {}): Promise<Sandbox> {
    const sandbox = new Sandbox(options);
    const saved = options.stateFile ? readState<SavedState>(options.stateFile) : undefined;
    if (saved) {
      sandbox.store.restore(saved.appMesh);
      sandbox.cloudMap.restore(saved.cloudMap as never);
      for (const [key, profile] of Object.entries(saved.profiles ?? {})) {
        const [mesh, ...node] = key.split("/");
        sandbox.simulator.setProfile(mesh, node.join("/"), profile);
      }
    } else if (options.seed) {
      const result = applySeed(options.seed, sandbox);
      for (const skipped of result.skipped) options.log?.(`seed: skipped ${skipped.resource}: ${skipped.reason}`);
      sandbox.save();
    }
    sandbox.url = await sandbox.endpoint.listen(options.port ?? 0);
    if ((options.tickMs ?? 1000) > 0) sandbox.simulator.start(options.tickMs ?? 1000);
    return sandbox;
  }

  /** Writes App Mesh and Cloud Map state (and node profiles) when a state file is configured. */
  save(): void {
    if (!this.options.stateFile) return;
    const state: SavedState = { appMesh: this.store.snapshot(), cloudMap: this.cloudMap.snapshot(), profiles: this.simulator.profilesSnapshot() };
    writeAtomically(this.options.stateFile, JSON.stringify(state));
  }

  async close(): Promise<void> {
    this.simulator.stop();
    await this.endpoint.close();
  }

  /** Admin routes (documented in the README): faults, node profiles, ticks and a summary of state. */
  private async admin(request: SandboxRequest): Promise<SandboxResponse | undefined> {
    const parts = request.path.split("/").filter(Boolean).map(decodeURIComponent); // ["_sandbox", …]
    const route = `${request.method} ${parts[1] ?? ""}`;
    switch (route) {
      case "GET health":
        return { status: 200, body: { ok: true, url: this.url, rssBytes: process.memoryUsage().rss } };
      case "GET faults":
        return { status: 200, body: this.faults };
      case "POST faults":
        this.faults = mergeFaults(this.faults, request.body);
        return { status: 200, body: this.faults };
      case "GET profiles":
        return { status: 200, body: this.simulator.profilesSnapshot() };
      case "POST profiles": {
        const [mesh, node] = parts.slice(2);
        if (!mesh || !node) throw new Error("use POST /_sandbox/profiles/<mesh>/<virtualNode>");
        const profile = mergeProfile(this.simulator.profile(mesh, node) ?? DEFAULT_PROFILE, request.body);
        this.simulator.setProfile(mesh, node, profile);
        this.save();
        return { status: 200, body: profile };
      }
      case "POST tick": {
        const seconds = Number(request.query.get("seconds") ?? 1);
        if (!(seconds > 0 && seconds <= 86_400)) throw new Error("seconds must be between 0 and 86400");
        const segments = this.simulator.tick(seconds);
        return { status: 200, body: { segments, now: this.clock.now() / 1000 } };
      }
      case "GET state":
        return {
          status: 200,
          body: {
            now: this.clock.now() / 1000,
            meshes: this.store.list("Mesh").map((mesh) => ({
              meshName: mesh.name,
              resources: this.store
                .all()
                .filter((r) => r.meshName === mesh.name && r.kind !== "Mesh")
                .map((r) => ({ kind: r.kind, name: r.name, parentName: r.parentName, version: r.metadata.version })),
            })),
            xray: this.xray.stats(),
          },
        };
      default:
        return undefined;
    }
  }
}
