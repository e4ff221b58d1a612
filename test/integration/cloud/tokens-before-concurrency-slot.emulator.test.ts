import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { MicrosoftCloud } from "../../../src/cloud/ports";
import { AppError } from "../../../src/errors";
import type { SeedTenant } from "../../../src/emulator";
import { countRoute, createSandboxCloud, startEmulatorHarness, type EmulatorHarness } from "./emulator-harness";

/**
 * createMicrosoftCloud fetches a read's token before the read queues for a concurrency slot: with
 * one slot, held by a read the emulator never answers, another read's token is still requested
 * from the identity platform, while that read itself waits. Ordered by the emulator's counters,
 * not by timings.
 */
let harness: EmulatorHarness;
let sandbox: ReturnType<typeof createSandboxCloud>;

const tenant = (index: number): SeedTenant => {
  const found = harness.emulator.seed.tenants.find((candidate) => candidate.index === index);
  if (!found) throw new Error(`no seeded tenant ${index}`);
  return found;
};

/** Polls the emulator's counters until `check` passes (it fails the test if it never does). */
const eventually = (check: (counts: Awaited<ReturnType<EmulatorHarness["control"]["requests"]>>) => void) =>
  vi.waitFor(async () => check(await harness.control.requests()), { timeout: 10_000, interval: 20 });

beforeAll(async () => {
  harness = await startEmulatorHarness(8);
});

afterAll(async () => {
  await harness?.close();
});

beforeEach(async () => {
  harness.emulator.reset();
  // One slot; no retries and a long attempt timeout, so the held read keeps its slot until released.
  sandbox = createSandboxCloud(harness.emulator, { maxConcurrentReads: 1, maxRetries: 0, timeoutMs: 120_000 });
});

afterEach(async () => {
  harness.emulator.reset(); // drops a still-hanging request, if a test failed before releasing it
  await sandbox.close();
});

/** A second read, the route it calls, and the token it needs (never the first read's token). */
const SECOND_READS = [
  { read: "another tenant's health (a Graph token for that tenant)", route: "healthOverviews", call: (cloud: MicrosoftCloud) => cloud.health.getTenantHealth(tenant(6).id) },
  { read: "the GDAP relationships (the partner's Graph token)", route: "delegatedAdminRelationships", call: (cloud: MicrosoftCloud) => cloud.customers.listDelegatedAccess() },
  { read: "the customer list (the Partner Center token)", route: "customers", call: (cloud: MicrosoftCloud) => cloud.customers.listCustomers() },
  { read: "a customer's subscriptions (the Partner Center token)", route: "subscriptions", call: (cloud: MicrosoftCloud) => cloud.subscriptions.listSubscriptions(tenant(0).id) },
  // Support topics are App+User (the agent's exchanged token), not a read the prefetch serves.
] as const;

describe("createMicrosoftCloud with maxConcurrentReads: 1", () => {
  it.each(SECOND_READS)("requests the token of $read while another read holds the only slot, and the read itself waits for the slot", async ({ route, call }) => {
    const holder = tenant(0);
    await harness.control.post("/_emulator/faults", { match: "healthOverviews", tenant: holder.id, hang: true, times: 1 });

    // The first read takes the only slot and is never answered.
    const held = sandbox.cloud.health.getTenantHealth(holder.id).then(
      () => undefined,
      (error: unknown) => error,
    );
    await eventually((counts) => {
      expect(countRoute(counts, "healthOverviews")).toBe(1);
      expect(counts.tokens).toBe(1);
    });

    // The second read's token is requested while the slot is held; the read itself has not gone upstream.
    const second = call(sandbox.cloud);
    second.catch(() => undefined);
    await eventually((counts) => expect(counts.tokens).toBe(2));
    expect((await harness.control.requests()).total).toBe(1);

    // Releasing the slot (the emulator drops the hanging call and clears its counters) lets it run,
    // with the token fetched beforehand: no second token request.
    harness.emulator.reset();
    expect(await held).toBeInstanceOf(AppError);
    await expect(second).resolves.toBeDefined();
    const after = await harness.control.requests();
    expect(after.tokens).toBe(0);
    expect(countRoute(after, route)).toBeGreaterThanOrEqual(1);
  });
});
