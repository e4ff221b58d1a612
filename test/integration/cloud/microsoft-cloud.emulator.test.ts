import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "../../../src/errors";
import type { SeedTenant } from "../../../src/emulator";
import { agentAssertion, EmulatorOnBehalfOf } from "../../contract/support/emulator-user-tokens";
import { countRoute, createSandboxCloud, startEmulatorHarness } from "./emulator-harness";
import type { EmulatorHarness } from "./emulator-harness";

let harness: EmulatorHarness;
let sandbox: ReturnType<typeof createSandboxCloud>;

const tenant = (index: number): SeedTenant => {
  const found = harness.emulator.seed.tenants.find((candidate) => candidate.index === index);
  if (!found) throw new Error(`no seeded tenant ${index}`);
  return found;
};

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  harness = await startEmulatorHarness(8);
});

afterAll(async () => {
  await harness?.close();
});

beforeEach(async () => {
  harness.emulator.reset();
  await harness.control.post("/_emulator/requests/reset");
  sandbox = createSandboxCloud(harness.emulator);
});

afterEach(async () => {
  await sandbox.close();
});

describe("CustomerDirectory.listCustomers (Partner Center)", () => {
  it("follows links.next across several pages and returns each customer exactly once", async () => {
    const customers = await sandbox.cloud.customers.listCustomers();

    const expected = harness.emulator.seed.tenants.map((seeded) => seeded.id.toLowerCase()).sort();
    expect(customers.map((customer) => customer.id).sort()).toEqual(expected);
    expect(new Set(customers.map((customer) => customer.id)).size).toBe(customers.length);
    expect(customers.find((customer) => customer.id === tenant(0).id.toLowerCase())).toMatchObject({
      name: tenant(0).name,
      defaultDomain: tenant(0).domain,
    });
    // 8 customers at 3 per page.
    expect(countRoute(await harness.control.requests(), "customers")).toBe(3);
  });
});

describe("CustomerDirectory.listDelegatedAccess (Graph GDAP)", () => {
  it("reports every seeded relationship status, folded per customer", async () => {
    const access = await sandbox.cloud.customers.listDelegatedAccess();
    const statusOf = (index: number) => access.get(tenant(index).id.toLowerCase())?.status;

    expect(statusOf(0)).toBe("ACTIVE");
    expect(statusOf(1)).toBe("EXPIRED");
    expect(statusOf(2)).toBe("APPROVAL_PENDING");
    expect(access.has(tenant(3).id.toLowerCase())).toBe(false);
    expect(statusOf(4)).toBe("ACTIVE");
    expect(statusOf(5)).toBe("TERMINATED");
    for (const index of [6, 7]) expect(["ACTIVE", "EXPIRING"]).toContain(statusOf(index));
  });

  it("follows absolute @odata.nextLinks to the last page", async () => {
    const paged = createSandboxCloud(harness.emulator, { relationshipsPageSize: 2 });
    try {
      const all = await sandbox.cloud.customers.listDelegatedAccess();
      await harness.control.post("/_emulator/requests/reset");

      const access = await paged.cloud.customers.listDelegatedAccess();

      expect([...access.entries()].sort()).toEqual([...all.entries()].sort());
      const relationshipCount = harness.emulator.seed.tenants.reduce((sum, seeded) => sum + seeded.relationships.length, 0);
      expect(countRoute(await harness.control.requests(), "delegatedAdminRelationships")).toBe(Math.ceil(relationshipCount / 2));
    } finally {
      await paged.close();
    }
  });

  it("returns the roles and end date of the usable relationship", async () => {
    const access = await sandbox.cloud.customers.listDelegatedAccess();
    const zero = access.get(tenant(0).id.toLowerCase());
    const seeded = tenant(0).relationships.find((relationship) => relationship.status === "active")!;

    expect(zero?.roles.sort()).toEqual(seeded.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId).sort());
    expect(zero?.endsAt?.toISOString()).toBe(new Date(seeded.endDateTime!).toISOString());
    expect(access.get(tenant(4).id.toLowerCase())?.roles).toEqual(["790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b"]);
  });
});

describe("ServiceHealthFeed.getTenantHealth (Graph)", () => {
  it("reads a tenant's services and issues in one call, with that tenant's token", async () => {
    const zero = tenant(0);
    const health = await sandbox.cloud.health.getTenantHealth(zero.id);

    expect(health.tenantId).toBe(zero.id);
    expect(health.services.map((service) => service.serviceId).sort()).toEqual(zero.services.map((service) => service.id).sort());
    expect(health.incidents.map((incident) => incident.id).sort()).toEqual(zero.issues.map((issue) => issue.id).sort());
    for (const service of health.services) expect(service.status).not.toBe("UNKNOWN");

    const counts = await harness.control.requests();
    expect(countRoute(counts, "healthOverviews")).toBe(1);
    // The emulator attributes a Graph call to the token's tenant (tid).
    expect(counts.byTenant[zero.id.toLowerCase()] ?? counts.byTenant[zero.id]).toBe(1);
  });

  it("uses each customer's own token: two tenants, two tenant attributions, no partner-tenant call", async () => {
    const [zero, six] = [tenant(0), tenant(6)];
    const [healthZero, healthSix] = await Promise.all([
      sandbox.cloud.health.getTenantHealth(zero.id),
      sandbox.cloud.health.getTenantHealth(six.id),
    ]);

    expect(healthZero.incidents.map((incident) => incident.id).sort()).toEqual(zero.issues.map((issue) => issue.id).sort());
    expect(healthSix.incidents.map((incident) => incident.id).sort()).toEqual(six.issues.map((issue) => issue.id).sort());
    const byTenant = lowerKeys((await harness.control.requests()).byTenant);
    expect(byTenant[zero.id.toLowerCase()]).toBe(1);
    expect(byTenant[six.id.toLowerCase()]).toBe(1);
    expect(byTenant[harness.emulator.partnerTenantId.toLowerCase()]).toBeUndefined();
  });

  it("refuses a tenant whose relationship lacks a health role (FORBIDDEN)", async () => {
    const error = await failureOf(sandbox.cloud.health.getTenantHealth(tenant(4).id));
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
  });

  it("refuses a tenant without any relationship (FORBIDDEN)", async () => {
    const error = await failureOf(sandbox.cloud.health.getTenantHealth(tenant(3).id));
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
  });
});

describe("retries", () => {
  it("honours Retry-After on a Graph 429 and then succeeds", async () => {
    const zero = tenant(0);
    await harness.control.post("/_emulator/faults", { match: "healthOverviews", tenant: zero.id, status: 429, retryAfterSeconds: 1, times: 1 });

    const health = await sandbox.cloud.health.getTenantHealth(zero.id);

    expect(health.services.length).toBeGreaterThan(0);
    expect(countRoute(await harness.control.requests(), "healthOverviews")).toBe(2);
  });

  it("reports RATE_LIMITED with retryAfterSeconds when Retry-After exceeds the accepted wait", async () => {
    const zero = tenant(0);
    await harness.control.post("/_emulator/faults", { match: "healthOverviews", status: 429, retryAfterSeconds: 60, times: 1 });

    const error = await failureOf(sandbox.cloud.health.getTenantHealth(zero.id));

    expect(error.code).toBe(ErrorCode.RATE_LIMITED);
    expect(error.details.retryAfterSeconds).toBe(60);
    expect(countRoute(await harness.control.requests(), "healthOverviews")).toBe(1);
  });

  it("retries a Graph 503 three times and then succeeds", async () => {
    await harness.control.post("/_emulator/faults", { match: "delegatedAdminRelationships", status: 503, times: 3 });

    const access = await sandbox.cloud.customers.listDelegatedAccess();

    expect(access.size).toBeGreaterThan(0);
    expect(countRoute(await harness.control.requests(), "delegatedAdminRelationships")).toBe(4);
  });

  it("retries a Partner Center 503 three times and then succeeds", async () => {
    const zero = tenant(0);
    await harness.control.post("/_emulator/faults", { match: "/subscriptions", status: 503, times: 3 });

    const subscriptions = await sandbox.cloud.subscriptions.listSubscriptions(zero.id);

    expect(subscriptions.map((subscription) => subscription.id).sort()).toEqual(zero.subscriptions.map((subscription) => subscription.id).sort());
    expect(countRoute(await harness.control.requests(), "subscriptions")).toBe(4);
  });

  it("honours Retry-After on a Partner Center 429 and then succeeds", async () => {
    await harness.control.post("/_emulator/faults", { match: "/customers$", status: 429, retryAfterSeconds: 1, times: 1 });

    const customers = await sandbox.cloud.customers.listCustomers();

    expect(customers).toHaveLength(harness.emulator.seed.tenants.length);
    expect(countRoute(await harness.control.requests(), "customers")).toBe(4);
  });

  it("gives up on a persistent Partner Center 503 with UPSTREAM_UNAVAILABLE after maxRetries", async () => {
    await harness.control.post("/_emulator/faults", { match: "/subscriptions", status: 503 });

    const error = await failureOf(sandbox.cloud.subscriptions.listSubscriptions(tenant(0).id));

    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(error.message).not.toMatch(/Bearer|eyJ/);
    expect(countRoute(await harness.control.requests(), "subscriptions")).toBe(4);
  });

  it("gives up on a persistent Graph 503 with UPSTREAM_UNAVAILABLE after maxRetries", async () => {
    await harness.control.post("/_emulator/faults", { match: "healthOverviews", status: 503 });

    const error = await failureOf(sandbox.cloud.health.getTenantHealth(tenant(0).id));

    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(countRoute(await harness.control.requests(), "healthOverviews")).toBe(4);
  });

  it("times out a hanging Partner Center attempt and retries it", async () => {
    const fast = createSandboxCloud(harness.emulator, { timeoutMs: 300 });
    try {
      // An app-only Partner Center read (support topics are App+User, one attempt per call).
      await harness.control.post("/_emulator/faults", { match: "subscriptions", hang: true, times: 1 });

      const subscriptions = await fast.cloud.subscriptions.listSubscriptions(tenant(0).id);

      expect(subscriptions.length).toBe(tenant(0).subscriptions.length);
      expect(countRoute(await harness.control.requests(), "subscriptions")).toBe(2);
    } finally {
      await fast.close();
    }
  });

  it("times out a hanging Graph attempt and retries it", async () => {
    const fast = createSandboxCloud(harness.emulator, { timeoutMs: 300 });
    try {
      await harness.control.post("/_emulator/faults", { match: "healthOverviews", hang: true, times: 1 });

      const health = await fast.cloud.health.getTenantHealth(tenant(0).id);

      expect(health.services.length).toBeGreaterThan(0);
      expect(countRoute(await harness.control.requests(), "healthOverviews")).toBe(2);
    } finally {
      await fast.close();
    }
  });

  it("reports a Graph call that keeps hanging as UPSTREAM_UNAVAILABLE", async () => {
    const fast = createSandboxCloud(harness.emulator, { timeoutMs: 300, maxRetries: 1 });
    try {
      await harness.control.post("/_emulator/faults", { match: "healthOverviews", hang: true });

      const error = await failureOf(fast.cloud.health.getTenantHealth(tenant(0).id));

      expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
      expect(error.message).toMatch(/did not answer in time/);
    } finally {
      await fast.close();
    }
  });
});

describe("token cache", () => {
  it("requests one token per tenant and scope across many calls", async () => {
    const [zero, six] = [tenant(0), tenant(6)];
    await Promise.all([
      ...Array.from({ length: 5 }, () => sandbox.cloud.health.getTenantHealth(zero.id)),
      ...Array.from({ length: 3 }, () => sandbox.cloud.health.getTenantHealth(six.id)),
      ...Array.from({ length: 4 }, () => sandbox.cloud.subscriptions.listSubscriptions(zero.id)),
    ]);
    await sandbox.cloud.customers.listCustomers();
    await sandbox.cloud.customers.listDelegatedAccess();
    await sandbox.cloud.health.getTenantHealth(zero.id);

    // Graph for tenant 0, Graph for tenant 6, Graph for the partner tenant, Partner Center for the partner tenant.
    expect((await harness.control.requests()).tokens).toBe(4);
  });
});

describe("catalogs", () => {
  it("lists a customer's subscriptions with products", async () => {
    const zero = tenant(0);
    const subscriptions = await sandbox.cloud.subscriptions.listSubscriptions(zero.id);

    expect(subscriptions).toHaveLength(zero.subscriptions.length);
    for (const subscription of subscriptions) expect(subscription.status).toBe("ACTIVE");
    const azure = subscriptions.find((subscription) => subscription.offerName === "Azure plan");
    if (azure) expect(azure.product).toBe("AZURE");
  });

  it("lists support topics mapped to products, on behalf of a signed-in agent (App+User only)", async () => {
    await expect(sandbox.cloud.supportTopics.listSupportTopics()).rejects.toMatchObject({ details: { reason: "NO_AGENT_SIGN_IN" } });
    const userTokens = new EmulatorOnBehalfOf(harness.emulator);
    const withUser = createSandboxCloud(harness.emulator, { partnerCenterUserTokens: userTokens });
    const topics = await withUser.cloud.supportTopics
      .listSupportTopics({ assertion: agentAssertion({ oid: "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c", name: "Hanna Helpdesk" }) })
      .finally(async () => {
        await withUser.close();
        await userTokens.close();
      });

    expect(topics.map((topic) => topic.id).sort()).toEqual(harness.emulator.seed.supportTopics.map((topic) => String(topic.id)).sort());
    expect(topics.find((topic) => topic.name.startsWith("Exchange Online"))?.product).toBe("MICROSOFT_365");
    expect(topics.find((topic) => topic.name.startsWith("Dynamics 365"))?.product).toBe("DYNAMICS_365");
  });
});

function lowerKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
}
