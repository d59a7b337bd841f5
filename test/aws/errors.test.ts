// AccessError kinds, messages and fixes: from the sandbox's faults over HTTP (forbidden mesh,
// expired and invalid credentials, a dead and a stalled endpoint, missing resources), from the
// credential chain, and from the error shapes the SDK and Node produce. No credential value leaks.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { CloudMapAccess } from "../../src/aws/cloudMapAccess";
import type { CallLogEntry } from "../../src/aws/connection";
import { AccessError, mask, toAccessError, type AccessErrorKind } from "../../src/aws/errors";
import { XRayAccess } from "../../src/aws/xrayAccess";
import { NO_FAULTS } from "../../src/sandbox/faults";
import type { Sandbox } from "../../src/sandbox/sandbox";
import { connect, startSandbox, unusedPort } from "./support";

/** Resolves to the AccessError a promise rejects with (failing when it resolves or rejects otherwise). */
async function failure(promise: Promise<unknown>): Promise<AccessError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AccessError, `expected an AccessError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the call to fail");
}

const SECRET = { accessKeyId: "AKIAQLEAKCHECK7EXAMPL", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYLEAKCHECKK", sessionToken: "IQoJb3JpZ2luX2VjELEAKCHECKSESSIONTOKEN0123456789abcdefghijklmnopqrstuvwxyz" };
const leakChecks: { errors: AccessError[]; logs: CallLogEntry[][] } = { errors: [], logs: [] };

describe("AccessError from the sandbox", { timeout: 30_000 }, () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  /** A connection with recognisable credentials whose errors and log are checked for leaks at the end. */
  function leaky(options: Parameters<typeof connect>[1] = {}, settings: Parameters<typeof connect>[2] = {}) {
    const connected = connect(sandbox.url, { credentials: SECRET, ...options }, settings);
    leakChecks.logs.push(connected.log);
    return connected;
  }
  const keep = (error: AccessError) => (leakChecks.errors.push(error), error);

  test("a forbidden mesh is access-denied while the other mesh still lists", async () => {
    sandbox.faults = { ...NO_FAULTS, forbiddenMeshes: ["payments"] };
    const { connection, log } = leaky();
    const access = new AppMeshAccess(connection);
    const error = keep(await failure(access.listAll("VirtualNode", "payments")));
    assert.equal(error.kind, "access-denied");
    assert.equal(error.status, 403);
    assert.equal(error.awsType, "ForbiddenException");
    assert.equal(error.operation, "ListVirtualNodes");
    assert.match(error.message, /not authorized to access mesh payments/);
    assert.match(error.fix ?? "", /Select Profile/);
    assert.deepEqual((await access.listAll("VirtualNode", "demo")).map((r) => r.name).sort(), sandbox.store.list("VirtualNode", "demo").map((r) => r.name).sort());
    assert.deepEqual((await access.listMeshes()).items.map((m) => m.name), ["demo", "payments"], "the forbidden mesh is still listed");
    assert.deepEqual(log.map((e) => e.outcome), ["access-denied", "ok", "ok"]);
    assert.equal(log[0].attempts, 1, "access denied is not retried");
    connection.dispose();
  });

  test("expired credentials: credentials-expired, with a fix naming the profile", async () => {
    sandbox.faults = { ...NO_FAULTS, credentials: "expired" };
    const withProfile = leaky({}, { profile: "dev" });
    const error = keep(await failure(new AppMeshAccess(withProfile.connection).listMeshes()));
    assert.equal(error.kind, "credentials-expired");
    assert.equal(error.awsType, "ExpiredTokenException");
    assert.match(error.fix ?? "", /^Run "aws sso login --profile dev"/);
    assert.deepEqual(withProfile.log.map((e) => [e.outcome, e.attempts]), [["credentials-expired", 1]]);

    const noProfile = leaky();
    const other = keep(await failure(new XRayAccess(noProfile.connection).serviceGraph(new Date(Date.now() - 60_000), new Date())));
    assert.equal(other.kind, "credentials-expired", "the same for X-Ray");
    assert.doesNotMatch(other.fix ?? "", /--profile/);
    assert.match(other.fix ?? "", /aws sso login/);
    withProfile.connection.dispose();
    noProfile.connection.dispose();
  });

  test("invalid credentials: credentials-invalid", async () => {
    sandbox.faults = { ...NO_FAULTS, credentials: "invalid" };
    const { connection, log } = leaky({}, { profile: "ci" });
    const error = keep(await failure(new CloudMapAccess(connection).instances("demo.local", "color")));
    assert.equal(error.kind, "credentials-invalid");
    assert.equal(error.awsType, "UnrecognizedClientException");
    assert.match(error.fix ?? "", /profile "ci"/);
    assert.equal(log[0].service, "servicediscovery");
    assert.equal(log[0].outcome, "credentials-invalid");
    connection.dispose();
  });

  test("a missing resource is not-found, in App Mesh and Cloud Map", async () => {
    sandbox.faults = { ...NO_FAULTS };
    const { connection, log } = leaky();
    const error = keep(await failure(new AppMeshAccess(connection).describe({ kind: "VirtualNode", meshName: "demo", name: "nowhere" })));
    assert.equal(error.kind, "not-found");
    assert.equal(error.status, 404);
    assert.equal(error.awsType, "NotFoundException");
    assert.match(error.message, /^DescribeVirtualNode failed: .*nowhere/);
    const route = keep(await failure(new AppMeshAccess(connection).describe({ kind: "Route", meshName: "demo", parentName: "no-router", name: "r" })));
    assert.equal(route.kind, "not-found");
    const service = keep(await failure(new CloudMapAccess(connection).instances("demo.local", "nowhere")));
    assert.equal(service.kind, "not-found");
    assert.equal(service.awsType, "ServiceNotFound");
    assert.deepEqual(log.map((e) => e.outcome), ["not-found", "not-found", "not-found"]);
    connection.dispose();
  });

  test("a dead endpoint is endpoint-unreachable, with a fix mentioning appmesh.endpoint", async () => {
    const port = await unusedPort();
    const endpoint = `http://127.0.0.1:${port}`;
    const log: CallLogEntry[] = [];
    const { connection } = connect(endpoint, { credentials: SECRET, maxAttempts: 2, log: (e) => log.push(e) });
    const error = keep(await failure(new AppMeshAccess(connection).listMeshes()));
    leakChecks.logs.push(log);
    assert.equal(error.kind, "endpoint-unreachable");
    assert.match(error.message, new RegExp(`cannot reach ${endpoint}.*ECONNREFUSED`));
    assert.match(error.fix ?? "", /appmesh\.endpoint/);
    assert.match(error.fix ?? "", /npm run sandbox/);
    assert.deepEqual(log.map((e) => [e.outcome, e.attempts]), [["endpoint-unreachable", 2]], "retried up to maxAttempts, then reported");
    connection.dispose();
  });

  test("a stalled endpoint times out after requestTimeoutMs", async () => {
    sandbox.faults = { ...NO_FAULTS, stall: true };
    try {
      const { connection, log } = leaky({ requestTimeoutMs: 500, maxAttempts: 2 });
      const started = Date.now();
      const error = keep(await failure(new AppMeshAccess(connection).listMeshes()));
      const elapsed = Date.now() - started;
      assert.equal(error.kind, "timeout");
      assert.match(error.fix ?? "", /appmesh\.endpoint/);
      assert.ok(elapsed >= 1000 && elapsed < 5000, `two attempts of 500 ms each (took ${elapsed} ms)`);
      assert.deepEqual(log.map((e) => [e.outcome, e.attempts]), [["timeout", 2]]);
      connection.dispose();
    } finally {
      sandbox.faults = { ...NO_FAULTS };
    }
  });

  test("credentials the chain cannot load are credentials-missing", async () => {
    const { connection, log } = leaky({
      credentials: async () => {
        throw Object.assign(new Error(`Could not load credentials from any providers (tried ${SECRET.accessKeyId} / ${SECRET.secretAccessKey})`), { name: "CredentialsProviderError" });
      },
    });
    const error = keep(await failure(new AppMeshAccess(connection).listMeshes()));
    assert.equal(error.kind, "credentials-missing");
    assert.equal(error.fix, "Choose a profile with App Mesh: Select Profile, or set AWS_PROFILE");
    assert.equal(log[0].outcome, "credentials-missing");
    connection.dispose();
  });

  test("no credential value appears in any AccessError or CallLogEntry", () => {
    assert.ok(leakChecks.errors.length >= 9, `errors were collected (${leakChecks.errors.length})`);
    const log = leakChecks.logs.flat();
    assert.ok(log.length >= 9, `log entries were collected (${log.length})`);
    const text = [
      ...leakChecks.errors.flatMap((e) => [JSON.stringify(e), String(e), e.message, e.fix ?? "", e.stack ?? "", JSON.stringify(Object.entries(e))]),
      JSON.stringify(log),
    ].join("\n");
    for (const value of Object.values(SECRET)) assert.ok(!text.includes(value), `${value.slice(0, 6)}… does not appear`);
    assert.ok(!text.includes("LEAKCHECK"), "no fragment of a credential appears");
  });
});

describe("toAccessError maps the shapes the SDK and Node throw", () => {
  const sdkError = (name: string, status?: number, message = `${name} happened`) =>
    Object.assign(new Error(message), { name, $fault: "client", $metadata: status ? { httpStatusCode: status, requestId: "req-1", attempts: 1 } : {} });
  const nodeError = (code: string, message = `connect ${code} 127.0.0.1:4566`) => Object.assign(new Error(message), { code });
  const cases: [string, unknown, AccessErrorKind][] = [
    ["CredentialsProviderError", Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }), "credentials-missing"],
    ["SSO session expired", Object.assign(new Error("The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile."), { name: "CredentialsProviderError" }), "credentials-expired"],
    ["SSO token expired", Object.assign(new Error("Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile."), { name: "TokenProviderError" }), "credentials-expired"],
    ["ExpiredTokenException", sdkError("ExpiredTokenException", 403), "credentials-expired"],
    ["ExpiredToken", sdkError("ExpiredToken", 400), "credentials-expired"],
    ["UnrecognizedClientException", sdkError("UnrecognizedClientException", 403), "credentials-invalid"],
    ["InvalidClientTokenId", sdkError("InvalidClientTokenId", 403), "credentials-invalid"],
    ["InvalidSignatureException", sdkError("InvalidSignatureException", 403), "credentials-invalid"],
    ["ForbiddenException", sdkError("ForbiddenException", 403), "access-denied"],
    ["AccessDeniedException", sdkError("AccessDeniedException", 400), "access-denied"],
    ["TooManyRequestsException", sdkError("TooManyRequestsException", 429), "throttled"],
    ["ThrottledException", sdkError("ThrottledException", 429), "throttled"],
    ["ThrottlingException", sdkError("ThrottlingException", 400), "throttled"],
    ["RequestLimitExceeded", sdkError("RequestLimitExceeded", 400), "throttled"],
    ["NotFoundException", sdkError("NotFoundException", 404), "not-found"],
    ["NamespaceNotFound", sdkError("NamespaceNotFound", 400), "not-found"],
    ["ConflictException", sdkError("ConflictException", 409), "conflict"],
    ["ResourceInUseException", sdkError("ResourceInUseException", 409), "in-use"],
    ["BadRequestException", sdkError("BadRequestException", 400), "invalid-request"],
    ["InvalidInput", sdkError("InvalidInput", 400), "invalid-request"],
    ["InvalidRequestException", sdkError("InvalidRequestException", 400), "invalid-request"],
    ["ECONNREFUSED", nodeError("ECONNREFUSED"), "endpoint-unreachable"],
    ["ENOTFOUND", nodeError("ENOTFOUND", "getaddrinfo ENOTFOUND appmesh.example.invalid"), "endpoint-unreachable"],
    ["EHOSTUNREACH", nodeError("EHOSTUNREACH"), "endpoint-unreachable"],
    ["socket hang up (renamed TimeoutError by the handler)", Object.assign(new Error("socket hang up"), { name: "TimeoutError", code: "ECONNRESET" }), "endpoint-unreachable"],
    ["AggregateError of ECONNREFUSED", Object.assign(new AggregateError([nodeError("ECONNREFUSED")], ""), { code: "ECONNREFUSED" }), "endpoint-unreachable"],
    ["TimeoutError", Object.assign(new Error("a request has exceeded the configured 500 ms requestTimeout."), { name: "TimeoutError", code: "ETIMEDOUT" }), "timeout"],
    ["AbortError", Object.assign(new Error("Request aborted"), { name: "AbortError" }), "timeout"],
    ["ETIMEDOUT", nodeError("ETIMEDOUT"), "timeout"],
    ["InternalServerErrorException", sdkError("InternalServerErrorException", 500), "service"],
    ["a string", "boom", "service"],
  ];
  for (const [label, error, kind] of cases) {
    test(`${label} → ${kind}`, () => {
      const mapped = toAccessError(error, { operation: "ListMeshes", profile: "dev", endpoint: "http://127.0.0.1:4566" });
      assert.ok(mapped instanceof AccessError, "an AccessError");
      assert.equal(mapped.kind, kind);
      assert.equal(mapped.operation, "ListMeshes");
      assert.match(mapped.message, /^ListMeshes failed: /);
    });
  }

  test("fixes: expired names the profile, unreachable names the endpoint setting", () => {
    const expired = toAccessError(cases[1][1], { operation: "ListMeshes", profile: "dev" });
    assert.match(expired.fix ?? "", /^Run "aws sso login --profile dev"/);
    const unreachable = toAccessError(nodeError("ECONNREFUSED"), { operation: "ListMeshes", endpoint: "http://127.0.0.1:4566" });
    assert.match(unreachable.fix ?? "", /Start the sandbox \(npm run sandbox\) or change appmesh\.endpoint/);
    const aws = toAccessError(nodeError("ENOTFOUND"), { operation: "ListMeshes" });
    assert.doesNotMatch(aws.fix ?? "", /appmesh\.endpoint/, "no endpoint setting to blame when talking to AWS");
    const status = toAccessError(sdkError("NotFoundException", 404), { operation: "DescribeMesh" });
    assert.equal(status.status, 404);
    assert.equal(status.awsType, "NotFoundException");
    assert.equal(status.requestId, "req-1");
    assert.equal(toAccessError(status, { operation: "Other" }), status, "an AccessError passes through");
  });

  test("credential-shaped text is masked even when the values are unknown", () => {
    const message =
      "The request signature we calculated does not match. Authorization=AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/appmesh/aws4_request, Signature=0123abcd " +
      "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY token " + "FwoGZXIvYXdzE".padEnd(160, "A1b2");
    const mapped = toAccessError(sdkError("SignatureDoesNotMatch", 403, message), { operation: "ListMeshes" });
    assert.equal(mapped.kind, "credentials-invalid");
    for (const fragment of ["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI", "0123abcd", "FwoGZXIvYXdzE"]) {
      assert.ok(!mapped.message.includes(fragment), `${fragment} is masked`);
    }
    assert.equal(mask("secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY here"), "secret [masked secret] here");
    assert.equal(mask("key AKIDTEST1234 and mesh demo"), "key [access key id] and mesh demo");
    assert.equal(mask("arn:aws:appmesh:us-east-1:111122223333:mesh/demo/virtualNode/front"), "arn:aws:appmesh:us-east-1:111122223333:mesh/demo/virtualNode/front", "ARNs are left alone");
    assert.equal(mask("value my-own-secret-value!", ["my-own-secret-value"]), "value [masked]!");
  });
});
