// What a delete confirmation names, against the sandbox's demo mesh: a node's routes that target
// it, a router's services and routes, a service's gateway routes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AppMeshAccess } from "../../src/aws/appMeshAccess";
import { dependentsOf } from "../../src/aws/dependents";
import type { Sandbox } from "../../src/sandbox/sandbox";
import { connect, startSandbox, type Connected } from "./support";

let sandbox: Sandbox;
let connected: Connected;
let access: AppMeshAccess;

before(async () => {
  sandbox = await startSandbox();
  connected = connect(sandbox.url);
  access = new AppMeshAccess(connected.connection);
});
after(async () => {
  connected?.connection.dispose();
  await sandbox?.close();
});

test("a node is named by the routes that send it traffic", async () => {
  const dependents = await dependentsOf(access, { kind: "VirtualNode", meshName: "demo", name: "color-v2" });
  assert.ok(dependents.includes("Route color-router/color-canary (target)"), dependents.join("; "));
});

test("a router is named by the service it provides and holds its routes", async () => {
  const dependents = await dependentsOf(access, { kind: "VirtualRouter", meshName: "demo", name: "color-router" });
  assert.ok(dependents.includes("Route color-canary"), dependents.join("; "));
  assert.ok(dependents.includes("VirtualService color.demo.local (provider)"), dependents.join("; "));
});

test("a service is named by the gateway routes that target it, exactly as the sandbox refuses the delete", async () => {
  const dependents = await dependentsOf(access, { kind: "VirtualService", meshName: "demo", name: "color.demo.local" });
  const gatewayRoutes = dependents.filter((d) => d.startsWith("GatewayRoute "));
  assert.ok(gatewayRoutes.length > 0, dependents.join("; "));
  await assert.rejects(access.delete("VirtualService", "demo", undefined, "color.demo.local"), /in use|ResourceInUse|gateway route/i);
});
