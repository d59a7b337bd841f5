// Errors from the AWS SDK (and from the network under it) mapped to a small set of kinds the
// explorer can act on, each with a message that is safe to show and, where there is one, a fix.
// No credential value ever reaches a message: known secrets and anything shaped like one are masked.

export type AccessErrorKind =
  | "credentials-missing"
  | "credentials-expired"
  | "credentials-invalid"
  | "access-denied"
  | "throttled"
  | "not-found"
  | "conflict"
  | "in-use"
  | "invalid-request"
  | "endpoint-unreachable"
  | "timeout"
  | "service";

export interface AccessErrorInit {
  kind: AccessErrorKind;
  operation: string;
  message: string;
  fix?: string;
  status?: number;
  awsType?: string;
  requestId?: string;
}

/**
 * True for an AccessError from any bundle: the extension host loads the AWS layer as its own bundle
 * (so activation stays cheap), and `instanceof` does not hold across bundles.
 */
export function isAccessError(error: unknown): error is AccessError {
  return error instanceof Error && error.name === "AccessError" && typeof (error as { kind?: unknown }).kind === "string";
}

export class AccessError extends Error {
  override readonly name = "AccessError";
  readonly kind: AccessErrorKind;
  /** The API operation that failed, e.g. "ListVirtualNodes". */
  readonly operation: string;
  /** What the user can do about it, in one sentence; absent when there is nothing specific. */
  declare readonly fix?: string;
  /** HTTP status of the answer, when there was one. */
  declare readonly status?: number;
  /** The error type AWS named (x-amzn-errortype / __type), or the SDK's error name. */
  declare readonly awsType?: string;
  declare readonly requestId?: string;

  constructor(init: AccessErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.operation = init.operation;
    // Optional members are set only when known, so the error has no own undefined properties.
    if (init.fix !== undefined) this.fix = init.fix;
    if (init.status !== undefined) this.status = init.status;
    if (init.awsType !== undefined) this.awsType = init.awsType;
    if (init.requestId !== undefined) this.requestId = init.requestId;
  }

  /** Plain data for logs and webviews (never the underlying SDK error). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, operation: this.operation, message: this.message, fix: this.fix, status: this.status, awsType: this.awsType, requestId: this.requestId };
  }
}

export interface ErrorContext {
  operation: string;
  profile?: string;
  endpoint?: string;
  /** Credential values known to the caller, masked wherever they appear (in addition to shape-based masking). */
  secrets?: readonly (string | undefined)[];
}

interface ErrorFields {
  name: string;
  message: string;
  code?: string;
  status?: number;
  requestId?: string;
}

const CREDENTIALS_INVALID = new Set([
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "MissingAuthenticationTokenException",
  "MissingAuthenticationToken",
  "AuthFailure",
]);
const CREDENTIALS_EXPIRED = new Set(["ExpiredTokenException", "ExpiredToken", "TokenRefreshRequired"]);
const CLOCK_SKEW = new Set(["RequestExpired", "RequestTimeTooSkewed", "RequestInTheFuture"]);
const ACCESS_DENIED = new Set(["ForbiddenException", "AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnauthorizedException"]);
const THROTTLED = new Set(["TooManyRequestsException", "ThrottledException", "ThrottlingException", "Throttling", "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown"]);
const INVALID_REQUEST = new Set(["BadRequestException", "InvalidInput", "InvalidRequestException", "InvalidParameterException", "ValidationException", "SerializationException", "LimitExceededException", "TooManyTagsException"]);
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ECONNRESET", "EPIPE", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"]);
const TIMEOUT_NAMES = new Set(["TimeoutError", "AbortError", "RequestTimeout", "RequestTimeoutException"]);
const SSO_EXPIRED = /SSO session .*(expired|invalid)|token is expired|session has expired|expired.*aws sso login|sso.*token.*expired|returned expired credentials/i;
const NO_CREDENTIALS = /could not load credentials|unable to load credentials|no credentials|credential is missing|profile .* could not be found|could not resolve credentials/i;

const SELECT_PROFILE = "Choose a profile with App Mesh: Select Profile, or set AWS_PROFILE";

/** Maps anything thrown by an SDK call (or its credential provider, or the socket) to an AccessError. */
export function toAccessError(error: unknown, context: ErrorContext): AccessError {
  if (error instanceof AccessError) return error;
  const fields = inspect(error);
  const { kind, fix, detail } = classify(fields, context);
  const text = mask(detail ?? (fields.message || fields.name || "Unknown error"), context.secrets);
  return new AccessError({
    kind,
    operation: context.operation,
    message: `${context.operation} failed: ${text}`,
    fix: fix === undefined ? undefined : mask(fix, context.secrets),
    status: fields.status,
    awsType: fields.name && fields.name !== "Error" ? fields.name : fields.code,
    requestId: fields.requestId,
  });
}

function classify(f: ErrorFields, context: ErrorContext): { kind: AccessErrorKind; fix?: string; detail?: string } {
  const { name, message, code, status } = f;
  const who = context.profile ? `profile "${context.profile}"` : "the current credentials";
  const where = context.endpoint ? ` at ${context.endpoint}` : "";

  // Credentials: problems found before sending (provider errors) and those AWS reports.
  if (name === "CredentialsProviderError" || name === "TokenProviderError" || name === "ProviderError") {
    if (SSO_EXPIRED.test(message)) return { kind: "credentials-expired", fix: expiredFix(context.profile) };
    return { kind: "credentials-missing", fix: SELECT_PROFILE, detail: context.profile ? `No credentials could be loaded for profile "${context.profile}": ${message}` : undefined };
  }
  if (CREDENTIALS_EXPIRED.has(name) || (SSO_EXPIRED.test(message) && !status)) return { kind: "credentials-expired", fix: expiredFix(context.profile) };
  if (NO_CREDENTIALS.test(message) && !status) return { kind: "credentials-missing", fix: SELECT_PROFILE };
  if (CREDENTIALS_INVALID.has(name)) {
    return { kind: "credentials-invalid", fix: `Check the access key and secret of ${who}, or choose another profile with App Mesh: Select Profile` };
  }
  if (ACCESS_DENIED.has(name) || name.endsWith("AccessDenied")) {
    return { kind: "access-denied", fix: `Ask for permission to call ${context.operation} (IAM) for ${who}, or choose another profile with App Mesh: Select Profile` };
  }
  if (THROTTLED.has(name) || status === 429) return { kind: "throttled", fix: "AWS is limiting the request rate: wait a moment, then refresh" };
  if (name === "ConflictException") return { kind: "conflict", fix: "Refresh to get the current version, then try again" };
  if (name === "ResourceInUseException") return { kind: "in-use", fix: "Delete or change the resources that still use it first" };
  if (name === "NotFoundException" || name.endsWith("NotFound") || name.endsWith("NotFoundException")) return { kind: "not-found" };
  if (INVALID_REQUEST.has(name)) return { kind: "invalid-request" };

  // The network under the SDK. Codes come first: the HTTP handler renames ECONNRESET to TimeoutError.
  if ((code && UNREACHABLE_CODES.has(code)) || /socket hang up/i.test(message)) {
    return {
      kind: "endpoint-unreachable",
      detail: `cannot reach ${context.endpoint ?? "the AWS endpoint"} (${code ?? "socket hang up"})`,
      fix: context.endpoint
        ? isLocal(context.endpoint)
          ? `Start the sandbox (npm run sandbox) or change appmesh.endpoint (now ${context.endpoint})`
          : `Check that ${context.endpoint} is reachable, or change appmesh.endpoint`
        : "Check the network connection, proxy and region, then refresh",
    };
  }
  if (TIMEOUT_NAMES.has(name) || code === "ETIMEDOUT" || code === "ESOCKETTIMEDOUT" || /timed? ?out/i.test(name)) {
    return {
      kind: "timeout",
      detail: `no answer from ${context.endpoint ?? "AWS"} in time (${message.replace(/^@smithy\/[\w-]+ - (\[\w+\] )?/, "") || name})`,
      fix: context.endpoint
        ? `Check that the endpoint${where} is running and not stalled, or change appmesh.endpoint`
        : "Check the network connection, then refresh",
    };
  }
  if (CLOCK_SKEW.has(name)) return { kind: "service", fix: "Check the computer's clock: AWS rejects requests signed with a time far from its own" };
  if (status === 403) return { kind: "access-denied", fix: `Check the permissions of ${who}, or choose another profile with App Mesh: Select Profile` };
  if (context.endpoint && (name === "UnknownOperationException" || (!status && /deserializ|unexpected token|json/i.test(message)))) {
    return { kind: "service", fix: `The endpoint${where} does not answer like AWS does for ${context.operation}: check appmesh.endpoint` };
  }
  return { kind: "service" };
}

function isLocal(endpoint: string): boolean {
  try {
    return ["localhost", "127.0.0.1", "[::1]", "0.0.0.0"].includes(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

function expiredFix(profile: string | undefined): string {
  return profile
    ? `Run "aws sso login --profile ${profile}" (or refresh the profile's credentials), then refresh`
    : `Refresh the credentials (for SSO run "aws sso login"), or choose another profile with App Mesh: Select Profile`;
}

/** Reads what matters from an SDK error, a Node system error or an AggregateError (e.g. happy eyeballs). */
function inspect(error: unknown): ErrorFields {
  if (typeof error !== "object" || error === null) return { name: "Error", message: String(error) };
  const e = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    errno?: unknown;
    $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
    $response?: { statusCode?: unknown };
    errors?: unknown;
    cause?: unknown;
  };
  const name = typeof e.name === "string" ? e.name : "Error";
  let message = typeof e.message === "string" ? e.message : "";
  let code = typeof e.code === "string" ? e.code : undefined;
  const statusValue = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const status = typeof statusValue === "number" ? statusValue : undefined;
  const requestId = typeof e.$metadata?.requestId === "string" ? e.$metadata.requestId : undefined;
  // AggregateError (several addresses tried) or a wrapped cause: take the code and text from inside.
  const inner = Array.isArray(e.errors) && e.errors.length ? e.errors[0] : e.cause;
  if ((!code || !message) && inner && inner !== error && typeof inner === "object") {
    const nested = inspect(inner);
    code ??= nested.code;
    if (!message) message = nested.message;
  }
  return { name, message, code, status, requestId };
}

const SHAPES: [RegExp, string][] = [
  // Access key ids: AKIA…, ASIA… and friends, and the test-style AKID….
  [/\b(?:AKIA|ASIA|AKID|ABIA|ACCA|AIDA|AROA|AGPA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{4,}\b/g, "[access key id]"],
  // Signature v4 fragments in "IncompleteSignature"-style messages.
  [/(Credential=)[^\s,]+/gi, "$1[masked]"],
  [/(Signature=)[0-9a-f]+/gi, "$1[masked]"],
  [/(X-Amz-Security-Token[=:]\s*)[^\s&,]+/gi, "$1[masked]"],
  // key = value forms as written in the shared files or environment.
  [/((?:aws_)?(?:secret_access_key|session_token|security_token|secretAccessKey|sessionToken)["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, "$1[masked]"],
  // Session tokens: long base64 runs.
  [/[A-Za-z0-9+/]{100,}={0,2}/g, "[masked token]"],
  // Secret access keys: 40 characters of base64 with at least one of "/" or "+" or mixed case and digits.
  [/(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=]))(?=[^\s]*[a-z])(?=[^\s]*[A-Z])(?=[^\s]*[0-9])[A-Za-z0-9+/]{40}/g, "[masked secret]"],
];

/** Masks credential values: the ones given exactly, and anything shaped like an access key id, secret or token. */
export function mask(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join("[masked]");
  }
  for (const [pattern, replacement] of SHAPES) out = out.replace(pattern, replacement);
  return out;
}
