import { describe, expect, it } from "vitest";
import { parsePartnerCenterDate } from "../../../../src/cloud/partner-center/partner-center-date.mapper";
import {
  contactNames,
  mapServiceRequest,
  mapServiceRequestStatus,
  noteAuthor,
  splitDisplayName,
  toPartnerCenterServiceRequest,
} from "../../../../src/cloud/partner-center/service-request.mapper";
import type { ServiceRequestDraft } from "../../../../src/cloud/service-request.types";

/** Edge cases around Microsoft's examples (the examples themselves: test/contract/partner-center.contract.test.ts). */
describe("mapServiceRequestStatus", () => {
  it("reads the published spellings, other casings and the integers", () => {
    expect(mapServiceRequestStatus("attention_needed")).toBe("ATTENTION_NEEDED");
    expect(mapServiceRequestStatus("AttentionNeeded")).toBe("ATTENTION_NEEDED");
    expect(mapServiceRequestStatus("Closed")).toBe("CLOSED");
    expect(mapServiceRequestStatus(1)).toBe("OPEN");
    expect(mapServiceRequestStatus(3)).toBe("ATTENTION_NEEDED");
    expect(mapServiceRequestStatus("7")).toBe("NONE");
    expect(mapServiceRequestStatus(undefined)).toBe("NONE");
  });
});

describe("parsePartnerCenterDate", () => {
  it("reads offset-less dates as UTC, drops whitespace, and treats 0001-01-01 as unset", () => {
    expect(parsePartnerCenterDate("2017-01-09T23:31:15.373")).toEqual(new Date("2017-01-09T23:31:15.373Z"));
    expect(parsePartnerCenterDate("2016-12-12T08: 00: 00Z")).toEqual(new Date("2016-12-12T08:00:00Z"));
    expect(parsePartnerCenterDate("2016-12-12T08:00:00+02:00")).toEqual(new Date("2016-12-12T06:00:00Z"));
    expect(parsePartnerCenterDate("0001-01-01T00:00:00")).toBeNull();
    expect(parsePartnerCenterDate("soon")).toBeNull();
    expect(parsePartnerCenterDate(42)).toBeNull();
  });
});

describe("mapServiceRequest", () => {
  it("reads PascalCase bodies like camelCase ones", () => {
    expect(
      mapServiceRequest({ Id: 5, Title: "T", Status: "Open", Severity: 2, Organization: { Id: "ABC" }, Notes: [{ CreatedByName: "Eng", Text: "hi" }] }),
    ).toMatchObject({ id: "5", title: "T", status: "OPEN", severity: "MODERATE", customerTenantId: "abc", notes: [{ text: "hi", author: "MICROSOFT", createdByName: "Eng" }] });
  });

  it("returns null without an id or for a non-object", () => {
    expect(mapServiceRequest({ id: "  " })).toBeNull();
    expect(mapServiceRequest(null)).toBeNull();
    expect(mapServiceRequest("616122292874576")).toBeNull();
  });

  it("never reads authorship from a CreatedBy field (Microsoft sends none)", () => {
    const record = mapServiceRequest({ id: "1", notes: [{ createdBy: "partner", createdByName: "Microsoft engineer", text: "x" }] });
    expect(record!.notes[0]!.author).toBe("MICROSOFT");
  });
});

describe("noteAuthor", () => {
  it("partner by sent text (whitespace and case aside) or by partner name, Microsoft by any other name, else unknown", () => {
    expect(noteAuthor({ createdByName: "Engineer", text: "Headers  attached." }, { sentTexts: ["headers attached."] })).toBe("PARTNER");
    expect(noteAuthor({ createdByName: "HANNA helpdesk", text: "x" }, { partnerNames: ["Hanna Helpdesk"] })).toBe("PARTNER");
    expect(noteAuthor({ createdByName: "Engineer", text: "x" }, { partnerNames: ["", "Hanna Helpdesk"] })).toBe("MICROSOFT");
    expect(noteAuthor({ createdByName: "  ", text: "x" }, {})).toBe("UNKNOWN");
  });

  it("knows a contact under both name orders", () => {
    expect(contactNames({ firstName: "Hanna", lastName: "Helpdesk" })).toEqual(["Hanna Helpdesk", "Helpdesk Hanna"]);
    expect(contactNames({ lastName: "Account" })).toEqual(["Account"]);
    expect(contactNames(null)).toEqual([]);
  });
});

describe("toPartnerCenterServiceRequest", () => {
  const draft: ServiceRequestDraft = {
    customerTenantId: "c1",
    customerName: null,
    product: "MICROSOFT_365",
    title: "t",
    description: "d",
    severity: "CRITICAL",
    supportTopicId: "32444671",
    contact: { name: "Ana Maria Lopez", email: null },
    requestId: "r",
  };

  it("sends the primary contact as FirstName / LastName / Email / PhoneNumber, leaving out what is unknown", () => {
    expect(toPartnerCenterServiceRequest(draft)["PrimaryContact"]).toEqual({ FirstName: "Ana Maria", LastName: "Lopez" });
    expect(toPartnerCenterServiceRequest(draft, { email: "desk@partner.example", phoneNumber: "+1 555 0100" })["PrimaryContact"]).toEqual({
      FirstName: "Ana Maria",
      LastName: "Lopez",
      Email: "desk@partner.example",
      PhoneNumber: "+1 555 0100",
    });
    expect(toPartnerCenterServiceRequest({ ...draft, contact: null })).not.toHaveProperty("PrimaryContact");
    expect(toPartnerCenterServiceRequest(draft)).toMatchObject({ Severity: "critical", Organization: { Id: "c1", Name: null } });
  });

  it("splits a display name the way the contact holds it", () => {
    expect(splitDisplayName("Cher")).toEqual({ firstName: null, lastName: "Cher" });
    expect(splitDisplayName("  ")).toEqual({ firstName: null, lastName: null });
  });
});
