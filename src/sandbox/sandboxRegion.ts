// Everything the sandbox holds for one region: App Mesh, Cloud Map and X-Ray state, and the traffic
// simulator that sends the region's meshes' segments to the region's X-Ray. ARNs name the region.
import { AppMeshService } from "./appmesh/appMeshService";
import { MeshStore, type StoreLimits, type StoreSnapshot } from "./appmesh/store";
import { CloudMapService, type CloudMapSnapshot } from "./cloudmap/cloudMapService";
import { completeProfile, type NodeProfile } from "./traffic/profiles";
import type { SimClock } from "./traffic/simClock";
import { TrafficSimulator } from "./traffic/simulator";
import { XRayService } from "./xray/xrayService";

export interface RegionOptions {
  clock: SimClock;
  limits?: StoreLimits;
  /** Share of simulated requests that are traced. */
  sampling: number;
  random: () => number;
}

/** What the state file keeps of a region (X-Ray traces are not kept: they expire anyway). */
export interface RegionSnapshot {
  appMesh: StoreSnapshot;
  cloudMap: CloudMapSnapshot;
  /** Node profiles by "mesh/virtualNode". */
  profiles: Record<string, NodeProfile>;
}

export class SandboxRegion {
  readonly store: MeshStore;
  readonly appMesh: AppMeshService;
  readonly cloudMap: CloudMapService;
  readonly xray: XRayService;
  readonly simulator: TrafficSimulator;

  constructor(
    readonly name: string,
    options: RegionOptions,
  ) {
    this.store = new MeshStore(options.clock, options.limits, name);
    this.appMesh = new AppMeshService(this.store);
    this.cloudMap = new CloudMapService(options.clock, undefined, name);
    this.xray = new XRayService(options.clock, { region: name });
    this.simulator = new TrafficSimulator(this.store, { putSegments: (docs) => this.xray.putSegments(docs as never) }, options.clock, {
      sampling: options.sampling,
      random: options.random,
    });
  }

  snapshot(): RegionSnapshot {
    return { appMesh: this.store.snapshot(), cloudMap: this.cloudMap.snapshot(), profiles: this.simulator.profilesSnapshot() };
  }

  restore(saved: RegionSnapshot): void {
    this.store.restore(saved.appMesh);
    this.cloudMap.restore(saved.cloudMap);
    for (const [key, profile] of Object.entries(saved.profiles ?? {})) {
      const [mesh, ...node] = key.split("/");
      this.simulator.setProfile(mesh, node.join("/"), completeProfile(profile));
    }
  }
}
