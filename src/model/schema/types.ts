// The shape vocabulary of the one App Mesh schema. Shapes are named and refer to each other by
// name, as in the API model; dialects (Kubernetes, CloudFormation) are views over the same table.

export interface StringShape {
  type: "string";
  enum?: readonly string[];
  min?: number;
  max?: number;
  pattern?: string;
}

export interface NumberShape {
  type: "integer" | "long";
  min?: number;
  max?: number;
}

export interface BooleanShape {
  type: "boolean";
}

export interface Member {
  /** Name of the member's shape in the same table. */
  target: string;
  required?: boolean;
}

/** A structure has optional and required members; a union needs exactly one member set. */
export interface StructureShape {
  type: "structure" | "union";
  members: Readonly<Record<string, Member>>;
  /** Groups of members of which exactly one must be set (Kubernetes "Ref or ARN" pairs). */
  exactlyOne?: readonly (readonly string[])[];
}

export interface ListShape {
  type: "list";
  member: string;
  min?: number;
  max?: number;
}

/** String-keyed map (Kubernetes label maps). */
export interface MapShape {
  type: "map";
  value: string;
}

export type Shape = StringShape | NumberShape | BooleanShape | StructureShape | ListShape | MapShape;
export type ShapeTable = Readonly<Record<string, Shape>>;

/** Scalar shapes that every table can use without declaring them. */
export const BUILTIN_SHAPES: ShapeTable = {
  String: { type: "string" },
  Integer: { type: "integer" },
  Long: { type: "long" },
  Boolean: { type: "boolean" },
};
