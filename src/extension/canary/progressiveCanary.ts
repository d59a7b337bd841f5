// Progressive promotion in the window: the ladder every interval, gated on X-Ray, with a cancellable
// progress notification and a status-bar item saying the step and the last decision; every
// decision goes to the "App Mesh" log and into the route's history (kept in global state), so a
// promotion cut off by a reload or a crash is offered Resume or Roll Back on the next start.
import * as vscode from "vscode";
import type { GateThresholds } from "../../model/canaryGate";
import type { PromotionRecord, PromotionStepRecord } from "../../live/index";
import { liveLayer } from "../lazyBundles";
import type { Session } from "../session";
import { routeKey, type LiveCanary, type LiveRoute } from "./liveCanary";
import { describeChange, ladderSetting } from "./weightsPicker";

const STORE_KEY = "appmesh.promotions";
const KEEP = 30;

function gateSettings(): { intervalSeconds: number; maxFailures: number; thresholds: GateThresholds } {
  const c = vscode.workspace.getConfiguration("appmesh.canary");
  const num = (key: string, fallback: number, min: number) => {
    const v = c.get<number>(key, fallback);
    return Number.isFinite(v) && v >= min ? v : fallback;
  };
  return {
    intervalSeconds: num("interval", 60, 10),
    maxFailures: Math.floor(num("maxFailures", 2, 1)),
    thresholds: {
      maxErrorPercent: num("gate.maxErrorPercent", 5, 0),
      maxP95Ms: num("gate.maxP95Ms", 1000, 1),
      maxP95Ratio: num("gate.maxP95Ratio", 1.5, 1),
      p95SlackMs: num("gate.p95SlackMs", 25, 0),
      minSamples: Math.floor(num("gate.minSamples", 20, 1)),
    },
  };
}

const routeOf = (r: PromotionRecord): LiveRoute => ({ ...(r.region ? { region: r.region } : {}), meshName: r.mesh, routerName: r.router, routeName: r.route });

export class ProgressiveCanary implements vscode.Disposable {
  private readonly status = vscode.window.createStatusBarItem("appmesh.promotion", vscode.StatusBarAlignment.Left, 5);
  private readonly running = new Map<string, vscode.CancellationTokenSource>();

  constructor(
    private readonly session: Session,
    private readonly live: LiveCanary,
    private readonly state: vscode.Memento,
  ) {
    this.status.name = "App Mesh Promotion";
    this.status.command = "appmesh.showPromotionHistory";
  }

  records(): PromotionRecord[] {
    return this.state.get<PromotionRecord[]>(STORE_KEY, []);
  }

  private async save(record: PromotionRecord): Promise<void> {
    const others = this.records().filter((r) => r.id !== record.id);
    await this.state.update(STORE_KEY, [...others, structuredClone(record)].slice(-KEEP));
  }

  async start(route: LiveRoute): Promise<void> {
    const blocked = this.session.writeBlocker();
    if (blocked) return void vscode.window.showWarningMessage(`Progressive Promotion: ${blocked}`);
    if (this.running.has(routeKey(route))) return void vscode.window.showInformationMessage(`A promotion of ${route.routeName} is already running.`);
    const prepared = await this.live.prepare(route);
    if (!prepared) return;
    const { targets, roles } = prepared;
    if (!(await this.live.confirmOwnership(route, targets))) return;
    const settings = gateSettings();
    const ladder = ladderSetting();
    const weights = targets.targets.map((t) => t.weight);
    const canaries = roles.canaries.map((i) => targets.targets[i].node).join(", ");
    const t = settings.thresholds;
    const answer = await vscode.window.showWarningMessage(
      `Promote ${canaries} on route ${route.routeName} progressively?`,
      {
        modal: true,
        detail: `Mesh ${route.meshName} · router ${route.routerName} · route ${route.routeName}, now ${describeChange(targets, weights)}.\nEvery ${settings.intervalSeconds} s the canary's X-Ray statistics are checked (errors and faults ≤ ${t.maxErrorPercent} % in every minute, p95 ≤ ${t.maxP95Ms} ms and ≤ ${t.maxP95Ratio}× the baseline's, at least ${t.minSamples} sampled requests); a pass moves to the next of ${ladder.join(" → ")} %, too few samples hold, and ${settings.maxFailures} failures roll back to ${weights.join("/")}.`,
      },
      "Start",
    );
    if (answer !== "Start") return;
    const record: PromotionRecord = {
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      mesh: route.meshName,
      ...(route.region ? { region: route.region } : {}),
      router: route.routerName,
      route: route.routeName,
      targets: targets.targets.map((x) => x.node),
      startWeights: weights,
      weights,
      roles,
      ladder,
      intervalSeconds: settings.intervalSeconds,
      maxFailures: settings.maxFailures,
      thresholds: settings.thresholds,
      failures: 0,
      status: "running",
      history: [{ time: Date.now(), action: "start", weights, reason: `started at ${describeChange(targets, weights)}` }],
    };
    await this.save(record);
    void this.run(record);
  }

  /** Runs (or resumes) a promotion with its notification and status bar item. */
  private async run(record: PromotionRecord): Promise<void> {
    const key = routeKey(routeOf(record));
    const source = new vscode.CancellationTokenSource();
    this.running.set(key, source);
    const layer = liveLayer();
    const connection = this.session.connection(record.region);
    const show = (step?: PromotionStepRecord) => {
      this.status.text = `$(rocket) ${record.route} ${Math.round(layer.percentOf(record))} %${step?.verdict ? ` · ${step.verdict}` : ""}`;
      this.status.tooltip = step ? `${record.mesh}/${record.router}/${record.route}: ${step.reason}` : `${record.mesh}/${record.router}/${record.route}`;
      this.status.show();
    };
    show();
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Promoting ${record.route}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => source.cancel());
          progress.report({ message: `${Math.round(layer.percentOf(record))} %: next check in ${record.intervalSeconds} s` });
          await layer.runPromotion(record, {
            applyWeights: async (weights) => {
              const live = await this.live.write(routeOf(record), weights, "", { confirm: false, quiet: true });
              if (!live) throw new Error("the weights could not be confirmed live");
              return live;
            },
            readGate: layer.xrayGateReader(connection.xray, record.mesh, record.targets, record.roles),
            now: () => Date.now(),
            wait: (ms) =>
              new Promise<boolean>((resolve) => {
                if (source.token.isCancellationRequested) return resolve(false);
                const timer = setTimeout(() => resolve(true), ms);
                source.token.onCancellationRequested(() => {
                  clearTimeout(timer);
                  resolve(false);
                });
              }),
            changed: (changed, step) => {
              void this.save(changed);
              this.session.log.info(`Promotion ${changed.mesh}/${changed.router}/${changed.route}: ${step.action}${step.verdict ? ` (${step.verdict})` : ""}: ${step.reason}`);
              progress.report({ message: `${Math.round(layer.percentOf(changed))} %: ${step.reason}` });
              show(step);
            },
          });
        },
      );
      const last = record.history.at(-1);
      const text = `${record.route}: promotion ${record.status}. ${last?.reason ?? ""}`;
      if (record.status === "done") void vscode.window.showInformationMessage(text);
      else if (record.status === "cancelled") void vscode.window.showInformationMessage(text);
      else void vscode.window.showWarningMessage(text);
    } finally {
      this.running.delete(key);
      source.dispose();
      if (!this.running.size) this.status.hide();
    }
  }

  /** Shows a route's (or every) promotion decisions. */
  async showHistory(route?: LiveRoute): Promise<void> {
    const records = this.records().filter((r) => !route || routeKey(routeOf(r)) === routeKey(route)).reverse();
    if (!records.length) return void vscode.window.showInformationMessage(route ? `No promotion of ${route.routeName} is on record.` : "No promotion is on record.");
    const record =
      records.length === 1
        ? records[0]
        : (await vscode.window.showQuickPick(records.map((r) => ({ label: `${r.mesh}/${r.router}/${r.route}`, description: `${r.status} · ${new Date(r.history[0]?.time ?? 0).toLocaleString()}`, r })), { title: "Promotion History" }))?.r;
    if (!record) return;
    await vscode.window.showQuickPick(
      record.history.map((h) => ({ label: `${new Date(h.time).toLocaleTimeString()} ${h.action}${h.verdict ? ` (${h.verdict})` : ""}`, description: h.weights?.join("/"), detail: h.reason })),
      { title: `Promotion of ${record.route}: ${record.status}`, canPickMany: false },
    );
  }

  /** Puts the route back to the weights its last promotion started from (with the usual confirmation). */
  async rollBackLast(route: LiveRoute): Promise<void> {
    const blocked = this.session.writeBlocker();
    if (blocked) return void vscode.window.showWarningMessage(`Roll Back: ${blocked}`);
    const record = this.records().filter((r) => routeKey(routeOf(r)) === routeKey(route)).at(-1);
    if (!record) return void vscode.window.showInformationMessage(`No promotion of ${route.routeName} is on record.`);
    this.running.get(routeKey(route))?.cancel();
    const live = await this.live.write(route, record.startWeights, `Roll ${route.routeName} back to the weights its last promotion started from?`);
    if (live) {
      record.status = "rolled-back";
      record.weights = live;
      record.history.push({ time: Date.now(), action: "rollback", weights: live, reason: "rolled back by the user" });
      await this.save(record);
    }
  }

  /** On start: promotions still "running" were cut off (reload, crash); offer Resume or Roll Back with the weights live now. */
  async offerInterrupted(): Promise<void> {
    for (const record of this.records().filter((r) => r.status === "running")) {
      const route = routeOf(record);
      let now = "";
      try {
        const weights = await liveLayer().readRouteWeights(this.session.connection(record.region).access, { meshName: record.mesh, routerName: record.router, routeName: record.route });
        record.weights = weights.targets.map((t) => t.weight);
        now = ` Live now: ${liveLayer().weightsText(weights.targets)}.`;
      } catch (error) {
        now = ` The route could not be read: ${error instanceof Error ? error.message : String(error)}.`;
      }
      const answer = await vscode.window.showWarningMessage(
        `A progressive promotion of ${record.mesh}/${record.router}/${record.route} was interrupted.${now}`,
        "Resume",
        "Roll Back",
        "Leave As Is",
      );
      if (answer === "Resume") {
        record.history.push({ time: Date.now(), action: "resumed", weights: record.weights, reason: "resumed after an interruption" });
        await this.save(record);
        void this.run(record);
      } else if (answer === "Roll Back") await this.rollBackLast(route);
      else if (answer === "Leave As Is") {
        record.status = "cancelled";
        record.history.push({ time: Date.now(), action: "cancelled", weights: record.weights, reason: "left as it was after an interruption" });
        await this.save(record);
      }
    }
  }

  dispose(): void {
    for (const source of this.running.values()) source.cancel();
    this.status.dispose();
  }
}
