import { describe, expect, it } from "vitest";
import { mapPartnerCustomer } from "../../../../src/cloud/partner-center/customer.mapper";
import type {
  PartnerCenterCollection,
  PartnerCenterCustomer,
  PartnerCenterSubscription,
  PartnerCenterSupportTopic,
} from "../../../../src/cloud/partner-center/partner-center-types";
import { mapSubscription, parseSubscriptionStatus } from "../../../../src/cloud/partner-center/subscription.mapper";
import { mapSupportTopic } from "../../../../src/cloud/partner-center/support-topic.mapper";
import { loadFixture } from "../../../fixtures/load-fixture";

const customers = loadFixture<PartnerCenterCollection<PartnerCenterCustomer>>("partner-center/customers-page.json").items!;
const subscriptions = loadFixture<PartnerCenterCollection<PartnerCenterSubscription>>("partner-center/subscriptions.json").items!;
// Microsoft's published support topics example (test/fixtures/microsoft/SOURCES.md).
const topics = loadFixture<PartnerCenterCollection<PartnerCenterSupportTopic>>("microsoft/partner-center/support-topics-list.200.json").items!;

describe("mapPartnerCustomer", () => {
  it("maps the company profile and a string relationship", () => {
    expect(mapPartnerCustomer(customers[0]!)).toEqual({
      id: "4e2a8f0b-1c3d-4e5f-8a9b-0c1d2e3f4a5b",
      name: "Contoso",
      defaultDomain: "contoso.onmicrosoft.com",
      relationshipToPartner: "reseller",
    });
  });

  it("reads an integer relationship and a missing domain", () => {
    expect(mapPartnerCustomer(customers[1]!)).toMatchObject({ name: "Fabrikam", defaultDomain: null, relationshipToPartner: "advisor" });
  });

  it("falls back to the profile's tenant id and accepts any relationship casing", () => {
    expect(mapPartnerCustomer(customers[2]!)).toMatchObject({
      id: "b2c3d4e5-0000-4000-8000-000000000003",
      relationshipToPartner: "microsoft_support",
    });
  });

  it("drops a customer without any id and keeps a missing relationship as null", () => {
    expect(mapPartnerCustomer({ companyProfile: { companyName: "Nobody" } })).toBeNull();
    expect(mapPartnerCustomer({ id: "x" })).toEqual({ id: "x", name: "x", defaultDomain: null, relationshipToPartner: null });
  });
});

describe("parseSubscriptionStatus", () => {
  it("reads strings in any casing and the SDK's integers", () => {
    expect(parseSubscriptionStatus("active")).toBe("ACTIVE");
    expect(parseSubscriptionStatus("Suspended")).toBe("SUSPENDED");
    expect(parseSubscriptionStatus(1)).toBe("ACTIVE");
    expect(parseSubscriptionStatus(6)).toBe("DISABLED");
    expect(parseSubscriptionStatus("expired")).toBe("EXPIRED");
  });

  it("maps unknown values to NONE", () => {
    expect(parseSubscriptionStatus("futureStatus")).toBe("NONE");
    expect(parseSubscriptionStatus(42)).toBe("NONE");
  });
});

describe("mapSubscription", () => {
  const mapped = subscriptions.map(mapSubscription);

  it("maps a Microsoft 365 license subscription", () => {
    expect(mapped[0]).toEqual({
      id: "a4c1340d-6911-4758-bba3-0c4c6007d161",
      offerId: "CFQ7TTC0LF8R:0001",
      offerName: "Microsoft 365 Business Premium",
      friendlyName: "Head office licences",
      quantity: 25,
      status: "ACTIVE",
      product: "MICROSOFT_365",
      billingCycle: "monthly",
      autoRenewEnabled: true,
      commitmentEndDate: new Date("2025-01-03T16:09:00Z"),
    });
  });

  it("reads integer enums of an Azure plan", () => {
    expect(mapped[1]).toMatchObject({ product: "AZURE", status: "ACTIVE", billingCycle: "one_time", friendlyName: null, autoRenewEnabled: null });
  });

  it("reads a string quantity, PascalCase enums and treats 0001-01-01 as no date", () => {
    expect(mapped[2]).toMatchObject({
      product: "DYNAMICS_365",
      quantity: 5,
      status: "SUSPENDED",
      billingCycle: "annual",
      autoRenewEnabled: false,
      commitmentEndDate: null,
    });
  });

  it("survives a subscription with almost nothing set", () => {
    expect(mapped[3]).toEqual({
      id: "7a7a7a7a-0000-4000-8000-000000000004",
      offerId: null,
      offerName: "Contoso Backup (third party)",
      friendlyName: null,
      quantity: 0,
      status: "NONE",
      product: "OTHER",
      billingCycle: null,
      autoRenewEnabled: null,
      commitmentEndDate: null,
    });
  });

  it("drops a subscription without an id", () => {
    expect(mapSubscription({ offerName: "Azure plan" })).toBeNull();
  });
});

describe("mapSupportTopic", () => {
  it("maps Microsoft's example: numeric ids as strings, its names (no product in them: OTHER)", () => {
    expect(topics.map(mapSupportTopic)).toEqual([
      { id: "32444667", name: "Partner Center Issues", description: "Office 365 questions from the CSP (Cloud Solution Provider) partners using Partner Center", product: "OTHER" },
      { id: "32444671", name: "Cannot manage my profile", description: "Issues that are related to errors or problems with managing a profile", product: "OTHER" },
    ]);
  });

  it("takes string ids and the product from the name", () => {
    expect(mapSupportTopic({ id: "32444690", name: "Azure - Billing", description: "Azure invoices and charges" })).toMatchObject({ id: "32444690", product: "AZURE" });
    expect(mapSupportTopic({ id: 32444679, name: "Dynamics 365 Sales - Performance and errors" })).toMatchObject({ description: null, product: "DYNAMICS_365" });
    expect(mapSupportTopic({ id: 32444670, name: "Exchange Online - Mail flow" })).toMatchObject({ product: "MICROSOFT_365" });
  });

  it("drops a topic without an id", () => {
    expect(mapSupportTopic({ name: "Nameless" })).toBeNull();
  });
});
