// Field names as each dialect spells them, for messages about the API-shaped model.
import type { Dialect } from "../resources";
import { KUBERNETES_SPELLING } from "../schema/references";
import { CLOUDFORMATION_VIEW } from "../schema/views";

/** How `dialect` spells the API member `member` of shape `shape`. */
export function fieldName(dialect: Dialect, shape: string, member: string): string {
  if (dialect === "cloudformation") return CLOUDFORMATION_VIEW.keyFor(shape, member);
  if (dialect === "kubernetes") return KUBERNETES_SPELLING[`${shape}.${member}`] ?? member;
  return member;
}
