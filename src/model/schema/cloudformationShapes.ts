// The CloudFormation dialect's table: the API shapes plus one Properties shape per resource type,
// whose members are those of the type's Create<Kind>Input with CloudFormation's required flags.
import { CFN_RESOURCE_PROPERTIES } from "../dialects/cloudformationNames";
import { API_SHAPES } from "./apiShapes";
import type { Member, ShapeTable, StructureShape } from "./types";

function propertiesShape(kind: string): StructureShape {
  const input = API_SHAPES[`Create${kind}Input`] as StructureShape;
  const members: Record<string, Member> = {};
  for (const { member, required } of Object.values(CFN_RESOURCE_PROPERTIES[kind] ?? {})) {
    const target = input.members[member]?.target;
    if (target) members[member] = { target, required };
  }
  return { type: "structure", members };
}

export const CLOUDFORMATION_SHAPES: ShapeTable = {
  ...API_SHAPES,
  ...Object.fromEntries(Object.keys(CFN_RESOURCE_PROPERTIES).map((kind) => [`Cfn${kind}Properties`, propertiesShape(kind)])),
};
