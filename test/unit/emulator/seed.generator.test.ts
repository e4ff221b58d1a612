import { describe, expect, it } from "vitest";
import { GDAP_ROLE, generateSeed } from "../../../src/emulator";
import { canReadHealth, hasEffectiveRelationship } from "../../../src/emulator/emulator-world";

describe("generateSeed", () => {
  it("is deterministic for the same seed, size and date", () => {
    expect(generateSeed(42, 25)).toEqual(generateSeed(42, 25));
  });

  it("gives different tenants for a different seed", () => {
    const a = generateSeed(1, 10);
    const b = generateSeed(2, 10);
    expect(a.partner.tenantId).not.toBe(b.partner.tenantId);
    expect(a.tenants.map((t) => t.id)).not.toEqual(b.tenants.map((t) => t.id));
  });

  it("keeps tenant i the same whatever the number of tenants after it", () => {
    const small = generateSeed(7, 6);
    const large = generateSeed(7, 40);
    expect(large.tenants.slice(0, 6)).toEqual(small.tenants);
    expect(large.partner).toEqual(small.partner);
  });

  it("fixes the GDAP mix by tenant index for any seed", () => {
    for (const seed of [0, 1, 42, 99_999]) {
      const { tenants } = generateSeed(seed, 12);
      const statuses = tenants.map((t) => t.relationships.map((r) => r.status));
      expect(statuses.slice(0, 6)).toEqual([["active"], ["expired"], ["approvalPending"], [], ["active"], ["terminated"]]);
      const roles0 = tenants[0]!.relationships[0]!.accessDetails.unifiedRoles.map((r) => r.roleDefinitionId);
      expect(roles0).toEqual(expect.arrayContaining([GDAP_ROLE.SERVICE_SUPPORT_ADMINISTRATOR, GDAP_ROLE.HELPDESK_ADMINISTRATOR, GDAP_ROLE.GLOBAL_READER]));
      expect(tenants[4]!.relationships[0]!.accessDetails.unifiedRoles).toEqual([{ roleDefinitionId: GDAP_ROLE.MESSAGE_CENTER_READER }]);
      expect(tenants.map(canReadHealth)).toEqual([true, false, false, false, false, false, ...Array(6).fill(true)]);
      for (const tenant of tenants.slice(6)) {
        expect(hasEffectiveRelationship(tenant)).toBe(true);
        expect(tenant.relationships.at(-1)!.status).toMatch(/^(active|expiring)$/);
      }
    }
  });

  it("dates relationships relative to asOf (active ends later, expired ended earlier)", () => {
    const asOf = "2030-01-01T00:00:00.000Z";
    const { tenants } = generateSeed(3, 6, asOf);
    expect(tenants[0]!.relationships[0]!.endDateTime! > asOf).toBe(true);
    expect(tenants[1]!.relationships[0]!.endDateTime! < asOf).toBe(true);
    expect(tenants[2]!.relationships[0]!.activatedDateTime).toBeNull();
  });

  it("gives tenant 0 an active and a resolved incident and Azure, Microsoft 365 and Dynamics offers", () => {
    const tenant = generateSeed(42, 1).tenants[0]!;
    expect(tenant.issues.some((i) => !i.isResolved && i.service === "Exchange Online")).toBe(true);
    expect(tenant.issues.some((i) => i.isResolved && i.service === "Microsoft Teams")).toBe(true);
    const names = tenant.subscriptions.map((s) => s.offerName);
    expect(names).toContain("Azure plan");
    expect(names.some((n) => n.startsWith("Microsoft 365") || n.startsWith("Exchange") || n.startsWith("Microsoft Teams"))).toBe(true);
    expect(names.some((n) => n.startsWith("Dynamics 365"))).toBe(true);
    expect(tenant.services.map((s) => s.id)).toEqual(expect.arrayContaining(["Exchange", "microsoftteams", "SharePoint", "OSDPPlatform", "DynamicsCRM"]));
  });

  it("makes ids and domains unique, also beyond the list of company names", () => {
    const { tenants } = generateSeed(5, 100);
    expect(new Set(tenants.map((t) => t.id)).size).toBe(100);
    expect(new Set(tenants.map((t) => t.domain)).size).toBe(100);
    expect(new Set(tenants.map((t) => t.name)).size).toBe(100);
    for (const t of tenants) expect(t.domain).toMatch(/^[a-z0-9]+\.onmicrosoft\.com$/);
  });

  it("gives each tenant its own copy of a shared incident", () => {
    const { tenants } = generateSeed(42, 25);
    const withShared = tenants.filter((t) => t.issues.some((i) => i.id === tenants[0]!.issues[0]!.id));
    expect(withShared.length).toBeGreaterThan(0);
    tenants[0]!.issues[0]!.isResolved = true;
    for (const t of withShared.slice(1)) expect(t.issues.find((i) => i.id === tenants[0]!.issues[0]!.id)!.isResolved).toBe(false);
  });

  it("refuses fewer than one tenant or a non-integer seed", () => {
    expect(() => generateSeed(42, 0)).toThrow(/at least one tenant/);
    expect(() => generateSeed(1.5, 3)).toThrow(/integer/);
  });
});
