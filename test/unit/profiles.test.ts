import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { listProfiles } from "../../src/aws/profiles";
import { APP_MESH_REGIONS, looksLikeRegion } from "../../src/aws/regions";

let dir: string;
const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };

before(() => {
  dir = mkdtempSync(join(tmpdir(), "aws-files-"));
  writeFileSync(
    join(dir, "config"),
    [
      "[default]", "region = us-east-1",
      "[profile dev]", "sso_session = corp", "sso_account_id = 111122223333", "region = eu-west-1",
      "[profile ci]", "credential_process = /usr/bin/true",
      "[profile deploy]", "role_arn = arn:aws:iam::111122223333:role/deploy", "source_profile = default",
      "[sso-session corp]", "sso_start_url = https://corp.awsapps.com/start", "sso_region = eu-west-1",
    ].join("\n"),
  );
  writeFileSync(join(dir, "credentials"), ["[default]", "aws_access_key_id = AKIDEXAMPLE", "aws_secret_access_key = wJalrEXAMPLEKEY"].join("\n"));
  process.env.AWS_CONFIG_FILE = join(dir, "config");
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, "credentials");
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
  process.env.AWS_CONFIG_FILE = saved.config;
  process.env.AWS_SHARED_CREDENTIALS_FILE = saved.credentials;
});

test("profiles from both files are listed once each, with their kind and region", async () => {
  const profiles = await listProfiles();
  assert.deepEqual(profiles.map((p) => p.name), ["ci", "default", "deploy", "dev"]);
  const byName = Object.fromEntries(profiles.map((p) => [p.name, p]));
  assert.equal(byName.dev.kind, "sso");
  assert.equal(byName.dev.region, "eu-west-1");
  assert.equal(byName.ci.kind, "process");
  assert.equal(byName.deploy.kind, "role");
  assert.equal(byName.default.kind, "static");
  assert.deepEqual(byName.default.sources, ["config", "credentials"]);
});

test("no secret leaves the profile listing", async () => {
  const text = JSON.stringify(await listProfiles());
  assert.doesNotMatch(text, /AKIDEXAMPLE|wJalrEXAMPLEKEY/);
});

test("region ids are recognised by shape, including GovCloud", () => {
  assert.ok(APP_MESH_REGIONS.every((r) => looksLikeRegion(r.id)));
  assert.ok(looksLikeRegion("ap-southeast-4"));
  assert.ok(!looksLikeRegion("Ireland"));
  assert.ok(!looksLikeRegion("us-east"));
});
