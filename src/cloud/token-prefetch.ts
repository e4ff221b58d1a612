import { decoratePorts, type PortPolicyTable } from "./port-decorator";
import type { MicrosoftCloud } from "./ports";

/** Fetches (or finds cached) the access token each kind of read will present. */
export interface ReadTokens {
  /** A Graph token issued by `tenantId` (a customer's health, the partner's GDAP relationships). */
  graph(tenantId: string): Promise<unknown>;
  /** The partner's Partner Center token. */
  partnerCenter(): Promise<unknown>;
}

/**
 * Decorates the ports so that a read has its token before it queues for a concurrency slot.
 * Why: the cap protects Graph and Partner Center, not the identity platform, and a slot held
 * through a token round trip halves what a cold dashboard gets from the cap. A failed prefetch is
 * ignored: the read asks again and reports the failure as its own (FORBIDDEN for a refused tenant).
 */
export function withTokenPrefetch<T extends MicrosoftCloud>(cloud: T, tokens: ReadTokens, partnerTenantId: string): T {
  const table: PortPolicyTable<MicrosoftCloud, () => Promise<unknown>> = {
    customers: { listCustomers: () => () => tokens.partnerCenter(), listDelegatedAccess: () => () => tokens.graph(partnerTenantId) },
    subscriptions: { listSubscriptions: () => () => tokens.partnerCenter() },
    health: { getTenantHealth: (tenantId) => () => tokens.graph(tenantId) },
    // App+User (on behalf of the agent): the partner's app-only token is not what this read presents.
    supportTopics: { listSupportTopics: null },
  };
  return decoratePorts(cloud, table, async (token, read) => {
    await token().catch(() => undefined);
    return read();
  });
}
