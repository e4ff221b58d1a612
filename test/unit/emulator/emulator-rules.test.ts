import { describe, expect, it } from "vitest";
import { mixedCase } from "../../../src/emulator/enum-casing";
import { deriveServiceStatus } from "../../../src/emulator/emulator-world";
import type { SeedIssue } from "../../../src/emulator/emulator-seed.types";
import { faultRequestSchema, takeFault, toFaultRule, type FaultRule } from "../../../src/emulator/fault-rules";
import { matchesFilter, parseEqualityFilter, parsePageSize } from "../../../src/emulator/odata-query";
import { createPageTokenCodec } from "../../../src/emulator/page-token";

const issue = (over: Partial<SeedIssue>): SeedIssue => ({
  id: "EX1", title: "t", startDateTime: "", endDateTime: null, lastModifiedDateTime: "", details: [], classification: "incident",
  feature: "", featureGroup: "", impactDescription: "", isResolved: false, origin: "microsoft", status: "investigating",
  service: "Exchange Online", posts: [], ...over,
});

describe("takeFault", () => {
  const rule = (id: number, body: object): FaultRule => toFaultRule(id, faultRequestSchema.parse(body));

  it("counts down `times` and removes the rule when spent", () => {
    const rules = [rule(1, { match: "/issues", status: 429, times: 2 })];
    expect(takeFault(rules, "/v1.0/admin/serviceAnnouncement/issues", "t1")?.id).toBe(1);
    expect(rules[0]?.remaining).toBe(1);
    expect(takeFault(rules, "/v1.0/admin/serviceAnnouncement/issues", "t1")?.id).toBe(1);
    expect(rules).toHaveLength(0);
    expect(takeFault(rules, "/v1.0/admin/serviceAnnouncement/issues", "t1")).toBeUndefined();
  });

  it("matches the tenant case-insensitively and skips other tenants", () => {
    const rules = [rule(1, { match: ".*", tenant: "ABC", status: 500 })];
    expect(takeFault(rules, "/v1/customers", "def")).toBeUndefined();
    expect(takeFault(rules, "/v1/customers", "abc")?.status).toBe(500);
    expect(rules).toHaveLength(1); // no `times`: stays until cleared
  });
});

describe("deriveServiceStatus", () => {
  const exchange = { id: "Exchange", service: "Exchange Online" };
  it("is serviceOperational without active issues and the worst active status otherwise", () => {
    expect(deriveServiceStatus(exchange, [issue({ isResolved: true, status: "serviceRestored" })])).toBe("serviceOperational");
    expect(deriveServiceStatus(exchange, [issue({ status: "investigating" }), issue({ status: "serviceInterruption" })])).toBe("serviceInterruption");
    expect(deriveServiceStatus(exchange, [issue({ service: "Microsoft Teams" })])).toBe("serviceOperational");
  });
});

describe("page tokens", () => {
  it("round-trips a position and refuses a token from another codec or an altered one", () => {
    const codec = createPageTokenCodec();
    const token = codec.encode({ o: 5, s: 2 });
    expect(codec.decode(token)).toEqual({ o: 5, s: 2 });
    expect(createPageTokenCodec().decode(token)).toBeUndefined();
    const [payload, signature] = token.split(".");
    const altered = `${Buffer.from(JSON.stringify({ o: 0, s: 2 })).toString("base64url")}.${signature}`;
    expect(codec.decode(altered)).toBeUndefined();
    expect(codec.decode(`${payload}`)).toBeUndefined();
  });
});

describe("odata query helpers", () => {
  it("parses equality filters joined by and, and refuses anything else", () => {
    const clauses = parseEqualityFilter("status eq 'Active' and customer/tenantId eq 'x''y'")!;
    expect(matchesFilter({ status: "active", customer: { tenantId: "x'y" } }, clauses)).toBe(true);
    expect(matchesFilter({ status: "expired", customer: { tenantId: "x'y" } }, clauses)).toBe(false);
    expect(parseEqualityFilter("startswith(status,'a')")).toBeUndefined();
    expect(matchesFilter({ isResolved: false }, parseEqualityFilter("isResolved eq false")!)).toBe(true);
  });

  it("bounds page sizes", () => {
    expect(parsePageSize(null, 100, 300)).toEqual({ ok: true, value: 100 });
    expect(parsePageSize("300", 100, 300)).toEqual({ ok: true, value: 300 });
    expect(parsePageSize("0", 100, 300).ok).toBe(false);
    expect(parsePageSize("2.5", 100, 300).ok).toBe(false);
  });
});

describe("mixedCase", () => {
  it("is deterministic per key and produces both casings", () => {
    expect(mixedCase("serviceRestored", "k1")).toBe(mixedCase("serviceRestored", "k1"));
    const results = new Set(Array.from({ length: 20 }, (_, i) => mixedCase("advisory", `key-${i}`)));
    expect(results).toEqual(new Set(["advisory", "Advisory"]));
  });
});
