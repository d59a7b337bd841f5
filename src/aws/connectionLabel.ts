// How a connection is named to the user ("default · us-east-1 · http://127.0.0.1:4566"), computed from
// the settings alone so the status bar can say it before the AWS SDK is loaded.
import { normaliseEndpoint } from "./endpoint";

export const DEFAULT_REGION = "us-east-1";

export function connectionLabel(settings: { profile?: string; region?: string; endpoint?: string }, resolvedRegion?: string): string {
  const profile = settings.profile || process.env.AWS_PROFILE || "default";
  const region = settings.region || resolvedRegion || process.env.AWS_REGION || DEFAULT_REGION;
  return [profile, region, settings.endpoint ? normaliseEndpoint(settings.endpoint) : ""].filter(Boolean).join(" · ");
}
