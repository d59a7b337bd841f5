// The region a request was signed for. Each region of the sandbox holds its own state, and ARNs
// name the region, so a client configured for eu-west-1 sees eu-west-1 and nothing else. SigV4
// puts the region in the credential scope: `Credential=AKID/20260101/<region>/<service>/aws4_request`,
// in the Authorization header or, for presigned URLs, in X-Amz-Credential.
import { DEFAULT_REGION } from "./protocol";

/** us-east-1, eu-west-1, us-gov-west-1, us-isob-east-1 … (shape only; the sandbox knows no list). */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function isRegionName(value: string): boolean {
  return REGION.test(value);
}

/** The signed region, or DEFAULT_REGION when the request is unsigned or its scope unreadable. */
export function signedRegion(headers: Record<string, string | string[] | undefined>, query?: URLSearchParams): string {
  const authorization = firstValue(headers.authorization);
  const credential = (authorization && /Credential=([^,\s]+)/.exec(authorization)?.[1]) ?? query?.get("X-Amz-Credential") ?? undefined;
  const region = credential?.split("/")[2];
  return region && isRegionName(region) ? region : DEFAULT_REGION;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
