import { describe, expect, it } from "vitest";
import { decoratePorts, type PortPolicyTable } from "../../../src/cloud/port-decorator";
import type { MicrosoftCloud, ServiceHealthFeed } from "../../../src/cloud/ports";

const TENANT = "11111111-1111-4111-8111-111111111111";

/** A cloud whose reads answer their own name (and argument), so routing is checked by value. */
const cloud = {
  customers: { listCustomers: async () => [], listDelegatedAccess: async () => new Map() },
  subscriptions: { listSubscriptions: async (tenantId: string) => [{ id: `sub-of-${tenantId}` }] as never },
  health: { getTenantHealth: async (tenantId: string) => ({ tenantId, services: [], incidents: [] }) },
  supportTopics: { listSupportTopics: async () => [] },
} satisfies MicrosoftCloud;

const TENANT_OF: PortPolicyTable<MicrosoftCloud, string> = {
  customers: { listCustomers: () => "partner", listDelegatedAccess: () => "partner" },
  subscriptions: { listSubscriptions: (tenantId) => tenantId },
  health: { getTenantHealth: (tenantId) => tenantId },
  supportTopics: { listSupportTopics: null },
};

describe("PortPolicyTable (compile-time exhaustiveness)", () => {
  it("refuses a table that misses a port method, names one that does not exist, or a port", () => {
    /** A port that gained a method: every table over it must say what to do with it. */
    interface GrownCloud extends MicrosoftCloud {
      health: ServiceHealthFeed & { listIssues(tenantId: string): Promise<string[]> };
    }
    // @ts-expect-error health.listIssues has no policy: a forgotten method is a compile error, not a silent pass-through
    const missingMethod: PortPolicyTable<GrownCloud, string> = TENANT_OF;
    const complete: PortPolicyTable<GrownCloud, string> = { ...TENANT_OF, health: { ...TENANT_OF.health, listIssues: (tenantId) => tenantId } };
    // @ts-expect-error a table without the supportTopics port does not compile
    const missingPort: PortPolicyTable<MicrosoftCloud, string> = { customers: TENANT_OF.customers, subscriptions: TENANT_OF.subscriptions, health: TENANT_OF.health };
    const wrongArguments: PortPolicyTable<MicrosoftCloud, string> = {
      ...TENANT_OF,
      // @ts-expect-error the policy takes the method's own arguments (a tenant id string)
      health: { getTenantHealth: (tenantId: number) => String(tenantId) },
    };
    expect([missingMethod, complete, missingPort, wrongArguments]).toHaveLength(4);
  });
});

describe("decoratePorts", () => {
  it("runs every listed method through `around` with its policy, lets null entries and extra members through", async () => {
    const seen: string[] = [];
    const handle = { ...cloud, close: async () => "closed" };
    const decorated = decoratePorts(handle, TENANT_OF, async (tenant, call) => {
      seen.push(tenant);
      return call();
    });

    expect(await decorated.health.getTenantHealth(TENANT)).toMatchObject({ tenantId: TENANT });
    expect(await decorated.subscriptions.listSubscriptions(TENANT)).toEqual([{ id: `sub-of-${TENANT}` }]);
    await decorated.customers.listCustomers();
    await decorated.customers.listDelegatedAccess();
    await decorated.supportTopics.listSupportTopics();
    expect(seen).toEqual([TENANT, TENANT, "partner", "partner"]); // topics: null, passed straight through
    expect(await decorated.close()).toBe("closed");
  });

  it("passes a failure of the inner read through `around` unchanged", async () => {
    const failure = new Error("upstream down");
    const failing = { ...cloud, health: { getTenantHealth: (_tenantId: string) => Promise.reject<never>(failure) } } satisfies MicrosoftCloud;
    let observed: unknown;
    const decorated = decoratePorts(failing, TENANT_OF, async (_tenant, call) => {
      try {
        return await call();
      } catch (error) {
        observed = error;
        throw error;
      }
    });
    await expect(decorated.health.getTenantHealth(TENANT)).rejects.toBe(failure);
    expect(observed).toBe(failure);
  });
});
