import { describe, expect, it } from "vitest";
import { TicketVisibility } from "../../../src/tickets/ticket-visibility";

const reads = (ids: string[]) => {
  const calls = { count: 0 };
  return { calls, source: { usableCustomerIds: async () => { calls.count++; return ids; } } };
};

describe("TicketVisibility: the one scope rule for ticket reads", () => {
  it("lets a support lead see every customer without reading access", async () => {
    const { calls, source } = reads([]);
    const lead = new TicketVisibility("SUPPORT_LEAD", source);
    expect(await lead.visibleCustomers()).toBeNull();
    expect(await lead.maySee("any")).toBe(true);
    expect(await lead.narrow({ customerIds: ["x"] })).toEqual({ customerIds: ["x"] });
    expect(calls.count).toBe(0);
  });

  it("narrows an agent's filter to usable customers; a requested customer outside them matches nothing", async () => {
    const agent = new TicketVisibility("HELPDESK_AGENT", reads(["a", "b"]).source);
    expect(await agent.narrow({})).toEqual({ customerIds: ["a", "b"] });
    expect(await agent.narrow({ customerIds: ["b", "c"], severities: ["HIGH"] })).toEqual({ customerIds: ["b"], severities: ["HIGH"] });
    expect(await agent.narrow({ customerIds: ["c"] })).toEqual({ customerIds: [] });
  });

  it("refuses a customer outside the scope with FORBIDDEN naming it", async () => {
    const agent = new TicketVisibility("HELPDESK_AGENT", reads(["a"]).source);
    await expect(agent.require("a")).resolves.toBeUndefined();
    await expect(agent.require("z")).rejects.toMatchObject({ code: "FORBIDDEN", details: { customerId: "z" } });
  });

  it("asks the live re-check, not the request's reads, on a subscription", async () => {
    const { calls, source } = reads(["a"]);
    const asked: string[] = [];
    const live = { hasUsableAccess: async (id: string) => { asked.push(id); return id === "b"; } };
    const subscriber = new TicketVisibility("HELPDESK_AGENT", source, live);
    expect(await subscriber.maySee("a")).toBe(false);
    expect(await subscriber.maySee("b")).toBe(true);
    expect(asked).toEqual(["a", "b"]);
    expect(calls.count).toBe(0);
  });
});
