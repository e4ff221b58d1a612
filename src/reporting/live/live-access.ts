import type { DelegatedAccess } from "../../cloud/cloud-types";
import { hasUsableAccess, noDelegatedAccess } from "../../customers/delegated-access-policy";

export interface LiveAccessOptions {
  /** The partner's GDAP relationships by customer tenant id (the cloud port, cached or not). */
  read: () => Promise<Map<string, DelegatedAccess>>;
  /** Oldest access data a live subscription may decide on (LIVE_ACCESS_TTL_MS, default 60 s). */
  maxAgeMs: number;
  /**
   * Drops the shared read cache's copy of the relationships before a re-read, so the re-read
   * reaches Microsoft even when the cache would keep its copy longer (CACHE_TTL_DIRECTORY_MS).
   */
  forgetCached?: () => void;
  now?: () => number;
}

/**
 * Delegated access as live subscriptions see it: one copy of the GDAP relationships for the whole
 * gateway, re-read from upstream once it is `maxAgeMs` old. An HTTP request reads access once and
 * ends; a subscription lives for hours, so it must not keep the answer it started with (issue 13):
 * every event is checked against data at most `maxAgeMs` old. A failed read is not kept.
 */
export class LiveAccessCheck {
  private current: { startedAt: number; access: Promise<Map<string, DelegatedAccess>> } | null = null;
  private readonly now: () => number;

  constructor(private readonly options: LiveAccessOptions) {
    this.now = options.now ?? Date.now;
  }

  /** True while the partner holds usable (active or expiring) delegated access to the customer. */
  async hasUsableAccess(customerId: string): Promise<boolean> {
    const access = (await this.accessMap()).get(customerId) ?? noDelegatedAccess(customerId);
    return hasUsableAccess(access);
  }

  private accessMap(): Promise<Map<string, DelegatedAccess>> {
    const now = this.now();
    // The age counts from when the read started: the data is at least that fresh.
    if (this.current === null || now - this.current.startedAt >= this.options.maxAgeMs) {
      this.options.forgetCached?.();
      const entry = { startedAt: now, access: this.options.read() };
      this.current = entry;
      entry.access.catch(() => {
        if (this.current === entry) this.current = null;
      });
    }
    return this.current.access;
  }
}
