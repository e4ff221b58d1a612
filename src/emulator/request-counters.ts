/**
 * Upstream call counts (`GET /_emulator/requests`): `total` counts Graph and Partner Center API
 * calls (a `$batch` is one call), `tokens` counts token requests, and `byRoute` / `byTenant` break
 * `total` down by route pattern and by the tenant each call concerns.
 */
export interface RequestCountsSnapshot {
  total: number;
  tokens: number;
  byRoute: Record<string, number>;
  byTenant: Record<string, number>;
  /** Requests carried inside `$batch` calls (not part of `total`). */
  batchedRequests: number;
}

export interface RequestCounters {
  countApiCall(routeKey: string, tenantId: string | undefined): void;
  countTokenRequest(): void;
  countBatched(n: number): void;
  snapshot(): RequestCountsSnapshot;
  reset(): void;
}

export function createRequestCounters(): RequestCounters {
  let counts = empty();
  return {
    countApiCall(routeKey, tenantId) {
      counts.total += 1;
      counts.byRoute[routeKey] = (counts.byRoute[routeKey] ?? 0) + 1;
      if (tenantId !== undefined) counts.byTenant[tenantId] = (counts.byTenant[tenantId] ?? 0) + 1;
    },
    countTokenRequest() {
      counts.tokens += 1;
    },
    countBatched(n) {
      counts.batchedRequests += n;
    },
    snapshot: () => structuredClone(counts),
    reset() {
      counts = empty();
    },
  };
}

function empty(): RequestCountsSnapshot {
  return { total: 0, tokens: 0, byRoute: {}, byTenant: {}, batchedRequests: 0 };
}
