// What the sandbox's services share: a parsed request, a response, a service error that each wire
// protocol renders its own way, and the clock (simulated traffic may run ahead of the wall clock).

export interface SandboxRequest {
  method: string;
  /** Path without the query string, e.g. "/v20190125/meshes/demo". */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** The JSON body, parsed; undefined when there is none. */
  body: unknown;
  /** The region the request was signed for (its SigV4 credential scope); DEFAULT_REGION when unsigned. */
  region: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON; undefined sends an empty body. */
  body?: unknown;
}

/** An error as AWS reports it: a type name (e.g. "NotFoundException"), an HTTP status and a message. */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A service mounted on the shared endpoint. The endpoint calls `handle` only for requests the
 * service `owns`; failures are thrown as ServiceError and rendered in the service's protocol.
 */
export interface SandboxService {
  readonly name: string;
  /** restJson1: error type in the x-amzn-errortype header, body {message}; awsJson1_1: body {__type, message}. */
  readonly protocol: "restJson1" | "awsJson1_1";
  /** The error this service answers when the sandbox injects throttling, and for injected server errors. */
  readonly throttleError: { type: string; status: number };
  readonly serverError: { type: string; status: number };
  /** Whether a request belongs to this service (cheap: path or X-Amz-Target). */
  owns(request: SandboxRequest): boolean;
  handle(request: SandboxRequest): Promise<SandboxResponse> | SandboxResponse;
}

/** Time in milliseconds since the epoch. The simulator may move it ahead of the wall clock. */
export interface Clock {
  now(): number;
}

export const wallClock: Clock = { now: () => Date.now() };

/** The account the sandbox pretends to be, for ARNs. */
export const SANDBOX_ACCOUNT = "111122223333";
/** The region of unsigned requests, and where seeds go unless told otherwise. */
export const DEFAULT_REGION = "us-east-1";
