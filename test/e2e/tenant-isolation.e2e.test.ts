import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENTS } from "../../src/auth/demo-agents";
import { AgentDirectory } from "../../src/tickets/agent-directory";
import { TicketService } from "../../src/tickets/ticket.service";
import { TicketStore } from "../../src/tickets/ticket.store";
import { AddDiagnosisNoteDocument, OpenTicketDocument, StartDiagnosisDocument, TicketDocument, type OpenTicketInput } from "../generated/graphql";
import { expectNoInternalErrors, startTestGateway, type TestDatabaseKind, type TestGateway } from "./support/test-gateway";

/**
 * Issue 13.4 and 13.5 as an attacker would try them: idempotency keys do not cross agents or
 * outlive access, and a ticket outside the caller's scope cannot be told from a missing one.
 */
describe.each<TestDatabaseKind>(["sqlite", "postgres"])("tenant isolation of tickets (%s)", (database) => {
  let gw: TestGateway;
  let active: string;
  let revoked: { id: string; name: string; domain: string };

  beforeAll(async () => {
    gw = await startTestGateway({ database });
    active = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 0)!.id;
    revoked = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 1)!; // its relationship expired
  });
  afterAll(async () => {
    await gw?.close();
  });

  const input = (overrides: Partial<OpenTicketInput> = {}): OpenTicketInput => ({
    customerId: active,
    title: "Invoices missing",
    description: "The March invoice is not in the portal.",
    category: "BILLING",
    product: "MICROSOFT_365",
    severity: "MINIMAL",
    ...overrides,
  });
  /** A ticket Hugo opened with `key` while the customer's access was still active (the gate stands in for that past). */
  const openedBeforeRevocation = async (key: string, request: OpenTicketInput) => {
    const service = new TicketService({ store: new TicketStore(gw.app.dataSource), entitlements: [], agents: new AgentDirectory() });
    const ticket = await service.openTicket(DEMO_AGENTS.HELPDESK_AGENT, { ...request, customerId: String(request.customerId) }, key, {
      getCustomer: async () => ({ id: revoked.id, name: revoked.name, defaultDomain: revoked.domain, relationshipToPartner: "reseller" }),
      requireDelegatedAccess: async () => undefined,
    });
    await service.send(DEMO_AGENTS.HELPDESK_AGENT, ticket.id, 1, { type: "START_DIAGNOSIS", assigneeId: null });
    await service.send(DEMO_AGENTS.HELPDESK_AGENT, ticket.id, 2, { type: "ADD_DIAGNOSIS_NOTE", note: "Customer's billing admin is Dana." });
    return ticket;
  };
  const withoutIds = (value: unknown, ...ids: string[]) => ids.reduce((text, id) => text.split(id).join("<id>"), JSON.stringify(value));

  it("refuses an idempotent replay after access ended exactly like a new request, without the ticket", async () => {
    const key = `replay-${randomUUID()}`;
    const request = input({ customerId: revoked.id, title: "Replay after revocation" });
    const old = await openedBeforeRevocation(key, request);
    const read = await gw.gql(TicketDocument, { id: old.id });
    expect(read.errors).toEqual([]);
    expect(read.data!.ticket).toBeNull();

    const replay = await gw.gql(OpenTicketDocument, { input: request, idempotencyKey: key });
    const unknownKey = await gw.gql(OpenTicketDocument, { input: request, idempotencyKey: `never-used-${randomUUID()}` });
    expect(replay.data ?? null).toBeNull();
    expect(replay.errors.map((error) => [error.extensions.code, error.message])).toEqual(unknownKey.errors.map((error) => [error.extensions.code, error.message]));
    expect(replay.errors[0]!.extensions.code).toBe("FORBIDDEN");
    expect(JSON.stringify(replay)).not.toContain(old.id);
    expect(JSON.stringify(replay)).not.toContain("Dana");
  });

  it("keeps idempotency keys per agent: another agent's key is unknown to the caller, whatever the input", async () => {
    const key = `shared-${randomUUID()}`;
    const hugo = (await gw.gql(OpenTicketDocument, { input: input({ title: "Hugo's ticket" }), idempotencyKey: key })).data!.openTicket;
    const hugoAgain = await gw.gql(OpenTicketDocument, { input: input({ title: "Hugo's ticket" }), idempotencyKey: key });
    expect(hugoAgain.data!.openTicket.id).toBe(hugo.id);

    // Ada reuses Hugo's key with his input, and (with another of his keys) with her own input: both are new requests to her.
    const adaSame = await gw.gql(OpenTicketDocument, { input: input({ title: "Hugo's ticket" }), idempotencyKey: key }, { role: "ADMIN_AGENT" });
    const otherKey = `shared-${randomUUID()}`;
    const hugoSecond = (await gw.gql(OpenTicketDocument, { input: input({ title: "Hugo's second ticket" }), idempotencyKey: otherKey })).data!.openTicket;
    const adaOther = await gw.gql(OpenTicketDocument, { input: input({ title: "Ada's own ticket" }), idempotencyKey: otherKey }, { role: "ADMIN_AGENT" });
    for (const result of [adaSame, adaOther]) expectNoInternalErrors(result);
    expect(adaSame.errors).toEqual([]);
    expect(adaOther.errors).toEqual([]);
    expect(adaSame.data!.openTicket.id).not.toBe(hugo.id);
    expect(adaOther.data!.openTicket.id).not.toBe(hugoSecond.id);
    expect(adaOther.data!.openTicket.title).toBe("Ada's own ticket");
    // Only the key's own agent hears that it was used for another request (README "Idempotent ticket creation").
    const hugoOther = await gw.gql(OpenTicketDocument, { input: input({ title: "Another problem" }), idempotencyKey: key });
    expect(hugoOther.errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "idempotencyKey" });
  });

  it("answers a ticket outside the caller's scope exactly like a missing one, naming no tenant", async () => {
    const hidden = await openedBeforeRevocation(`scope-${randomUUID()}`, input({ customerId: revoked.id, title: "Out of scope" }));
    const missing = randomUUID();
    const [hiddenRead, missingRead] = await Promise.all([gw.gql(TicketDocument, { id: hidden.id }), gw.gql(TicketDocument, { id: missing })]);
    expect(hiddenRead).toEqual(missingRead);
    expect(hiddenRead.data).toEqual({ ticket: null });

    for (const change of [
      (id: string) => gw.gql(StartDiagnosisDocument, { id, expectedVersion: 999 }),
      (id: string) => gw.gql(AddDiagnosisNoteDocument, { id, note: "probe" }),
    ]) {
      const [hiddenChange, missingChange] = await Promise.all([change(hidden.id), change(missing)]);
      expect(withoutIds(hiddenChange, hidden.id)).toBe(withoutIds(missingChange, missing));
      expect(hiddenChange.errors[0]!.extensions.code).toBe("NOT_FOUND");
      expect(JSON.stringify(hiddenChange)).not.toContain(revoked.id);
    }
    // A support lead, who audits every customer, still sees it.
    const lead = await gw.gql(TicketDocument, { id: hidden.id }, { role: "SUPPORT_LEAD" });
    expect(lead.data!.ticket!.id).toBe(hidden.id);
  });

  it("refuses titles made only of invisible characters or carrying bidi controls", async () => {
    const titles = ["\u200B\u200B\u200B", "\u200D\uFEFF\u2060", "\u3164\u115F", "invoice\u202Etxt.exe", "report\u2066gpj.exe\u2069", "a\u202Ab"];
    for (const title of titles) {
      const result = await gw.gql(OpenTicketDocument, { input: input({ title }) });
      expect(result.errors[0]?.extensions, JSON.stringify(title)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.title" });
    }
    // Right-to-left text itself (and its marks) is fine.
    const hebrew = await gw.gql(OpenTicketDocument, { input: input({ title: "\u05D7\u05E9\u05D1\u05D5\u05E0\u05D9\u05EA \u200F(Invoice)" }) });
    expect(hebrew.errors).toEqual([]);
  });
});
