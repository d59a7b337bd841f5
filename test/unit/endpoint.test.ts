import assert from "node:assert/strict";
import { test } from "node:test";
import { endpointProblem, normaliseEndpoint } from "../../src/aws/endpoint";

test("an empty endpoint means AWS and is accepted", () => {
  assert.equal(endpointProblem(""), undefined);
  assert.equal(endpointProblem("   "), undefined);
});

test("sandbox and emulator URLs are accepted and lose their trailing slash", () => {
  assert.equal(endpointProblem("http://127.0.0.1:4566"), undefined);
  assert.equal(endpointProblem("https://appmesh.internal.example:8443/"), undefined);
  assert.equal(normaliseEndpoint(" http://127.0.0.1:4566/ "), "http://127.0.0.1:4566");
});

test("malformed or unsafe endpoints get a message that says what to change", () => {
  assert.match(endpointProblem("localhost") ?? "", /not a URL/);
  assert.match(endpointProblem("ftp://host") ?? "", /http or https, not ftp/);
  assert.match(endpointProblem("http://AKIA:secret@host") ?? "", /credentials/);
  assert.match(endpointProblem("http://host/?x=1") ?? "", /query string/);
});

test("a bare host:port means the local sandbox over http", () => {
  for (const typed of ["localhost:4566", "127.0.0.1:4566", " localhost:4566/ ", "[::1]:4566"]) {
    assert.equal(endpointProblem(typed), undefined, typed);
    assert.match(normaliseEndpoint(typed), /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):4566$/, typed);
  }
  assert.equal(normaliseEndpoint("https://example.com:8443"), "https://example.com:8443", "a scheme given is kept");
});
