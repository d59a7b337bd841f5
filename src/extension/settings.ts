import * as vscode from "vscode";

/** The connection settings every AWS-facing feature reads; see package.json for their meaning. */
export interface ConnectionSettings {
  profile: string;
  region: string;
  endpoint: string;
}

export const SETTINGS_SECTION = "appmesh";

export function readConnectionSettings(): ConnectionSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    profile: config.get<string>("profile", "").trim(),
    region: config.get<string>("region", "").trim(),
    endpoint: config.get<string>("endpoint", "").trim(),
  };
}

export async function updateConnectionSetting(key: keyof ConnectionSettings, value: string): Promise<void> {
  await vscode.workspace
    .getConfiguration(SETTINGS_SECTION)
    .update(key, value, vscode.ConfigurationTarget.Global);
}

/** True when a change touches any setting that changes where AWS calls go. */
export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return (["profile", "region", "endpoint"] as const).some((key) =>
    event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`),
  );
}
