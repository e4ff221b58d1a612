import { describe, expect, it } from "vitest";
import { microsoftIncidentIdFor, customerIncidentId } from "../../../src/customers/incident-id";
import { ticketChannelOf } from "../../../src/tickets/ticket-channel";

describe("ticketChannelOf", () => {
  it.each([
    ["phone", "PHONE"],
    ["Phone", "PHONE"],
    [" EMAIL ", "EMAIL"],
    ["chat", "CHAT"],
    ["web form", "OTHER"],
    ["OTHER", "OTHER"],
  ])("%s -> %s", (text, channel) => {
    expect(ticketChannelOf(text)).toBe(channel);
  });

  it("keeps no channel as null", () => {
    expect(ticketChannelOf(null)).toBeNull();
    expect(ticketChannelOf("  ")).toBeNull();
  });
});

describe("per-customer incident ids", () => {
  const tenant = "5f0e1c2a-0000-4000-8000-000000000001";
  it("take Microsoft's id or the ticket customer's id, not another customer's", () => {
    expect(microsoftIncidentIdFor(tenant, "EX123456")).toBe("EX123456");
    expect(microsoftIncidentIdFor(tenant, customerIncidentId(tenant, "EX123456"))).toBe("EX123456");
    expect(microsoftIncidentIdFor(tenant, customerIncidentId(tenant.toUpperCase(), "EX1"))).toBe("EX1");
    expect(microsoftIncidentIdFor(tenant, customerIncidentId("another-tenant", "EX123456"))).toBeNull();
  });
});
