// Short human descriptions of schema shapes for completion details and hovers.
import type { SchemaView } from "../model/schema/views";

export function describeShape(view: SchemaView, shapeName: string): string {
  const shape = view.shape(shapeName);
  switch (shape.type) {
    case "string":
      if (shape.enum) return shape.enum.join(" | ");
      if (shape.min !== undefined || shape.max !== undefined) return `string (${shape.min ?? 0}–${shape.max ?? "∞"} characters)`;
      return "string";
    case "integer":
    case "long":
      return shape.min !== undefined || shape.max !== undefined ? `number ${shape.min ?? ""}–${shape.max ?? ""}` : "number";
    case "boolean":
      return "true | false";
    case "list": {
      const bounds = shape.min !== undefined || shape.max !== undefined ? ` (${shape.min ?? 0}–${shape.max ?? "∞"} items)` : "";
      return `list of ${describeShape(view, shape.member)}${bounds}`;
    }
    case "map":
      return "map of strings";
    case "union":
      return `one of: ${view.fields(shapeName).map((f) => f.key).join(", ")}`;
    case "structure":
      return "object";
  }
}
