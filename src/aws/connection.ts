// One connection to AWS (or to a compatible endpoint such as the local sandbox): a profile, a
// region and an optional endpoint, with the App Mesh, Cloud Map and X-Ray clients made from them
// lazily. Every call goes through `send`, which times it, logs it and maps failures to AccessError.
import { performance } from "node:perf_hooks";
import { AppMeshClient, type AppMeshClientConfig } from "@aws-sdk/client-app-mesh";
import { ServiceDiscoveryClient } from "@aws-sdk/client-servicediscovery";
import { XRayClient } from "@aws-sdk/client-xray";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";
import { connectionLabel, DEFAULT_REGION } from "./connectionLabel";
import { normaliseEndpoint } from "./endpoint";
import { toAccessError, type AccessError, type AccessErrorKind } from "./errors";

export interface ConnectionSettings {
  profile?: string;
  region?: string;
  endpoint?: string;
}

export interface CallLogEntry {
  service: "appmesh" | "servicediscovery" | "xray";
  operation: string;
  /** What the call was about, e.g. "mesh demo · VirtualNode color-v1"; never credentials. */
  subject?: string;
  durationMs: number;
  outcome: "ok" | AccessErrorKind;
  attempts: number;
}

/** What the clients accept as credentials: a fixed identity or a provider of one. */
export type CredentialsInput = NonNullable<AppMeshClientConfig["credentials"]>;
type CredentialProvider = Extract<CredentialsInput, (...args: never[]) => unknown>;
type CredentialIdentity = Exclude<CredentialsInput, CredentialProvider>;

export interface ConnectionOptions {
  /** Called once per `send`, after it settles. Never receives credentials or request bodies. */
  log?: (entry: CallLogEntry) => void;
  /** Attempts per call, first included (default 6); throttling and 5xx answers are retried with backoff and jitter. */
  maxAttempts?: number;
  /** Milliseconds one attempt may take before it fails with a timeout (default 15 000). */
  requestTimeoutMs?: number;
  /** Fixed credentials or a provider, instead of the default chain (tests, or a caller that resolved them). */
  credentials?: CredentialsInput;
}

export { DEFAULT_REGION } from "./connectionLabel";
const DEFAULT_MAX_ATTEMPTS = 6;
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

export class AwsConnection {
  readonly settings: ConnectionSettings;
  private readonly options: ConnectionOptions;
  private readonly endpoint?: string;
  private appMeshClient?: AppMeshClient;
  private cloudMapClient?: ServiceDiscoveryClient;
  private xrayClient?: XRayClient;
  private provider?: CredentialProvider;
  private region?: Promise<string>;
  private regionValue?: string;
  /** The last credential values resolved, kept only to mask them out of error messages. */
  private secrets: (string | undefined)[] = [];

  constructor(settings: ConnectionSettings, options: ConnectionOptions = {}) {
    const endpoint = settings.endpoint ? normaliseEndpoint(settings.endpoint) : "";
    this.settings = Object.freeze({
      ...(settings.profile ? { profile: settings.profile } : {}),
      ...(settings.region ? { region: settings.region } : {}),
      ...(endpoint ? { endpoint } : {}),
    });
    this.endpoint = endpoint || undefined;
    this.options = options;
    const given = options.credentials;
    if (given && typeof given !== "function") this.secrets = secretsOf(given);
  }

  /** "default · us-east-1" or "dev · eu-west-1 · http://127.0.0.1:4566". The region is the resolved one once known. */
  label(): string {
    return connectionLabel(this.settings, this.regionValue);
  }

  /** settings.region, else the profile's region in the shared config, else AWS_REGION, else us-east-1. */
  resolvedRegion(): Promise<string> {
    this.region ??= this.findRegion().then((region) => (this.regionValue = region));
    return this.region;
  }

  appMesh(): AppMeshClient {
    this.appMeshClient ??= new AppMeshClient(this.clientConfig());
    return this.appMeshClient;
  }

  cloudMap(): ServiceDiscoveryClient {
    // DiscoverInstances goes to data-servicediscovery.<region>; a custom endpoint takes no host prefix.
    this.cloudMapClient ??= new ServiceDiscoveryClient({ ...this.clientConfig(), ...(this.endpoint ? { disableHostPrefix: true } : {}) });
    return this.cloudMapClient;
  }

  xray(): XRayClient {
    this.xrayClient ??= new XRayClient(this.clientConfig());
    return this.xrayClient;
  }

  /**
   * Runs one SDK call: times it, logs a CallLogEntry (attempts as the SDK's retry counted them) and
   * turns any failure into an AccessError.
   */
  async send<T>(service: CallLogEntry["service"], operation: string, call: () => Promise<T>, subject?: string): Promise<T> {
    const started = performance.now();
    const about = subject ? { subject } : {};
    try {
      const output = await call();
      this.record({ service, operation, ...about, durationMs: performance.now() - started, outcome: "ok", attempts: attemptsOf(output) });
      return output;
    } catch (error) {
      const mapped: AccessError = toAccessError(error, {
        operation,
        profile: this.settings.profile,
        endpoint: this.endpoint,
        secrets: this.secrets,
      });
      this.record({ service, operation, ...about, durationMs: performance.now() - started, outcome: mapped.kind, attempts: attemptsOf(error) });
      throw mapped;
    }
  }

  dispose(): void {
    this.appMeshClient?.destroy();
    this.cloudMapClient?.destroy();
    this.xrayClient?.destroy();
    this.appMeshClient = this.cloudMapClient = this.xrayClient = undefined;
  }

  private record(entry: CallLogEntry): void {
    try {
      this.options.log?.({ ...entry, durationMs: Math.round(entry.durationMs * 10) / 10 });
    } catch {
      // A failing logger must not fail the call.
    }
  }

  private clientConfig() {
    return {
      region: () => this.resolvedRegion(),
      credentials: this.credentials(),
      ...(this.endpoint ? { endpoint: this.endpoint } : {}),
      retryMode: "adaptive",
      maxAttempts: Math.max(1, this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
      requestHandler: { requestTimeout: this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
    } satisfies AppMeshClientConfig;
  }

  /** One provider for all three clients; it remembers the values it resolved only to mask them in errors. */
  private credentials(): CredentialProvider {
    if (!this.provider) {
      const given = this.options.credentials;
      const base: CredentialProvider =
        given === undefined
          ? fromNodeProviderChain(this.settings.profile ? { profile: this.settings.profile } : {})
          : typeof given === "function"
            ? given
            : async () => given;
      this.provider = async (properties?: Record<string, unknown>) => {
        const identity = await base(properties);
        this.secrets = secretsOf(identity);
        return identity;
      };
    }
    return this.provider;
  }

  private async findRegion(): Promise<string> {
    if (this.settings.region) return this.settings.region;
    const profile = this.settings.profile || process.env.AWS_PROFILE || "default";
    try {
      const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
      const region = configFile[profile]?.region ?? credentialsFile[profile]?.region;
      if (region) return region;
    } catch {
      // Unreadable files: fall back as if there were none.
    }
    return process.env.AWS_REGION || DEFAULT_REGION;
  }
}

function secretsOf(identity: CredentialIdentity): (string | undefined)[] {
  return [identity.accessKeyId, identity.secretAccessKey, identity.sessionToken];
}

function attemptsOf(value: unknown): number {
  const attempts = (value as { $metadata?: { attempts?: unknown } } | undefined)?.$metadata?.attempts;
  return typeof attempts === "number" && attempts > 0 ? attempts : 1;
}
