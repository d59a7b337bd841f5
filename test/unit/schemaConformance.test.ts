// Checks the project's one schema against the public AWS API model and the controller's CRDs in
// ../shared/reference (read here for facts only; skipped with a message when the folder is absent).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { API_SHAPES } from "../../src/model/schema/apiShapes";
import { DESCRIPTIONS } from "../../src/model/schema/descriptions";
import { KUBERNETES_SPEC_SHAPES } from "../../src/model/schema/kubernetesShapes";
import type { StructureShape } from "../../src/model/schema/types";
import { KUBERNETES_VIEW, API_VIEW } from "../../src/model/schema/views";

const reference = join(__dirname, "..", "..", "..", "shared", "reference");
const skip = existsSync(reference) ? false : `reference folder ${reference} is absent`;

type SmithyShape = { type: string; members?: Record<string, { target: string; traits?: Record<string, unknown> }>; member?: { target: string }; traits?: Record<string, unknown> };

test("every shape and member of the App Mesh API model's specs is in the schema, with the same rules", { skip }, () => {
  const shapes: Record<string, SmithyShape> = JSON.parse(readFileSync(join(reference, "models", "app-mesh-2019-01-25.json"), "utf8")).shapes;
  const problems: string[] = [];
  const seen = new Set<string>();
  const visit = (target: string) => {
    if (!target.startsWith("com.amazonaws.appmesh#") || seen.has(target)) return;
    seen.add(target);
    const name = target.split("#")[1];
    const smithy = shapes[target];
    const ours = API_SHAPES[name];
    if (!ours) return void problems.push(`missing shape ${name}`);
    if (smithy.type === "structure" || smithy.type === "union") {
      const members = (ours as StructureShape).members ?? {};
      if (ours.type !== smithy.type) problems.push(`${name}: ${ours.type} instead of ${smithy.type}`);
      for (const [member, m] of Object.entries(smithy.members ?? {})) {
        if (!members[member]) problems.push(`missing member ${name}.${member}`);
        else if (!!members[member].required !== !!(m.traits && "smithy.api#required" in m.traits)) problems.push(`${name}.${member}: required flag differs`);
        visit(m.target);
      }
      for (const member of Object.keys(members)) if (!smithy.members?.[member]) problems.push(`extra member ${name}.${member}`);
    } else if (smithy.type === "list") {
      visit(smithy.member!.target);
    } else if (smithy.type === "string") {
      const values = (smithy.traits?.["smithy.api#enum"] as { value: string }[] | undefined)?.map((v) => v.value);
      if (values && JSON.stringify(values) !== JSON.stringify(ours.type === "string" ? ours.enum : undefined)) problems.push(`${name}: enum values differ`);
    } else if (smithy.type === "integer" || smithy.type === "long") {
      const range = smithy.traits?.["smithy.api#range"] as { min?: number; max?: number } | undefined;
      if (ours.type !== "integer" && ours.type !== "long") problems.push(`${name}: not a number`);
      else if (range && (range.min !== ours.min || range.max !== ours.max)) problems.push(`${name}: range differs`);
    }
  };
  for (const kind of ["Mesh", "VirtualNode", "VirtualService", "VirtualRouter", "Route", "VirtualGateway", "GatewayRoute"]) {
    visit(`com.amazonaws.appmesh#${kind}Spec`);
    visit(`com.amazonaws.appmesh#Create${kind}Input`);
  }
  assert.ok(seen.size > 150, `walked ${seen.size} shapes`);
  assert.deepEqual(problems, []);
});

test("the Kubernetes view knows every field of the controller's v1beta2 CRDs, and no other", { skip }, () => {
  type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; enum?: string[]; additionalProperties?: unknown };
  const problems: string[] = [];
  const compare = (schema: Schema, shapeName: string, path: string) => {
    const shape = KUBERNETES_VIEW.shape(shapeName);
    if (schema.type === "array" && schema.items) {
      if (shape.type !== "list") return void problems.push(`${path}: CRD has a list, schema has ${shape.type}`);
      return compare(schema.items, shape.member, `${path}[]`);
    }
    if (schema.type === "object" && schema.properties) {
      const fields = KUBERNETES_VIEW.fields(shapeName);
      for (const [key, child] of Object.entries(schema.properties)) {
        const field = fields.find((f) => f.key === key);
        if (!field) problems.push(`${path}.${key}: in the CRD, not in our Kubernetes view`);
        else compare(child, field.shape, `${path}.${key}`);
      }
      for (const field of fields) if (!schema.properties[field.key]) problems.push(`${path}.${field.key}: in our view, not in the CRD`);
      return;
    }
    if (schema.enum && shape.type === "string" && JSON.stringify([...schema.enum].sort()) !== JSON.stringify([...(shape.enum ?? [])].sort())) {
      problems.push(`${path}: enum ${schema.enum.join("|")} vs ${(shape.enum ?? []).join("|")}`);
    }
  };
  for (const [kind, shape] of Object.entries(KUBERNETES_SPEC_SHAPES)) {
    const file = join(reference, "crds", `appmesh.k8s.aws_${kind.toLowerCase()}s.yaml`.replace("meshs", "meshes"));
    const crd = parse(readFileSync(file, "utf8"));
    const version = crd.spec.versions.find((v: { name: string }) => v.name === "v1beta2");
    compare(version.schema.openAPIV3Schema.properties.spec, shape, kind);
  }
  assert.deepEqual(problems, []);
});

test("every member has a description, written in our own words", { skip }, () => {
  const shapes: Record<string, SmithyShape> = JSON.parse(readFileSync(join(reference, "models", "app-mesh-2019-01-25.json"), "utf8")).shapes;
  const words = (text: string) => text.replace(/<[^>]+>/g, " ").toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const phrases = new Set<string>();
  for (const shape of Object.values(shapes)) {
    const docs = [shape.traits?.["smithy.api#documentation"], ...Object.values(shape.members ?? {}).map((m) => m.traits?.["smithy.api#documentation"])];
    for (const doc of docs) {
      if (typeof doc !== "string") continue;
      const w = words(doc);
      for (let i = 0; i + 8 <= w.length; i++) phrases.add(w.slice(i, i + 8).join(" "));
    }
  }
  const missing: string[] = [];
  const copied: string[] = [];
  for (const [name, shape] of Object.entries(API_SHAPES)) {
    if (shape.type !== "structure" && shape.type !== "union") continue;
    for (const member of Object.keys(shape.members)) {
      const text = API_VIEW.describe(name, member);
      if (!text) missing.push(`${name}.${member}`);
    }
  }
  for (const [key, text] of Object.entries(DESCRIPTIONS)) {
    const w = words(text);
    for (let i = 0; i + 8 <= w.length; i++) if (phrases.has(w.slice(i, i + 8).join(" "))) copied.push(key);
  }
  assert.deepEqual(missing, []);
  assert.deepEqual([...new Set(copied)], [], "no description shares eight consecutive words with the AWS documentation");
});
