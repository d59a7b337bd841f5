// A dialect's view of the one schema: the keys it spells at each shape, the API member each key
// carries, and our description of it. Validation, completion and hover all read these views.
import { CFN_MEMBER_NAMES } from "../dialects/cloudformationNames";
import type { Dialect } from "../resources";
import { API_SHAPES } from "./apiShapes";
import { CLOUDFORMATION_SHAPES } from "./cloudformationShapes";
import { DESCRIPTIONS } from "./descriptions";
import { KUBERNETES_DESCRIPTIONS, KUBERNETES_SHAPES } from "./kubernetesShapes";
import { BUILTIN_SHAPES, type Shape, type ShapeTable, type StructureShape } from "./types";

export interface ViewField {
  /** The key as this dialect spells it. */
  key: string;
  /** The member's name in the dialect's shape table (API spelling for API and CloudFormation). */
  member: string;
  /** The shape of the member's value. */
  shape: string;
  required: boolean;
}

export class SchemaView {
  private readonly fieldCache = new Map<string, ViewField[]>();

  constructor(
    readonly dialect: Dialect,
    private readonly table: ShapeTable,
    private readonly keyOf: (shape: string, member: string) => string,
    private readonly descriptions: Readonly<Record<string, string>>,
  ) {}

  shape(name: string): Shape {
    const shape = this.table[name] ?? BUILTIN_SHAPES[name];
    if (!shape) throw new Error(`unknown shape ${name}`);
    return shape;
  }

  fields(shapeName: string): ViewField[] {
    let fields = this.fieldCache.get(shapeName);
    if (!fields) {
      const shape = this.shape(shapeName);
      fields =
        shape.type === "structure" || shape.type === "union"
          ? Object.entries(shape.members).map(([member, m]) => ({
              key: this.keyOf(shapeName, member),
              member,
              shape: m.target,
              required: m.required === true,
            }))
          : [];
      this.fieldCache.set(shapeName, fields);
    }
    return fields;
  }

  field(shapeName: string, key: string): ViewField | undefined {
    return this.fields(shapeName).find((f) => f.key === key);
  }

  /** The key this dialect uses for an API member of a shape. */
  keyFor(shapeName: string, member: string): string {
    return this.keyOf(shapeName, member);
  }

  exactlyOne(shapeName: string): readonly (readonly string[])[] {
    const shape = this.shape(shapeName) as StructureShape;
    return shape.exactlyOne ?? [];
  }

  describe(shapeName: string, member?: string): string | undefined {
    return member === undefined ? this.descriptions[shapeName] : this.descriptions[`${shapeName}.${member}`];
  }
}

const upperFirst = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export const API_VIEW = new SchemaView("api", API_SHAPES, (_shape, member) => member, DESCRIPTIONS);
export const CLOUDFORMATION_VIEW = new SchemaView(
  "cloudformation",
  CLOUDFORMATION_SHAPES,
  (shape, member) => CFN_MEMBER_NAMES[`${shape}.${member}`] ?? upperFirst(member),
  DESCRIPTIONS,
);
export const KUBERNETES_VIEW = new SchemaView("kubernetes", KUBERNETES_SHAPES, (_shape, member) => member, {
  ...DESCRIPTIONS,
  ...KUBERNETES_DESCRIPTIONS,
});

export function viewFor(dialect: Dialect): SchemaView {
  return dialect === "api" ? API_VIEW : dialect === "cloudformation" ? CLOUDFORMATION_VIEW : KUBERNETES_VIEW;
}
