// Names the targets accept. VPC Lattice: lower-case a-z, 0-9 and '-', no leading, trailing or
// double '-', none of the reserved prefixes, within a length range. Kubernetes: DNS-1123 names.
// Service Connect: port names and discovery names of [a-z0-9_-]. Each is made from an App Mesh
// name deterministically, so a re-run names things the same.

const RESERVED_PREFIXES = ["svc-", "listener-", "rule-", "tg-", "sn-", "snsa-", "snva-"];

/** A VPC Lattice name of at most `max` characters (at least 3). */
export function latticeName(name: string, max: number): string {
  let out = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  for (const prefix of RESERVED_PREFIXES) if (out.startsWith(prefix)) out = `x${out}`;
  out = out.slice(0, max).replace(/-+$/, "");
  while (out.length < 3) out += "x";
  return out;
}

/** A Kubernetes object name (DNS-1123 label when `max` is 63). */
export function kubernetesName(name: string, max = 63): string {
  const out = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
  return out || "unnamed";
}

/** A Service Connect port or discovery name: [a-z0-9_-], at most 64, not starting with '-'. */
export function serviceConnectName(name: string): string {
  const out = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 64);
  return out || "service";
}

/** A CloudFormation logical id: alphanumerics, from words of the name. */
export function logicalId(...parts: string[]): string {
  const id = parts
    .join("-")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
  return /^[A-Za-z]/.test(id) ? id : `R${id}`;
}

/** Ids made unique by a counter suffix, in the order asked. */
export class UniqueNames {
  private readonly used = new Set<string>();
  take(base: string, limit = Infinity): string {
    let name = base.slice(0, limit);
    for (let i = 2; this.used.has(name); i++) name = `${base.slice(0, limit - String(i).length)}${i}`;
    this.used.add(name);
    return name;
  }
}
