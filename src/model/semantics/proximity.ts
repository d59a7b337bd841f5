// Which of several definitions of one resource a file means: the one in the same file, then one in
// the same folder, then any. Walkthroughs keep v1/v2 of a router, step folders and per-environment
// copies side by side; each file is read against its nearest neighbours.

/** The folder part of a URI, without the trailing slash. */
export function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf("/"));
}

/** The last segment of a URI. */
export function fileName(uri: string): string {
  return uri.slice(uri.lastIndexOf("/") + 1);
}

/** 0 for the same file, 1 for the same folder, 2 for anywhere else. */
export function distance(fromUri: string, toUri: string): number {
  if (fromUri === toUri) return 0;
  return folderOf(fromUri) === folderOf(toUri) ? 1 : 2;
}

/** `items` nearest to `fromUri` first; items at the same distance keep their order. */
export function byProximity<T extends { uri: string }>(fromUri: string, items: readonly T[]): T[] {
  return items
    .map((item, order) => ({ item, order, rank: distance(fromUri, item.uri) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((entry) => entry.item);
}
