/** Commercial and GovCloud regions where App Mesh was offered; used to fill region pickers. */
export const APP_MESH_REGIONS: readonly { id: string; name: string }[] = [
  { id: "us-east-1", name: "US East (N. Virginia)" },
  { id: "us-east-2", name: "US East (Ohio)" },
  { id: "us-west-1", name: "US West (N. California)" },
  { id: "us-west-2", name: "US West (Oregon)" },
  { id: "af-south-1", name: "Africa (Cape Town)" },
  { id: "ap-east-1", name: "Asia Pacific (Hong Kong)" },
  { id: "ap-south-1", name: "Asia Pacific (Mumbai)" },
  { id: "ap-northeast-1", name: "Asia Pacific (Tokyo)" },
  { id: "ap-northeast-2", name: "Asia Pacific (Seoul)" },
  { id: "ap-northeast-3", name: "Asia Pacific (Osaka)" },
  { id: "ap-southeast-1", name: "Asia Pacific (Singapore)" },
  { id: "ap-southeast-2", name: "Asia Pacific (Sydney)" },
  { id: "ca-central-1", name: "Canada (Central)" },
  { id: "eu-central-1", name: "Europe (Frankfurt)" },
  { id: "eu-west-1", name: "Europe (Ireland)" },
  { id: "eu-west-2", name: "Europe (London)" },
  { id: "eu-west-3", name: "Europe (Paris)" },
  { id: "eu-north-1", name: "Europe (Stockholm)" },
  { id: "eu-south-1", name: "Europe (Milan)" },
  { id: "me-south-1", name: "Middle East (Bahrain)" },
  { id: "sa-east-1", name: "South America (São Paulo)" },
  { id: "us-gov-east-1", name: "AWS GovCloud (US-East)" },
  { id: "us-gov-west-1", name: "AWS GovCloud (US-West)" },
];

/** Loose check of a region id's shape, for values typed by hand. */
export function looksLikeRegion(value: string): boolean {
  return /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(value);
}
