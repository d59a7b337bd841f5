import { loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";

export interface ProfileSummary {
  name: string;
  /** Region written in the profile, if any. */
  region?: string;
  /** Where the profile is declared: config file, credentials file or both. */
  sources: ("config" | "credentials")[];
  /** How it gets credentials, as far as the files tell (never the secrets themselves). */
  kind: "sso" | "process" | "role" | "web-identity" | "static" | "other";
}

/**
 * Profiles from the shared config and credentials files (honouring AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE). Only names and non-secret hints leave this function.
 */
export async function listProfiles(): Promise<ProfileSummary[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  // The loader also returns [sso-session x] and [services x] sections, keyed "sso-session.x" and "services.x".
  const isProfile = (key: string) => !/^(sso-session|services)\./.test(key);
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)].filter(isProfile));
  const profiles: ProfileSummary[] = [];
  for (const name of [...names].sort()) {
    const config = configFile[name] ?? {};
    const credentials = credentialsFile[name] ?? {};
    const merged = { ...credentials, ...config };
    const sources: ProfileSummary["sources"] = [];
    if (configFile[name]) sources.push("config");
    if (credentialsFile[name]) sources.push("credentials");
    profiles.push({ name, region: merged.region, sources, kind: profileKind(merged) });
  }
  return profiles;
}

function profileKind(values: Record<string, string | undefined>): ProfileSummary["kind"] {
  if (values.sso_session || values.sso_start_url) return "sso";
  if (values.credential_process) return "process";
  if (values.web_identity_token_file) return "web-identity";
  if (values.role_arn) return "role";
  if (values.aws_access_key_id) return "static";
  return "other";
}
