import * as vscode from "vscode";
import { endpointProblem, normaliseEndpoint } from "../aws/endpoint";
import { listProfiles } from "../aws/profiles";
import { APP_MESH_REGIONS, looksLikeRegion } from "../aws/regions";
import type { Session } from "./session";
import { updateConnectionSetting } from "./settings";

const DEFAULT_SANDBOX_ENDPOINT = "http://127.0.0.1:4566";

export async function selectProfile(session: Session): Promise<void> {
  const current = session.settings.profile;
  let profiles;
  try {
    profiles = await listProfiles();
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not read the AWS config files: ${String(error)}`);
    return;
  }
  type Item = vscode.QuickPickItem & { profile: string };
  const items: Item[] = [
    {
      label: "$(key) Default credential chain",
      description: current === "" ? "current" : undefined,
      detail: "AWS_PROFILE, environment variables, then the default profile",
      profile: "",
    },
    ...profiles.map((p) => ({
      label: p.name,
      description: [p.name === current ? "current" : undefined, p.kind, p.region].filter(Boolean).join(" · "),
      detail: `from ${p.sources.join(" and ")} file`,
      profile: p.name,
    })),
  ];
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = "App Mesh: Select Profile";
  quickPick.placeholder = profiles.length === 0 ? "No profiles in ~/.aws/config or ~/.aws/credentials" : "AWS profile";
  quickPick.items = items;
  quickPick.matchOnDescription = true;
  quickPick.activeItems = items.filter((item) => item.profile === current);
  const chosen = await pickOne(quickPick, (item) => item.profile);
  if (chosen !== undefined) await updateConnectionSetting("profile", chosen);
}

export async function selectRegion(session: Session): Promise<void> {
  const current = session.settings.region;
  type Item = vscode.QuickPickItem & { region: string };
  const items: Item[] = [
    { label: "$(account) Region of the profile", description: current === "" ? "current" : undefined, region: "" },
    ...APP_MESH_REGIONS.map((r) => ({
      label: r.id,
      description: [r.name, r.id === current ? "current" : undefined].filter(Boolean).join(" · "),
      region: r.id,
    })),
  ];
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = "App Mesh: Select Region";
  quickPick.placeholder = "Region, or type another region id";
  quickPick.items = items;
  quickPick.matchOnDescription = true;
  quickPick.activeItems = items.filter((item) => item.region === current);
  // A region typed by hand (a new or opt-in one) becomes a pickable item of its own.
  quickPick.onDidChangeValue((value) => {
    const typed = value.trim();
    const offerTyped = looksLikeRegion(typed) && !items.some((item) => item.region === typed);
    const offered = quickPick.items[0]?.description === "typed region";
    // Reassigning items resets the active row, so only do it when the typed row comes or goes.
    if (offerTyped) quickPick.items = [{ label: typed, description: "typed region", region: typed }, ...items];
    else if (offered) quickPick.items = items;
  });
  const chosen = await pickOne(quickPick, (item) => item.region);
  if (chosen !== undefined) await updateConnectionSetting("region", chosen);
}

export async function setEndpoint(session: Session): Promise<void> {
  const current = session.settings.endpoint;
  const value = await vscode.window.showInputBox({
    title: "App Mesh: Set Endpoint",
    prompt: "One URL for App Mesh, Cloud Map and X-Ray (a local sandbox or emulator; localhost:4566 means http://localhost:4566). Leave empty to talk to AWS.",
    value: current || DEFAULT_SANDBOX_ENDPOINT,
    validateInput: endpointProblem,
  });
  if (value !== undefined) await updateConnectionSetting("endpoint", normaliseEndpoint(value));
}

/** Shows a quick pick and resolves with the accepted item's value, or undefined when dismissed. */
async function pickOne<T extends vscode.QuickPickItem>(
  quickPick: vscode.QuickPick<T>,
  valueOf: (item: T) => string,
): Promise<string | undefined> {
  const chosen = await new Promise<string | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      const item = quickPick.selectedItems[0];
      resolve(item ? valueOf(item) : undefined);
    });
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  return chosen;
}
