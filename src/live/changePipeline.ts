// The one change pipeline of the live layer: plan → preview → confirm → execute → verify → outcome.
// Apply to Mesh and canary promotion both run through it. The caller supplies the steps: the plan
// reads what is live, confirm shows the plan and asks (the extension injects its UI; nothing here
// knows vscode), execute writes, verify reads back what is really live. The outcome always says
// what happened, item by item, and what is live afterwards when that could be read.

export type ChangeStatus = "done" | "cancelled" | "aborted" | "failed";

/** Where the pipeline stopped: the step that decided the outcome. */
export type ChangeStage = "plan" | "check" | "confirm" | "execute" | "verify";

export type ItemStatus = "done" | "unchanged" | "skipped" | "aborted" | "failed";

export interface ItemResult<I> {
  item: I;
  status: ItemStatus;
  message: string;
  /** The failure, when status is "failed". */
  error?: unknown;
}

/** What execute may use while it runs: whether to stop, and where to report progress. */
export interface ExecuteControl<I> {
  /** True once the user asked to stop; execute skips what it has not started. */
  cancelled(): boolean;
  /** Called before each item is written (done = items written so far). */
  progress?(done: number, item: I): void;
}

export interface Execution<I, L> {
  results: ItemResult<I>[];
  /** The write was refused before it happened (for example the resource moved since the plan). */
  aborted?: string;
  /** What execute learnt is live (for example the re-read that caused an abort), for verify to use. */
  live?: L;
  /** A summary of what was written, used as the outcome's message when nothing else is said. */
  message?: string;
}

export interface Verification<L> {
  /** What is really live after execute; undefined when it could not be read. */
  live?: L;
  /** Set when the live state is not what was asked: the outcome fails with this message. */
  mismatch?: string;
  /** Said after the execute message (for example the weights read back, or why they could not be read). */
  message?: string;
}

/** A decision made on the plan before asking: nothing to do ("done") or refused ("failed"). */
export interface Decision {
  status: "done" | "failed";
  message: string;
}

export interface ChangeSteps<P, I, L> {
  /** Reads what is live and works out the change. A throw ends the pipeline "failed" at "plan". */
  plan(): PromiseLike<P>;
  /** Looks at the plan before asking: undefined to go on, or a decision that ends the pipeline. */
  check?(plan: P): Decision | undefined;
  /** Shows the plan (preview) and asks; true writes, false cancels with nothing written. */
  confirm(plan: P): PromiseLike<boolean> | boolean;
  /** Writes. A throw counts as a failed execution (verify still reads what is live). */
  execute(plan: P, control: ExecuteControl<I>): PromiseLike<Execution<I, L>>;
  /** Reads back what is live; called after every execution, failed or aborted ones included. */
  verify?(plan: P, execution: Execution<I, L>): PromiseLike<Verification<L>>;
}

export interface ChangeOutcome<P, I, L> {
  status: ChangeStatus;
  stage: ChangeStage;
  message: string;
  /** The plan, when the plan step finished. */
  plan?: P;
  results: ItemResult<I>[];
  /** What is really live after the change (read back), when it was read. */
  live?: L;
  /** The error that ended the pipeline, when one did (plan, execute or verify). */
  error?: unknown;
}

export interface RunOptions<I> {
  /** Execute's stop signal and progress (the extension's cancellable progress notification). */
  control?: ExecuteControl<I>;
}

/** Runs the steps in order and returns the outcome; never throws for a failing step. */
export async function runChange<P, I, L>(steps: ChangeSteps<P, I, L>, options: RunOptions<I> = {}): Promise<ChangeOutcome<P, I, L>> {
  let plan: P;
  try {
    plan = await steps.plan();
  } catch (error) {
    return { status: "failed", stage: "plan", message: `Could not read what is live: ${messageOf(error)}`, results: [], error };
  }

  const decision = steps.check?.(plan);
  if (decision) return { status: decision.status, stage: "check", message: decision.message, plan, results: [] };

  let confirmed: boolean;
  try {
    confirmed = (await steps.confirm(plan)) === true;
  } catch (error) {
    return { status: "failed", stage: "confirm", message: `The confirmation failed: ${messageOf(error)}; nothing was written.`, plan, results: [], error };
  }
  if (!confirmed) return { status: "cancelled", stage: "confirm", message: "Cancelled; nothing was written.", plan, results: [] };

  const control = options.control ?? { cancelled: () => false };
  let execution: Execution<I, L>;
  let executeError: unknown;
  try {
    execution = await steps.execute(plan, control);
  } catch (error) {
    executeError = error;
    execution = { results: [], message: messageOf(error) };
  }

  let verification: Verification<L> = { live: execution.live };
  let verifyError: unknown;
  if (steps.verify) {
    try {
      verification = await steps.verify(plan, execution);
    } catch (error) {
      verifyError = error;
      verification = { live: undefined, message: `What is live now could not be read: ${messageOf(error)}` };
    }
  }

  const results = execution.results;
  const after = (text: string) => [text, verification.message].filter(Boolean).join(" ");
  const base = { plan, results, live: verification.live };
  const failed = results.filter((r) => r.status === "failed");
  if (executeError !== undefined) return { ...base, status: "failed", stage: "execute", message: after(`The change failed: ${messageOf(executeError)}.`), error: executeError };
  if (execution.aborted !== undefined) return { ...base, status: "aborted", stage: "execute", message: after(execution.aborted) };
  if (failed.length) {
    const written = results.filter((r) => r.status === "done").length;
    const text = results.length === 1 ? failed[0].message : `${failed.length} of ${results.length} failed (${written} written): ${failed.map((f) => f.message).join("; ")}`;
    return { ...base, status: "failed", stage: "execute", message: after(text), error: failed[0].error };
  }
  if (verification.mismatch !== undefined) return { ...base, status: "failed", stage: "verify", message: verification.mismatch };
  if (verifyError !== undefined) return { ...base, status: "failed", stage: "verify", message: after(execution.message ?? "Written."), error: verifyError };
  if (results.some((r) => r.status === "skipped") && control.cancelled()) {
    return { ...base, status: "cancelled", stage: "execute", message: after(`Cancelled after ${results.filter((r) => r.status === "done").length} of ${results.filter((r) => r.status !== "unchanged").length} changes.`) };
  }
  return { ...base, status: "done", stage: "verify", message: after(execution.message ?? "Done.") };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
