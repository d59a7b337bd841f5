// One HTTP endpoint for App Mesh, Cloud Map and X-Ray, routed by path and X-Amz-Target, with the
// admin routes under /_sandbox/. Faults apply here, before a service sees the request.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { operationOf, type Faults, type OperationFault } from "./faults";
import { ServiceError, type SandboxRequest, type SandboxResponse, type SandboxService } from "./protocol";
import { signedRegion } from "./signedRegion";

export interface EndpointHooks {
  services: SandboxService[];
  faults(): Faults;
  /** The mesh a request touches, if any (for forbidden meshes). */
  meshOf(request: SandboxRequest): string | undefined;
  /** Admin routes under /_sandbox/; undefined when the path is not one. */
  admin(request: SandboxRequest): Promise<SandboxResponse | undefined>;
  /** Called after a service answered with success, before the answer is sent. */
  afterSuccess?(service: SandboxService, request: SandboxRequest): void;
  random(): number;
  log?(line: string): void;
}

const MAX_BODY = 16 * 1024 * 1024;

export class Endpoint {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Calls failed so far per operation fault (a fault set anew is a new object, counted from 0). */
  private readonly injected = new WeakMap<OperationFault, number>();

  constructor(private readonly hooks: EndpointHooks) {
    this.server = createServer((req, res) => void this.serve(req, res));
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  listen(port: number, host = "127.0.0.1"): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        const address = this.server.address();
        resolve(`http://${host}:${typeof address === "object" && address ? address.port : port}`);
      });
    });
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy(); // stalled requests included
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox");
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      return send(res, { status: 413, body: { message: String(error) } });
    }
    const request: SandboxRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: undefined,
      region: signedRegion(req.headers, url.searchParams),
    };

    if (url.pathname.startsWith("/_sandbox/")) {
      try {
        request.body = text ? JSON.parse(text) : undefined;
        const answer = await this.hooks.admin(request);
        return send(res, answer ?? { status: 404, body: { message: `No admin route ${request.method} ${url.pathname}.` } });
      } catch (error) {
        return send(res, { status: 400, body: { message: error instanceof Error ? error.message : String(error) } });
      }
    }

    const service = this.hooks.services.find((s) => s.owns(request));
    if (!service) return send(res, { status: 404, headers: { "x-amzn-errortype": "UnknownOperationException" }, body: { message: `No operation at ${request.method} ${url.pathname}.` } });
    const started = Date.now();
    const answer = await this.answer(service, request, text);
    if (answer === "stall") return; // never answered; the socket closes with the endpoint or the client
    this.hooks.log?.(`${service.name} ${request.method} ${url.pathname} ${answer.status} ${Date.now() - started}ms`);
    send(res, answer);
  }

  private async answer(service: SandboxService, request: SandboxRequest, text: string): Promise<SandboxResponse | "stall"> {
    const requestId = randomUUID();
    try {
      if (!request.headers.authorization) {
        throw new ServiceError("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
      }
      try {
        request.body = text ? JSON.parse(text) : undefined;
      } catch {
        throw new ServiceError("SerializationException", 400, "The request body is not valid JSON.");
      }
      const faults = this.hooks.faults();
      if (faults.stall) return "stall";
      if (faults.credentials === "expired") throw new ServiceError("ExpiredTokenException", 403, "The security token included in the request is expired");
      if (faults.credentials === "invalid") throw new ServiceError("UnrecognizedClientException", 403, "The security token included in the request is invalid.");
      const [low, high] = faults.latencyMs;
      if (high > 0) await new Promise((resolve) => setTimeout(resolve, low + this.hooks.random() * (high - low)));
      if (faults.deniedServices.includes(service.name)) {
        throw new ServiceError("AccessDeniedException", 403, `User: arn:aws:iam::111122223333:user/sandbox is not authorized to perform: ${service.name}:${request.path.replace(/^\//, "") || request.method} because no identity-based policy allows the action`);
      }
      const mesh = this.hooks.meshOf(request);
      if (mesh && faults.forbiddenMeshes.includes(mesh)) {
        throw service.name === "appmesh"
          ? new ServiceError("ForbiddenException", 403, `User: arn:aws:iam::111122223333:user/sandbox is not authorized to access mesh ${mesh}.`)
          : new ServiceError("AccessDeniedException", 403, `Access to mesh ${mesh} is denied.`);
      }
      const operation = operationOf(service.name, request);
      const fault = operation !== undefined && Object.hasOwn(faults.operationFaults, operation) ? faults.operationFaults[operation] : undefined;
      if (fault) {
        const count = this.injected.get(fault) ?? 0;
        if (fault.times === undefined || count < fault.times) {
          this.injected.set(fault, count + 1);
          throw new ServiceError(fault.type ?? errorTypeFor(service, fault.status), fault.status, `The sandbox injected a ${fault.status} on ${operation}.`);
        }
      }
      if (faults.throttle > 0 && this.hooks.random() < faults.throttle) throw new ServiceError(service.throttleError.type, service.throttleError.status, "Rate exceeded");
      if (faults.error > 0 && this.hooks.random() < faults.error) throw new ServiceError(service.serverError.type, service.serverError.status, "The sandbox injected a server error.");
      const answer = await service.handle(request);
      this.hooks.afterSuccess?.(service, request);
      return withRequestId(answer, requestId, service);
    } catch (error) {
      if (error instanceof ServiceError) return withRequestId(renderError(service, error), requestId, service);
      this.hooks.log?.(`${service.name} ${request.method} ${request.path} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return withRequestId(renderError(service, new ServiceError(service.serverError.type, service.serverError.status, "Internal error in the sandbox.")), requestId, service);
    }
  }
}

/** The error type a service answers with for a status, when an operation fault names none. */
function errorTypeFor(service: SandboxService, status: number): string {
  if (status === service.throttleError.status) return service.throttleError.type;
  if (status === 409) return "ConflictException";
  if (status === 503) return "ServiceUnavailableException";
  if (status === 403) return service.name === "appmesh" ? "ForbiddenException" : "AccessDeniedException";
  if (status === 404) return service.name === "appmesh" ? "NotFoundException" : "ResourceNotFoundException";
  if (status === 400) return { appmesh: "BadRequestException", servicediscovery: "InvalidInput" }[service.name] ?? "InvalidRequestException";
  return status >= 500 ? service.serverError.type : "BadRequestException";
}

function renderError(service: SandboxService, error: ServiceError): SandboxResponse {
  // awsJson1_1 models spell the member "Message"; SDKs read either.
  if (service.protocol === "awsJson1_1") return { status: error.status, body: { __type: error.type, message: error.message, Message: error.message } };
  return { status: error.status, headers: { "x-amzn-errortype": error.type }, body: { message: error.message } };
}

function withRequestId(answer: SandboxResponse, requestId: string, service: SandboxService): SandboxResponse {
  const contentType = service.protocol === "awsJson1_1" ? "application/x-amz-json-1.1" : "application/json";
  return { ...answer, headers: { "content-type": contentType, "x-amzn-requestid": requestId, ...answer.headers } };
}

function send(res: ServerResponse, answer: SandboxResponse): void {
  const payload = answer.body === undefined ? "" : JSON.stringify(answer.body);
  res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers, "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("request body too large"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
