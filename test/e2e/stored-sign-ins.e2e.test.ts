import { randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentRole } from "../../src/auth/agent";
import { DEMO_AGENTS } from "../../src/auth/demo-agents";
import { loadOrCreateSandboxSigningKey, type SandboxSigningKey } from "../../src/auth/sandbox-signing-key";
import { issueSandboxToken } from "../../src/auth/sandbox-token";
import { createSeededRandom, hashString } from "../../src/emulator/seeded-random";
import {
  EscalateToMicrosoftDocument,
  RecordServiceRequestNumberDocument,
  RespondToMicrosoftDocument,
  RetryEscalationDocument,
  SupportTopicsDocument,
  TicketDocument,
} from "../generated/graphql";
import { startTestGateway, type TestDatabaseKind, type TestGateway } from "./support/test-gateway";
import { openDiagnosedAndEscalated } from "./support/ticket-flows";

const emulatorUserOf = (agentId: string): string => createSeededRandom(hashString(`user:${agentId}`)).guid();

interface AssertionRow {
  ticket_id: string;
  agent_id: string;
  assertion: string;
  expires_at: string;
  updated_at: string;
}

/**
 * Issue 13.3, as an attacker would try it: a refused mutation must not touch a ticket's stored
 * sign-in, a short-lived token must not push out a longer-lived one, bogus ticket ids store
 * nothing, and what is stored can be read neither from the database file nor by anyone else.
 * The worker and the sync are driven by hand (ESCALATION_WORKERS=off), so every step is explicit.
 */
describe.each<TestDatabaseKind>(["sqlite", "postgres"])("stored sign-ins of escalations (%s)", (database) => {
  let gw: TestGateway;
  let signingKey: SandboxSigningKey;
  let customerId: string;
  let topicId: string;
  const p = (n: number) => (database === "sqlite" ? "?" : `$${n}`);

  beforeAll(async () => {
    gw = await startTestGateway({ database });
    signingKey = await loadOrCreateSandboxSigningKey(gw.dataDir);
    customerId = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 0)!.id;
    topicId = (await gw.gql(SupportTopicsDocument, { product: "MICROSOFT_365" })).data!.supportTopics[0]!.id;
  });
  afterAll(async () => {
    await gw?.close();
  });

  const tokenOf = (role: AgentRole, expiresIn: string) => issueSandboxToken(signingKey, DEMO_AGENTS[role], { expiresIn });
  const stored = async (): Promise<AssertionRow[]> =>
    (await gw.app.dataSource.query(`SELECT ticket_id, agent_id, assertion, expires_at, updated_at FROM escalation_assertion ORDER BY ticket_id`)) as AssertionRow[];
  const storedFor = async (ticketId: string) => (await stored()).filter((row) => row.ticket_id === ticketId);
  const ticket = async (id: string) => (await gw.gql(TicketDocument, { id })).data!.ticket!;
  const requestsFor = async (ticketId: string) =>
    ((await gw.emulator("/_emulator/service-requests")).json.serviceRequests as any[]).filter((sr) => JSON.stringify(sr).includes(ticketId));
  /** Escalated by Hugo (HELPDESK_AGENT, the default caller): filing, with his sign-in stored. */
  const escalatedByHugo = (title: string) =>
    openDiagnosedAndEscalated(
      (document, variables) => gw.gql(document, variables),
      { customerId, title, description: "Mailbox moves stall at 95%.", product: "MICROSOFT_365", severity: "MODERATE" },
      topicId,
      "Move request logs show transient failures.",
    );
  /** Files the request and brings the ticket to actionRequired (Microsoft asks the partner). */
  const toActionRequired = async (id: string): Promise<number> => {
    await gw.app.escalation.worker.runOnce();
    const srId = (await ticket(id)).escalation!.serviceRequestId!;
    await gw.emulator(`/_emulator/service-requests/${srId}/status`, { status: "attention_needed", note: "Send the move report." });
    await gw.app.escalation.poller.runOnce();
    const current = await ticket(id);
    expect(current.stateValue).toBe("escalated.actionRequired");
    return current.version;
  };

  it("keeps the escalating agent's sign-in sealed, for that ticket only", async () => {
    const id = await escalatedByHugo("Sealed sign-in");
    const rows = await storedFor(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ agent_id: DEMO_AGENTS.HELPDESK_AGENT.id });
    expect(rows[0]!.assertion).toMatch(/^a1\.[0-9a-f]{16}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(rows[0]!.assertion).not.toContain(gw.tokens.HELPDESK_AGENT.split(".")[1]!);
    // A blob moved to another ticket's row does not open (it is bound to its ticket and agent).
    const other = await escalatedByHugo("Another sealed sign-in");
    await gw.app.dataSource.query(`UPDATE escalation_assertion SET assertion = ${p(1)} WHERE ticket_id = ${p(2)}`, [rows[0]!.assertion, other]);
    expect(await gw.app.escalation.store.assertionFor(other)).toBeNull();
    expect((await gw.app.escalation.store.assertionFor(id))!.assertion).toBe(gw.tokens.HELPDESK_AGENT);
  });

  it("a refused retryEscalation of another agent leaves the stored sign-in untouched, and the request is filed as its agent", async () => {
    const id = await escalatedByHugo("Refused retry");
    const before = await storedFor(id);
    expect(before).toHaveLength(1);
    const ada = await tokenOf("ADMIN_AGENT", "12h");
    const refused = await gw.gql(RetryEscalationDocument, { id, expectedVersion: 999 }, { token: ada });
    expect(refused.errors[0]!.extensions.code).toBe("VERSION_CONFLICT");
    const wrongState = await gw.gql(RetryEscalationDocument, { id }, { token: ada });
    expect(wrongState.errors[0]!.extensions.code).toBe("TRANSITION_NOT_ALLOWED");
    expect(await storedFor(id)).toEqual(before);

    await gw.app.escalation.worker.runOnce();
    const filed = await requestsFor(id);
    expect(filed).toHaveLength(1);
    // The emulator's on-behalf-of user: a GUID derived from the assertion's subject, as Entra ID's oid.
    expect(filed[0].createdBy).toBe(emulatorUserOf(DEMO_AGENTS.HELPDESK_AGENT.id));
    expect(filed[0].createdBy).not.toBe(emulatorUserOf(DEMO_AGENTS.ADMIN_AGENT.id));
    expect((await ticket(id)).stateValue).toBe("escalated.withMicrosoft");
  });

  it("an accepted command with a token seconds from expiry does not replace a longer-lived sign-in; a longer-lived one does", async () => {
    const id = await escalatedByHugo("Short token");
    const version = await toActionRequired(id);
    const before = await storedFor(id);
    const shortLived = await tokenOf("ADMIN_AGENT", "8s");
    const answered = await gw.gql(RespondToMicrosoftDocument, { id, expectedVersion: version, note: "Report attached." }, { token: shortLived });
    expect(answered.errors).toEqual([]);
    expect(await storedFor(id)).toEqual(before);

    const again = await toActionRequired(id);
    const longLived = await tokenOf("ADMIN_AGENT", "20h");
    const second = await gw.gql(RespondToMicrosoftDocument, { id, expectedVersion: again, note: "Second report." }, { token: longLived });
    expect(second.errors).toEqual([]);
    const [row] = await storedFor(id);
    expect(row!.agent_id).toBe(DEMO_AGENTS.ADMIN_AGENT.id);
    expect(new Date(row!.expires_at).getTime()).toBeGreaterThan(new Date(before[0]!.expires_at).getTime());
  });

  it("300 escalation mutations on made-up ticket ids store no sign-in", async () => {
    const countBefore = (await stored()).length;
    const calls = [
      (id: string) => gw.gql(RetryEscalationDocument, { id, expectedVersion: 999 }),
      (id: string) => gw.gql(RespondToMicrosoftDocument, { id, note: "x" }),
      (id: string) => gw.gql(RecordServiceRequestNumberDocument, { id, serviceRequestId: "1234567" }),
      (id: string) => gw.gql(EscalateToMicrosoftDocument, { id, input: { vehicle: "COMMERCIAL", supportTopicId: topicId } }),
    ];
    const codes = new Map<string, number>();
    for (let batch = 0; batch < 6; batch++) {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => calls[(batch * 50 + i) % calls.length]!(randomUUID())));
      for (const result of results) codes.set(result.errors[0]!.extensions.code, (codes.get(result.errors[0]!.extensions.code) ?? 0) + 1);
    }
    expect(Object.fromEntries(codes)).toEqual({ NOT_FOUND: 300 });
    expect((await stored()).length).toBe(countBefore);
  });

  it("deletes the sign-in when the escalation ends, and sweeps expired, orphaned and unsealed ones", async () => {
    const closed = await escalatedByHugo("Closed by Microsoft");
    await gw.app.escalation.worker.runOnce();
    const srId = (await ticket(closed)).escalation!.serviceRequestId!;
    expect(await storedFor(closed)).toHaveLength(1);
    await gw.emulator(`/_emulator/service-requests/${srId}/status`, { status: "closed", note: "Fixed on our side." });
    await gw.app.escalation.poller.runOnce();
    expect((await ticket(closed)).stateValue).toBe("resolution");
    expect(await storedFor(closed)).toEqual([]);

    const expired = await escalatedByHugo("Expired sign-in");
    const open = await escalatedByHugo("Still needed");
    await gw.app.dataSource.query(`UPDATE escalation_assertion SET expires_at = ${p(1)} WHERE ticket_id = ${p(2)}`, ["2020-01-01T00:00:00.000Z", expired]);
    const orphan = randomUUID();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    await gw.app.dataSource.query(
      `INSERT INTO escalation_assertion (ticket_id, agent_id, assertion, expires_at, updated_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})`,
      [orphan, "agent-x", await tokenOf("ADMIN_AGENT", "1h"), future, future],
    );
    // A plain-text token (as stored before sealing) is not kept either.
    const unsealed = await escalatedByHugo("Unsealed sign-in");
    await gw.app.dataSource.query(`UPDATE escalation_assertion SET assertion = ${p(1)} WHERE ticket_id = ${p(2)}`, [await tokenOf("HELPDESK_AGENT", "2h"), unsealed]);
    const swept = await gw.app.escalation.store.sweepAssertions(new Date());
    expect(swept).toBeGreaterThanOrEqual(3);
    const left = (await stored()).map((row) => row.ticket_id);
    expect(left).toContain(open);
    for (const gone of [expired, orphan, unsealed]) expect(left).not.toContain(gone);
    expect((await stored()).every((row) => row.assertion.startsWith("a1."))).toBe(true);
  });

  it.runIf(database === "sqlite")("no stored token can be read from the database file or its WAL, and both are owner-only", async () => {
    const id = await escalatedByHugo("Bytes on disk");
    expect(await storedFor(id)).toHaveLength(1);
    const file = join(gw.dataDir, "psg.sqlite");
    const [, payload, signature] = gw.tokens.HELPDESK_AGENT.split(".");
    for (const path of [file, `${file}-wal`]) {
      const bytes = readFileSync(path);
      expect(bytes.includes(Buffer.from(signature!)), path).toBe(false);
      expect(bytes.includes(Buffer.from(payload!)), path).toBe(false);
    }
    const modes = Object.fromEntries(
      [gw.dataDir, file, `${file}-wal`, `${file}-shm`, join(gw.dataDir, "assertion-key"), join(gw.dataDir, "sandbox-signing-key.json"), join(gw.dataDir, "emulator-tls"), join(gw.dataDir, "emulator-tls", "emulator-key.pem")].map(
        (path) => [path.slice(gw.dataDir.length) || "/", (statSync(path).mode & 0o777).toString(8)],
      ),
    );
    expect(modes).toEqual({
      "/": "700",
      "/psg.sqlite": "600",
      "/psg.sqlite-wal": "600",
      "/psg.sqlite-shm": "600",
      "/assertion-key": "600",
      "/sandbox-signing-key.json": "600",
      "/emulator-tls": "700",
      "/emulator-tls/emulator-key.pem": "600",
    });
  });
});
