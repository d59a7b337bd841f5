// Which seed goes into which region. Seeds go into the default region (us-east-1) unless a region
// is named: `--seed eu-west-1=scale:3` on the command line, `seeds: {"eu-west-1": "scale:3"}` in
// Sandbox.start. A seed named for the default region replaces the plain one.
import { DEFAULT_REGION } from "../protocol";
import { isRegionName } from "../signedRegion";

/** Region → seed, in the order regions are seeded (the default region first). */
export function seedsByRegion(seed: string | undefined, seeds: Record<string, string> = {}): Map<string, string> {
  const out = new Map<string, string>();
  const plain = seeds[DEFAULT_REGION] ?? seed;
  if (plain !== undefined) out.set(DEFAULT_REGION, plain);
  for (const [region, regionSeed] of Object.entries(seeds)) {
    if (!isRegionName(region)) throw new Error(`"${region}" is not a region name (like eu-west-1) in the seeds`);
    if (region !== DEFAULT_REGION) out.set(region, regionSeed);
  }
  return out;
}

/**
 * Reads repeated `--seed` flags: `SEED` is the default region's, `REGION=SEED` another region's
 * (`file:a=b.yaml` is a plain seed: what comes before `=` is no region name).
 */
export function parseSeedFlags(flags: readonly string[]): { seed?: string; seeds: Record<string, string> } {
  const result: { seed?: string; seeds: Record<string, string> } = { seeds: {} };
  for (const flag of flags) {
    const at = flag.indexOf("=");
    const region = at > 0 ? flag.slice(0, at) : "";
    if (isRegionName(region)) result.seeds[region] = flag.slice(at + 1);
    else result.seed = flag;
  }
  return result;
}
