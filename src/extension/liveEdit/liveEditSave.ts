// Saving an edited live resource: the edit pipeline (src/live/editChange.ts) with a modal naming the
// resource and each changed field. A save that wrote returns what was read back (the document is
// refreshed to it); one that wrote nothing because it was refused, aborted, cancelled or failed
// returns the reason, which the file system throws so VS Code reports the failed save and keeps the text.
import * as vscode from "vscode";
import type { EditPlan, LiveEditTarget } from "../../live/index";
import { liveLayer } from "../lazyBundles";
import type { Session } from "../session";
import type { SaveEdit, SaveResult } from "./liveEditFileSystem";
import type { LiveEditAddress } from "./liveEditUri";

/** Changes listed in the confirmation; more are counted. */
const LISTED_CHANGES = 25;

export function liveEditSaver(session: Session, written: (address: LiveEditAddress) => void): SaveEdit {
  return async (address, openedVersion, text, uri): Promise<SaveResult> => {
    const live = liveLayer();
    const target: LiveEditTarget = { kind: address.kind, meshName: address.meshName, parentName: address.parentName, name: address.name };
    const label = live.targetLabel(target);
    const where = address.region ?? session.label();
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Saving ${label}` }, () =>
      live.editLiveResource(session.connection(address.region).access, { target, openedVersion, text, uri: uri.toString(), ...(address.view ? { view: address.view } : {}) }, (plan) => confirm(plan, label, where)),
    );
    session.log.info(`Edit Live Resource ${label}: ${outcome.status} at ${outcome.stage}: ${outcome.message}`);
    const wrote = outcome.results.some((r) => r.status === "done");
    if (wrote) {
      written(address);
      if (outcome.status === "done") void vscode.window.showInformationMessage(outcome.message);
      else void vscode.window.showWarningMessage(outcome.message);
      return { written: true, live: outcome.live };
    }
    if (outcome.status === "done") {
      vscode.window.setStatusBarMessage(outcome.message, 5000);
      return { written: false };
    }
    const refused = outcome.status === "cancelled" ? `${outcome.message} The document keeps your edit.` : outcome.message;
    // The plan's read (what is live now), when it found the resource moved.
    return { written: false, refused, live: outcome.status === "aborted" ? outcome.live : undefined };
  };
}

async function confirm(plan: EditPlan, label: string, where: string): Promise<boolean> {
  const lines = plan.changes.slice(0, LISTED_CHANGES).map((change) => `• ${liveLayer().changeText(change)}`);
  if (plan.changes.length > LISTED_CHANGES) lines.push(`• … and ${plan.changes.length - LISTED_CHANGES} more`);
  const count = `${plan.changes.length} change${plan.changes.length === 1 ? "" : "s"}`;
  const detail = `${count} against what is live now (version ${plan.live?.version}), at ${where}:\n${lines.join("\n")}\n\nThe spec is written as the document has it, then read back; the document then shows the new version.`;
  const answer = await vscode.window.showWarningMessage(`Update ${label}?`, { modal: true, detail }, "Update");
  return answer === "Update";
}
