import { describe, expect, it } from "vitest";
import type { DelegatedAccess } from "../../../src/cloud/cloud-types";
import type { MicrosoftCloud } from "../../../src/cloud/ports";
import { CustomerReads } from "../../../src/customers/customer-reads";
import { AppError } from "../../../src/errors";

const ACTIVE = "11111111-1111-4111-8111-111111111111";
const PENDING = "22222222-2222-4222-8222-222222222222";
const UNKNOWN = "33333333-3333-4333-8333-333333333333";

/** A cloud whose GDAP map is served like the read cache does: the same records until refreshed. */
function fakeCloud(access: () => Map<string, DelegatedAccess>) {
  const calls = { access: 0, health: 0 };
  const cloud = {
    customers: {
      listCustomers: async () => [],
      listDelegatedAccess: async () => {
        calls.access += 1;
        return access();
      },
    },
    health: {
      getTenantHealth: async () => {
        calls.health += 1;
        return { services: [], incidents: [] };
      },
    },
  } as unknown as MicrosoftCloud;
  return { cloud, calls };
}

const record = (customerTenantId: string, status: DelegatedAccess["status"]): DelegatedAccess => ({
  customerTenantId,
  status,
  roles: [],
  endsAt: null,
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("CustomerReads delegated-access checks", () => {
  it("rejects every field of a tenant without usable GDAP with one FORBIDDEN per request and reads nothing upstream for it", async () => {
    const cached = new Map([
      [ACTIVE, record(ACTIVE, "ACTIVE")],
      [PENDING, record(PENDING, "APPROVAL_PENDING")],
    ]);
    const { cloud, calls } = fakeCloud(() => cached);
    const reads = new CustomerReads(cloud);

    const errors = await Promise.all([
      rejection(reads.subscriptions(PENDING)),
      rejection(reads.health(PENDING)),
      rejection(reads.incidents(PENDING, true)),
      rejection(reads.requireDelegatedAccess(PENDING)),
    ]);
    expect(errors[0]?.code).toBe("FORBIDDEN");
    expect(errors[0]?.message).toBe(
      `The partner has no active delegated admin access to customer ${PENDING} (relationship status APPROVAL_PENDING)`,
    );
    expect(new Set(errors).size).toBe(1);
    await expect(reads.health(ACTIVE)).resolves.toEqual({ services: [], incidents: [] });
    expect(calls).toEqual({ access: 1, health: 1 });
  });

  it("reuses the rejection while the cached record is unchanged and builds a new one when it is refreshed", async () => {
    let current = new Map([[PENDING, record(PENDING, "APPROVAL_PENDING")]]);
    const { cloud } = fakeCloud(() => current);
    const first = await rejection(new CustomerReads(cloud).requireDelegatedAccess(PENDING));
    const second = await rejection(new CustomerReads(cloud).requireDelegatedAccess(PENDING));
    expect(second).toBe(first);

    current = new Map([[PENDING, record(PENDING, "EXPIRED")]]);
    const refreshed = await rejection(new CustomerReads(cloud).requireDelegatedAccess(PENDING));
    expect(refreshed).not.toBe(first);
    expect(refreshed.message).toContain("(relationship status EXPIRED)");

    current = new Map([[PENDING, record(PENDING, "ACTIVE")]]);
    await expect(new CustomerReads(cloud).requireDelegatedAccess(PENDING)).resolves.toBeUndefined();
  });

  it("rejects a tenant with no relationship at all as NONE, per request", async () => {
    const { cloud } = fakeCloud(() => new Map());
    const a = await rejection(new CustomerReads(cloud).requireDelegatedAccess(UNKNOWN));
    const b = await rejection(new CustomerReads(cloud).requireDelegatedAccess(UNKNOWN));
    expect(a.message).toContain(`customer ${UNKNOWN} (relationship status NONE)`);
    expect(b.code).toBe("FORBIDDEN");
  });
});
