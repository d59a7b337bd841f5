// Serves one SandboxService on 127.0.0.1 with node:http, so a test can point the real AWS SDK client
// at it: parses the URL, query and JSON body, asks owns/handle, and renders a ServiceError the way the
// service's protocol does (restJson1: x-amzn-errortype header + {message}; awsJson1_1: {__type, message}).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ServiceError, type SandboxRequest, type SandboxService } from "../../src/sandbox/protocol";
import { signedRegion } from "../../src/sandbox/signedRegion";

export interface ServedService {
  url: string;
  close(): Promise<void>;
}

export async function serveService(service: SandboxService): Promise<ServedService> {
  const server = createServer((incoming, outgoing) => {
    void answer(service, incoming, outgoing);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function answer(service: SandboxService, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const contentType = service.protocol === "awsJson1_1" ? "application/x-amz-json-1.1" : "application/json";
  try {
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const request: SandboxRequest = {
      method: incoming.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      body: await readJson(incoming),
      region: signedRegion(incoming.headers, url.searchParams),
    };
    if (!service.owns(request)) {
      throw new ServiceError("UnknownOperationException", 404, `${service.name} has no operation at ${request.method} ${request.path}.`);
    }
    const response = await service.handle(request);
    const text = response.body === undefined ? "" : JSON.stringify(response.body);
    outgoing.writeHead(response.status, { "content-type": contentType, ...response.headers });
    outgoing.end(text);
  } catch (error) {
    const failure =
      error instanceof ServiceError
        ? error
        : new ServiceError(service.serverError.type, service.serverError.status, error instanceof Error ? error.message : String(error));
    if (service.protocol === "awsJson1_1") {
      outgoing.writeHead(failure.status, { "content-type": contentType });
      outgoing.end(JSON.stringify({ __type: failure.type, message: failure.message }));
    } else {
      outgoing.writeHead(failure.status, { "content-type": contentType, "x-amzn-errortype": failure.type });
      outgoing.end(JSON.stringify({ message: failure.message }));
    }
  }
}

async function readJson(incoming: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ServiceError("SerializationException", 400, "The request body is not valid JSON.");
  }
}
