import { afterEach, describe, expect, it } from "vitest";
import type { DelegatedAccess, PartnerCustomer } from "../../../src/cloud/cloud-types";
import type { MicrosoftCloud } from "../../../src/cloud/ports";
import { CustomerReads } from "../../../src/customers/customer-reads";

const ACTIVE = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run and Node report unhandled rejections (no clock involved). */
const turnOfTheEventLoop = async () => {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
};

/** A cloud whose two partner lists answer only when the test says so. */
function fakeCloud() {
  const customers = deferred<PartnerCustomer[]>();
  const access = deferred<Map<string, DelegatedAccess>>();
  const calls = { customers: 0, access: 0 };
  const cloud = {
    customers: {
      listCustomers: () => {
        calls.customers += 1;
        return customers.promise;
      },
      listDelegatedAccess: () => {
        calls.access += 1;
        return access.promise;
      },
    },
  } as unknown as MicrosoftCloud;
  return { cloud, calls, customers, access };
}

const customer = (id: string, name: string): PartnerCustomer => ({ id, name, defaultDomain: null, relationshipToPartner: null });
const activeAccess = (customerTenantId: string): DelegatedAccess => ({ customerTenantId, status: "ACTIVE", roles: [], endsAt: null });

describe("CustomerReads.listCustomers reads the GDAP map together with the customer list", () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  afterEach(() => {
    process.off("unhandledRejection", onUnhandled);
    unhandled.length = 0;
  });

  it("starts both partner lists before either answers", async () => {
    const { cloud, calls, customers, access } = fakeCloud();
    const reads = new CustomerReads(cloud);

    const list = reads.listCustomers();

    expect(calls).toEqual({ customers: 1, access: 1 });
    customers.resolve([customer(OTHER, "Fabrikam"), customer(ACTIVE, "Contoso")]);
    access.resolve(new Map([[ACTIVE, activeAccess(ACTIVE)]]));
    expect((await list).map((entry) => entry.name)).toEqual(["Contoso", "Fabrikam"]);
  });

  it("reads each list once per request: later customer and access reads share the ones in flight", async () => {
    const { cloud, calls, customers, access } = fakeCloud();
    const reads = new CustomerReads(cloud);

    const first = reads.listCustomers();
    const again = reads.listCustomers();
    const granted = reads.delegatedAccess(ACTIVE);
    const check = reads.requireDelegatedAccess(ACTIVE);
    customers.resolve([customer(ACTIVE, "Contoso")]);
    access.resolve(new Map([[ACTIVE, activeAccess(ACTIVE)]]));

    expect(await again).toBe(await first);
    expect((await granted).status).toBe("ACTIVE");
    await expect(check).resolves.toBeUndefined();
    expect(await reads.usableCustomerIds()).toEqual([ACTIVE]);
    expect(calls).toEqual({ customers: 1, access: 1 });
  });

  it("lets a GDAP failure nobody awaits yet go unreported, and reports it where the map is awaited", async () => {
    process.on("unhandledRejection", onUnhandled);
    const { cloud, customers, access } = fakeCloud();
    const reads = new CustomerReads(cloud);
    const gdapDown = new Error("Graph delegatedAdminRelationships unavailable");

    const list = reads.listCustomers();
    access.reject(gdapDown);
    await turnOfTheEventLoop();

    expect(unhandled).toEqual([]);
    customers.resolve([customer(ACTIVE, "Contoso")]);
    expect(await list).toHaveLength(1); // the customer list does not fail with the GDAP read
    await expect(reads.delegatedAccess(ACTIVE)).rejects.toBe(gdapDown);
    await expect(reads.requireDelegatedAccess(ACTIVE)).rejects.toBe(gdapDown);
    await expect(reads.usableCustomerIds()).rejects.toBe(gdapDown);
    await turnOfTheEventLoop();
    expect(unhandled).toEqual([]);
  });
});
