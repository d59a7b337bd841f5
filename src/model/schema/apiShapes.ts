// The API shapes the whole project uses: the model's structure (generated) plus rules the service
// enforces that the model leaves unstated.
import { API_MODEL_SHAPES } from "./apiModelShapes";
import type { ShapeTable } from "./types";

const SERVICE_RULES: ShapeTable = {
  // The model types retry events as free strings; the service (and the controller's CRDs) accept these.
  HttpRetryPolicyEvent: { type: "string", min: 1, max: 25, enum: ["server-error", "gateway-error", "client-error", "stream-error"] },
};

export const API_SHAPES: ShapeTable = { ...API_MODEL_SHAPES, ...SERVICE_RULES };
