import { describe, expect, it } from "vitest";
import { contactFromOffering } from "../../../../src/cloud/azure-support/azure-support-contact";
import {
  azureTopicId,
  fromAzureSeverity,
  parseAzureTopicId,
  resourceNameFor,
  toServiceRequestRecord,
  toServiceRequestState,
  toSupportTicketDetails,
  toAzureSeverity,
} from "../../../../src/cloud/azure-support/azure-support.mapper";
import { toAzureSupportError } from "../../../../src/cloud/azure-support/azure-support-error.mapper";
import { combineSupportTopics } from "../../../../src/cloud/azure-support/combined-support-topics";
import { parseConfig } from "../../../../src/config";

const restError = (statusCode: number, code: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error("boom"), { name: "RestError", statusCode, code, response: { headers: { get: (name: string) => headers[name] } } });

describe("Azure Support mapping", () => {
  it("maps severities both ways; CRITICAL becomes highestcriticalimpact only where allowed", () => {
    expect(["MINIMAL", "MODERATE", "CRITICAL"].map((s) => toAzureSeverity(s as never, false))).toEqual(["minimal", "moderate", "critical"]);
    expect(toAzureSeverity("CRITICAL", true)).toBe("highestcriticalimpact");
    expect(toAzureSeverity("MODERATE", true)).toBe("moderate");
    expect(["Minimal", "moderate", "CRITICAL", "highestcriticalimpact", "odd", undefined].map(fromAzureSeverity)).toEqual([
      "MINIMAL", "MODERATE", "CRITICAL", "CRITICAL", null, null,
    ]);
  });

  it("round-trips topic ids to ARM service and problem classification ids and rejects others", () => {
    expect(parseAzureTopicId(azureTopicId("svc-1", "pc-2"))).toEqual({
      serviceId: "/providers/Microsoft.Support/services/svc-1",
      problemClassificationId: "/providers/Microsoft.Support/services/svc-1/problemClassifications/pc-2",
    });
    expect(parseAzureTopicId("32444682")).toBeNull();
    expect(parseAzureTopicId("azure:a/b:c")).toBeNull();
  });

  it("derives stable ARM names from request ids", () => {
    expect(resourceNameFor("psg", "t:escalation:1")).toBe(resourceNameFor("psg", "t:escalation:1"));
    expect(resourceNameFor("psg", "t:escalation:1")).not.toBe(resourceNameFor("psg", "t:escalation:2"));
    expect(resourceNameFor("psg", "t:escalation:1")).toMatch(/^psg-[0-9a-f]{32}$/);
  });

  it("builds the create body with the reference, the agent as contact name and 24x7 for critical", () => {
    const body = toSupportTicketDetails(
      {
        customerTenantId: "c", customerName: null, product: "AZURE", title: "[PSG-1] t", description: "Reference: PSG-1 (k)\nx",
        severity: "CRITICAL", supportTopicId: "azure:s:p", contact: { name: "Ada Lovelace King", email: null }, requestId: "k",
      },
      { serviceId: "/s", problemClassificationId: "/s/p" },
      { firstName: "Contoso", lastName: "Desk", email: "desk@example.com", timeZone: "UTC", country: "USA", language: "en-us" },
      false,
    );
    expect(body).toMatchObject({ title: "[PSG-1] t", severity: "critical", require24X7Response: true, serviceId: "/s", problemClassificationId: "/s/p" });
    expect(body.contactDetails).toMatchObject({ firstName: "Ada", lastName: "Lovelace King", primaryEmailAddress: "desk@example.com", preferredContactMethod: "email" });
  });

  it("reads open tickets whose newest message is Microsoft's as ATTENTION_NEEDED", () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
    const microsoft = { text: "?", author: "MICROSOFT" as const, createdAt: at(2) };
    const partner = { text: "!", author: "PARTNER" as const, createdAt: at(3) };
    expect(toServiceRequestState("Open", [])).toBe("OPEN");
    expect(toServiceRequestState("open", [partner, microsoft])).toBe("ATTENTION_NEEDED");
    expect(toServiceRequestState("Open", [microsoft, partner])).toBe("OPEN");
    expect(toServiceRequestState("Closed", [microsoft])).toBe("CLOSED");
    expect(toServiceRequestState(undefined, [])).toBe("NONE");

    const record = toServiceRequestRecord(
      { supportTicketId: "2600000000000001", name: "psg-x", title: "t", description: "d", severity: "moderate", status: "Open", createdDate: at(0), modifiedDate: at(1) },
      [
        { body: "answer", communicationDirection: "inbound", createdDate: at(5) },
        { body: "question", communicationDirection: "outbound", createdDate: at(4) },
      ],
      "tenant",
    );
    // Azure's examples: the customer side's messages are outbound, Microsoft support's inbound.
    expect(record).toMatchObject({ id: "2600000000000001", status: "ATTENTION_NEEDED", severity: "MODERATE", customerTenantId: "tenant" });
    expect(record!.notes.map((note) => note.author)).toEqual(["PARTNER", "MICROSOFT"]);
    expect(record!.lastUpdatedAt).toEqual(at(5));
    expect(toServiceRequestRecord({}, [], null)).toBeNull();
  });

  it("maps failures: 403 names the role and is permanent, 429/503 are retryable with Retry-After", () => {
    const forbidden = toAzureSupportError(restError(403, "AuthorizationFailed"), "filing", { subscriptionId: "sub-1" });
    expect(forbidden).toMatchObject({ code: "FORBIDDEN", details: { role: "Support Request Contributor", permanent: true } });
    expect(forbidden.message).toContain("sub-1");
    expect(toAzureSupportError(restError(429, "TooManyRequests", { "retry-after": "7" }), "x")).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 7 } });
    expect(toAzureSupportError(restError(503, "ServiceUnavailable"), "x").code).toBe("UPSTREAM_UNAVAILABLE");
    expect(toAzureSupportError(restError(400, "InvalidSeverity"), "x").details).toMatchObject({ permanent: true });
    expect(toAzureSupportError(restError(404, "NotFound"), "x").code).toBe("NOT_FOUND");
    expect(toAzureSupportError(Object.assign(new Error("t"), { name: "AbortError" }), "x").code).toBe("UPSTREAM_UNAVAILABLE");
  });

  it("builds the contact from the support offering and refuses an offering without e-mail", () => {
    const offering = { partnerName: "Contoso Cloud Partners", serviceHours: { timeZone: "Europe/Berlin" }, contactMethods: [{ kind: "EMAIL", address: "s@contoso.example" }] };
    expect(contactFromOffering(offering)).toEqual({
      firstName: "Contoso", lastName: "Cloud Partners", email: "s@contoso.example", timeZone: "W. Europe Standard Time", country: "DEU", language: "en-us",
    });
    expect(contactFromOffering({ ...offering, serviceHours: { timeZone: "Pacific/Fiji" } }).timeZone).toBe("UTC");
    expect(() => contactFromOffering({ ...offering, contactMethods: [] })).toThrow(/EMAIL/);
  });

  it("combines topics: drops Partner Center's AZURE topics when Azure Support files them, survives one failing catalog", async () => {
    const pc = { listSupportTopics: async () => [{ id: "1", name: "Azure - VM", description: null, product: "AZURE" as const }, { id: "2", name: "Exchange", description: null, product: "MICROSOFT_365" as const }] };
    const azure = { listSupportTopics: async () => [{ id: "azure:s:p", name: "VM - RDP", description: null, product: "AZURE" as const }] };
    const failing = { listSupportTopics: async () => Promise.reject(new Error("down")) };
    expect((await combineSupportTopics(pc, azure, { azureTicketsViaAzureSupport: true }).listSupportTopics()).map((t) => t.id)).toEqual(["2", "azure:s:p"]);
    expect((await combineSupportTopics(pc, azure, { azureTicketsViaAzureSupport: false }).listSupportTopics()).map((t) => t.id)).toEqual(["1", "2", "azure:s:p"]);
    expect((await combineSupportTopics(failing, azure, { azureTicketsViaAzureSupport: true }).listSupportTopics()).map((t) => t.id)).toEqual(["azure:s:p"]);
    await expect(combineSupportTopics(failing, failing, { azureTicketsViaAzureSupport: true }).listSupportTopics()).rejects.toThrow("down");
  });

  it("configures the Azure channel: Azure Support by default, Partner Center on request, bad values named", () => {
    expect(parseConfig({}).azureEscalationChannel).toBe("AZURE_SUPPORT");
    expect(parseConfig({ AZURE_ESCALATION_CHANNEL: "PARTNER_CENTER" }).azureEscalationChannel).toBe("PARTNER_CENTER");
    expect(() => parseConfig({ AZURE_ESCALATION_CHANNEL: "EMAIL" })).toThrow(/AZURE_ESCALATION_CHANNEL/);
  });
});
