// Progressive promotion, vscode-free: every interval, the gate reads X-Ray for the canary and the
// baseline over that interval, then the promotion steps up the ladder, holds, or after N failures
// rolls back to the weights it started from. Its record (kept by the extension) lets a promotion
// interrupted by a reload be resumed or rolled back.
import type { XRayAccess } from "../aws/xrayAccess";
import { gate, nextAction, type GateDecision, type GateInput, type GateThresholds } from "../model/canaryGate";
import { canaryPercent, weightsForCanary, type CanaryRoles } from "../model/routeWeights";

export interface PromotionStepRecord {
  /** Epoch ms. */
  time: number;
  verdict?: GateDecision["verdict"];
  action: "start" | "step" | "hold" | "rollback" | "done" | "cancelled" | "failed" | "resumed";
  weights?: number[];
  reason: string;
}

export interface PromotionRecord {
  id: string;
  mesh: string;
  region?: string;
  router: string;
  route: string;
  /** Target node names in the spec's order. */
  targets: string[];
  startWeights: number[];
  weights: number[];
  roles: CanaryRoles;
  ladder: number[];
  intervalSeconds: number;
  maxFailures: number;
  thresholds: GateThresholds;
  failures: number;
  status: "running" | "done" | "rolled-back" | "cancelled" | "failed";
  history: PromotionStepRecord[];
}

export interface PromotionDeps {
  /** Writes the weights through the change pipeline (version check, update, read-back); returns the weights really live. */
  applyWeights(weights: number[]): Promise<number[]>;
  /** Canary and baseline statistics per minute over [start, end]. */
  readGate(start: number, end: number): Promise<GateInput>;
  now(): number;
  /** Resolves after ms, or early (false) when cancelled. */
  wait(ms: number): Promise<boolean>;
  /** Called after every change of the record (persist it, update the status bar, log the decision). */
  changed(record: PromotionRecord, step: PromotionStepRecord): void;
}

export function percentOf(record: PromotionRecord): number {
  return canaryPercent(record.weights, record.roles);
}

function note(record: PromotionRecord, deps: PromotionDeps, step: Omit<PromotionStepRecord, "time">): void {
  const full = { time: deps.now(), ...step };
  record.history.push(full);
  deps.changed(record, full);
}

/** Runs the promotion until it is done, rolled back, cancelled or fails; returns the record. */
export async function runPromotion(record: PromotionRecord, deps: PromotionDeps): Promise<PromotionRecord> {
  while (record.status === "running") {
    const started = deps.now();
    if (!(await deps.wait(record.intervalSeconds * 1000))) {
      record.status = "cancelled";
      note(record, deps, { action: "cancelled", weights: record.weights, reason: "cancelled by the user; the weights stay as they are" });
      break;
    }
    let decision: GateDecision;
    try {
      decision = gate(await deps.readGate(started, deps.now()), record.thresholds);
    } catch (error) {
      decision = { verdict: "inconclusive", samples: 0, reason: `X-Ray could not be read: ${error instanceof Error ? error.message : String(error)}` };
    }
    const action = nextAction({ percent: percentOf(record), failures: record.failures }, decision, record.ladder, record.maxFailures);
    try {
      if (action.action === "step") {
        record.weights = await deps.applyWeights(weightsForCanary(record.weights, record.roles, action.toPercent));
        note(record, deps, { verdict: decision.verdict, action: "step", weights: record.weights, reason: `${decision.reason}; canary to ${action.toPercent} %` });
        if (percentOf(record) >= 100 - 1e-9) {
          record.status = "done";
          note(record, deps, { action: "done", weights: record.weights, reason: "the canary takes all traffic" });
        }
      } else if (action.action === "hold") {
        if (decision.verdict === "fail") record.failures++;
        note(record, deps, { verdict: decision.verdict, action: "hold", weights: record.weights, reason: `${decision.reason}${decision.verdict === "fail" ? ` (failure ${record.failures} of ${record.maxFailures})` : ""}` });
      } else if (action.action === "rollback") {
        record.failures++;
        record.weights = await deps.applyWeights(record.startWeights);
        record.status = "rolled-back";
        note(record, deps, { verdict: decision.verdict, action: "rollback", weights: record.weights, reason: `${decision.reason}; failure ${record.failures} of ${record.maxFailures}: rolled back to the starting weights` });
      } else {
        record.status = "done";
        note(record, deps, { verdict: decision.verdict, action: "done", weights: record.weights, reason: "the canary takes all traffic" });
      }
    } catch (error) {
      record.status = "failed";
      note(record, deps, { action: "failed", weights: record.weights, reason: `the weights could not be written: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return record;
}

const quote = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** The gate's data from X-Ray: each side's Envoy service statistics per minute (App Mesh names them "<mesh>/<node>"). */
export function xrayGateReader(xray: XRayAccess, mesh: string, targets: string[], roles: CanaryRoles): PromotionDeps["readGate"] {
  const side = async (indexes: number[], start: number, end: number) => {
    const perNode = await Promise.all(
      indexes.map((i) => xray.timeSeries(new Date(start), new Date(end), `service(id(name: ${quote(`${mesh}/${targets[i]}`)}, type: "AWS::AppMesh::Proxy"))`, 60)),
    );
    return perNode.flat().map((p) => ({ statistics: p.statistics, ...(p.p95Ms !== undefined ? { p95Ms: p.p95Ms } : {}) }));
  };
  return async (start, end) => {
    const [canary, baseline] = await Promise.all([side(roles.canaries, start, end), side([roles.baseline], start, end)]);
    return { canary, baseline };
  };
}
