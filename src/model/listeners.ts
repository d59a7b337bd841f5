// A node's, router's or gateway's listeners as port and protocol: what summaries, hovers, completions
// and the cross-resource checks read of a listener. Kept apart from the checks so the views can use
// it without the schema.
type Obj = Record<string, unknown>;
const asObject = (value: unknown): Obj | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : undefined);

export interface Listener {
  port?: number;
  protocol?: string;
  index: number;
}

/** Port and protocol of each listener of a node, router or gateway spec (unknown values left out). */
export function listenersOf(spec: Obj): Listener[] {
  return (Array.isArray(spec.listeners) ? spec.listeners : []).map((listener, index) => {
    const portMapping = asObject(asObject(listener)?.portMapping);
    return {
      port: typeof portMapping?.port === "number" ? portMapping.port : undefined,
      protocol: typeof portMapping?.protocol === "string" ? portMapping.protocol : undefined,
      index,
    };
  });
}
