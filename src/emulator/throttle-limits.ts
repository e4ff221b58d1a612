/**
 * Microsoft's documented throttling for the calls the gateway makes, enforced by the emulator
 * (README "Throttling the emulator enforces" cites the sources):
 *
 * - Graph service communications (`/admin/serviceAnnouncement/`), per app per tenant:
 *   240 requests per 60 seconds and 800 requests per hour (learn.microsoft.com/graph/throttling-limits,
 *   "Service Communications service limits").
 * - Graph GDAP (`/tenantRelationships/`, the tenantRelationship resource of "Multi-tenant management
 *   service limits"), per app per tenant: 1,000 requests per 20 seconds (any request type).
 * - Partner Center customers and subscriptions (`/v1/customers...`): 500 requests per minute per
 *   tenant identifier (Partner Center "Subscription resources" note; api-throttling-guidance).
 *   Which tenant the key names is not spelled out; the emulator keys it per customer tenant by
 *   default (the resource is addressed by the customer's id) and per partner with `partnerCenterScope: "partner"`.
 *
 * A request over a limit is answered 429 with `Retry-After` (whole seconds until the window that
 * refused it frees a slot). Windows are fixed, starting at a key's first request: simple, and no
 * more lenient than Microsoft's sliding windows for a client that paces itself evenly.
 */

/** One limit: at most `limit` requests per `windowMs` for one key. */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface ThrottleSettings {
  /** Graph /admin/serviceAnnouncement/, per app per tenant (the token's tenant). */
  serviceCommunications: readonly RateLimitRule[];
  /** Graph /tenantRelationships/, per app per tenant (the partner's). */
  gdap: readonly RateLimitRule[];
  /** Partner Center /v1/customers and subscriptions. */
  partnerCenter: readonly RateLimitRule[];
  /** Whose tenant id a Partner Center limit counts against (default "customer"). */
  partnerCenterScope: "customer" | "partner";
}

/** The documented figures (see the module comment). */
export const MICROSOFT_THROTTLE_LIMITS: ThrottleSettings = {
  serviceCommunications: [
    { limit: 240, windowMs: 60_000 },
    { limit: 800, windowMs: 3_600_000 },
  ],
  gdap: [{ limit: 1_000, windowMs: 20_000 }],
  partnerCenter: [{ limit: 500, windowMs: 60_000 }],
  partnerCenterScope: "customer",
};

/** Which documented limit family a request path falls under, if any. */
export type ThrottledFamily = "serviceCommunications" | "gdap" | "partnerCenter";

export function throttledFamilyOf(path: string): ThrottledFamily | undefined {
  if (path.startsWith("/v1.0/admin/serviceAnnouncement/")) return "serviceCommunications";
  if (path.startsWith("/v1.0/tenantRelationships/")) return "gdap";
  if (path === "/v1/customers" || path.startsWith("/v1/customers/")) return "partnerCenter";
  return undefined;
}

interface Window {
  startedAt: number;
  count: number;
}

/** Counts requests per family, rule and key; `take` says whether one more is allowed now. */
export interface Throttle {
  readonly settings: ThrottleSettings;
  /** null = allowed (and counted); a number = refused, retry after this many seconds. */
  take(family: ThrottledFamily, key: string): number | null;
  /** Requests refused with 429 since start or reset, per family. */
  refused(): Record<ThrottledFamily, number>;
  reset(): void;
}

export function createThrottle(settings: ThrottleSettings, now: () => number = Date.now): Throttle {
  let windows = new Map<string, Window>();
  let refusedCounts = emptyCounts();
  return {
    settings,
    take(family, key) {
      const rules = settings[family];
      const at = now();
      const open: Window[] = [];
      let retryAfterMs = 0;
      rules.forEach((rule, index) => {
        const id = `${family}|${index}|${key.toLowerCase()}`;
        let window = windows.get(id);
        if (!window || at - window.startedAt >= rule.windowMs) {
          window = { startedAt: at, count: 0 };
          windows.set(id, window);
        }
        if (window.count >= rule.limit) retryAfterMs = Math.max(retryAfterMs, window.startedAt + rule.windowMs - at);
        open.push(window);
      });
      if (retryAfterMs > 0) {
        refusedCounts[family] += 1;
        return Math.max(1, Math.ceil(retryAfterMs / 1000));
      }
      // Counted only when every rule allows it: a refused request uses no quota.
      for (const window of open) window.count += 1;
      return null;
    },
    refused: () => ({ ...refusedCounts }),
    reset() {
      windows = new Map();
      refusedCounts = emptyCounts();
    },
  };
}

function emptyCounts(): Record<ThrottledFamily, number> {
  return { serviceCommunications: 0, gdap: 0, partnerCenter: 0 };
}
