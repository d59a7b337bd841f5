// App Mesh's clientToken idempotency: a create or update retried with the same token is applied
// once and answered with what the first request answered; the same token with a different request
// is a ConflictException. Tokens are per operation (createVirtualNode, updateRoute …) and, since
// each region has its own store, per region. The SDKs and botocore fill the token in on every
// call, so the ledger is bounded: the oldest entries go first, as AWS forgets old tokens too.
import { ServiceError } from "../protocol";
import type { ResourceData } from "./store";

export interface TokenEntry {
  /** Canonical JSON of the request the token was first used with (without the token itself). */
  fingerprint: string;
  /** The resource as the first request's answer held it. */
  answer: ResourceData;
}

/** Kept per store; well above what any test or session issues between restarts. */
const MAX_TOKENS = 10_000;

export class ClientTokens {
  private readonly entries = new Map<string, TokenEntry>();

  /**
   * The answer of an earlier request with this token, if it was the same request; undefined for a
   * token not seen before (or none). A token seen with a different request is a ConflictException.
   */
  recall(operation: string, token: string | undefined, fingerprint: string): ResourceData | undefined {
    if (!token) return undefined;
    const entry = this.entries.get(`${operation}:${token}`);
    if (!entry) return undefined;
    if (entry.fingerprint !== fingerprint) {
      throw new ServiceError("ConflictException", 409, `The client token ${token} was already used for a different ${operation} request; retry with a new client token.`);
    }
    return structuredClone(entry.answer);
  }

  remember(operation: string, token: string | undefined, fingerprint: string, answer: ResourceData): void {
    if (!token) return;
    const key = `${operation}:${token}`;
    this.entries.delete(key); // re-inserted last, so it is the newest
    this.entries.set(key, { fingerprint, answer: structuredClone(answer) });
    while (this.entries.size > MAX_TOKENS) this.entries.delete(this.entries.keys().next().value!);
  }

  snapshot(): Record<string, TokenEntry> {
    return Object.fromEntries(this.entries);
  }

  /** Entries of older state files (token → ARN, no fingerprint) are dropped: they cannot be compared. */
  restore(saved: Record<string, unknown> | undefined): void {
    this.entries.clear();
    for (const [key, entry] of Object.entries(saved ?? {})) {
      if (entry && typeof entry === "object" && typeof (entry as TokenEntry).fingerprint === "string") this.entries.set(key, entry as TokenEntry);
    }
  }
}

/** Canonical JSON (keys sorted at every level), so the same request always gives the same text. */
export function requestFingerprint(request: unknown): string {
  return JSON.stringify(sortKeys(request));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
