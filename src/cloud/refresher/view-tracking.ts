import { decoratePorts, type PortPolicyTable } from "../port-decorator";
import type { MicrosoftCloud } from "../ports";

/** Which customer tenant each read concerns (partner-wide reads: none). */
const VIEWED_TENANT: PortPolicyTable<MicrosoftCloud, string | undefined> = {
  customers: { listCustomers: () => undefined, listDelegatedAccess: () => undefined },
  subscriptions: { listSubscriptions: (tenantId) => tenantId },
  health: { getTenantHealth: (tenantId) => tenantId },
  supportTopics: { listSupportTopics: () => undefined },
};

/** Tells `onView` of every per-tenant read the API makes, so the refresher can put that tenant first. */
export function withViewTracking<T extends MicrosoftCloud>(cloud: T, onView: (tenantId: string) => void): T {
  return decoratePorts(cloud, VIEWED_TENANT, (tenantId, read) => {
    if (tenantId !== undefined) onView(tenantId);
    return read();
  });
}
