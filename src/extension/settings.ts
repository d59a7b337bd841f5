import * as vscode from "vscode";
import { SETTINGS_SECTION } from "./session";

/** Writes one connection setting (user scope); the session notices and reconnects. */
export async function updateConnectionSetting(key: "profile" | "region" | "endpoint", value: string): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}
