// Loads shared by every caller while under way: VS Code may ask a node for its children several
// times at once (a redraw, a reveal), and each ask must not start another round of AWS calls.

/** Runs a load once, however many times VS Code asks while it is under way; a failure can be retried. */
export function once<T>(holder: { promise?: Promise<T> }, load: () => Promise<T>): Promise<T> {
  holder.promise ??= load().catch((error) => {
    holder.promise = undefined;
    throw error;
  });
  return holder.promise;
}
