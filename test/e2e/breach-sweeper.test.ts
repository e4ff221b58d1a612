import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db";
import { OpenTicketDocument, StartDiagnosisDocument, TicketSlaBreachesDocument, type OpenTicketInput } from "../generated/graphql";
import { createPostgresDatabase, expectNoInternalErrors, startTestGateway, type TestDatabaseKind, type TestGateway } from "./support/test-gateway";

const HOUR = 3_600_000;
// No background sweeps during the suite: the tests sweep on demand with a chosen `now`.
const ENV = { SLA_SWEEP_INTERVAL_MS: "3600000", ESCALATION_WORKERS: "off" };

describe.each<TestDatabaseKind>(["sqlite", "postgres"])("SLA breach sweeper on %s", (database) => {
  const dir = mkdtempSync(join(tmpdir(), "psg-sla-sweep-"));
  let databaseUrl: string;
  let dropDatabase: () => Promise<void> = async () => undefined;
  let gw: TestGateway;
  let customerId: string;
  let lateId: string;
  let respondedId: string;
  const sweepAt = new Date(Date.now() + 2 * HOUR);

  /** Runs SQL written with $n placeholders on either database, in a transaction of the gateway's Database. */
  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    const dataSource = gw.app.dataSource;
    const query = database === "sqlite" ? text.replace(/\$\d+/g, "?") : text;
    return Database.of(dataSource).transaction((manager) => manager.query(query, params)) as Promise<T[]>;
  };
  const breachRows = (ticketId: string) =>
    sql<{ kind: string; due_at: string; detected_at: string; policy_version: number | string }>(
      "SELECT kind, due_at, detected_at, policy_version FROM ticket_sla_breach WHERE ticket_id = $1 ORDER BY kind",
      [ticketId],
    );
  /** The stored policy version once the post-OPEN write has landed (bounded wait). */
  async function storedVersion(ticketId: string): Promise<number | null> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const [row] = await sql<{ sla_policy_version: number | string | null }>("SELECT sla_policy_version FROM ticket WHERE id = $1", [ticketId]);
      if (row?.sla_policy_version != null) return Number(row.sla_policy_version);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return null;
  }

  const input = (overrides: Partial<OpenTicketInput> = {}): OpenTicketInput => ({
    customerId,
    title: "Exchange Online outage",
    description: "No mail flow for the whole tenant.",
    category: "TECHNICAL",
    product: "MICROSOFT_365",
    severity: "CRITICAL",
    channel: "phone",
    ...overrides,
  });
  async function openTicket(overrides: Partial<OpenTicketInput> = {}): Promise<{ id: string; version: number }> {
    const result = await gw.gql(OpenTicketDocument, { input: input(overrides) });
    expectNoInternalErrors(result);
    expect(result.errors).toEqual([]);
    return result.data!.openTicket;
  }
  async function slaOf(id: string) {
    const result = await gw.gql(TicketSlaBreachesDocument, { id }, { role: "SUPPORT_LEAD" });
    expect(result.errors).toEqual([]);
    return result.data!.ticket!.sla;
  }

  beforeAll(async () => {
    if (database === "postgres") {
      const created = await createPostgresDatabase();
      databaseUrl = created.url;
      dropDatabase = created.drop;
    } else {
      // Outside the gateway's data dir, which is removed when a gateway closes: restarts reuse it.
      databaseUrl = `sqlite:${join(dir, "psg.sqlite")}`;
    }
    gw = await startTestGateway({ databaseUrl, env: ENV });
    customerId = gw.app.emulator!.seed.tenants.find((tenant) => tenant.index === 0)!.id;
  });
  afterAll(async () => {
    await gw?.close();
    await dropDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  it("records a missed first response exactly once over two sweeps, and nothing for a ticket answered in time", async () => {
    lateId = (await openTicket()).id;
    const responded = await openTicket({ title: "Teams calls drop" });
    respondedId = responded.id;
    const diagnosis = await gw.gql(StartDiagnosisDocument, { id: respondedId, expectedVersion: responded.version });
    expect(diagnosis.errors).toEqual([]);
    expect(await storedVersion(lateId)).toBe(1);

    // Before the deadline nothing is due.
    expect(await gw.app.slaSweeper.sweepOnce(new Date())).toEqual({ ticketsChecked: 2, breachesRecorded: 0 });
    expect(await breachRows(lateId)).toEqual([]);

    // CRITICAL: first response within 60 minutes, 24x7; two hours later the first ticket is late.
    expect(await gw.app.slaSweeper.sweepOnce(sweepAt)).toEqual({ ticketsChecked: 2, breachesRecorded: 1 });
    expect(await gw.app.slaSweeper.sweepOnce(new Date(sweepAt.getTime() + HOUR))).toEqual({ ticketsChecked: 2, breachesRecorded: 0 });

    const late = await slaOf(lateId);
    const rows = await breachRows(lateId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "FIRST_RESPONSE", due_at: late.firstResponseDueAt, detected_at: sweepAt.toISOString() });
    expect(Number(rows[0]!.policy_version)).toBe(1);
    expect(late.breaches).toEqual([{ kind: "FIRST_RESPONSE", dueAt: late.firstResponseDueAt, detectedAt: sweepAt.toISOString() }]);

    expect(await breachRows(respondedId)).toEqual([]);
    expect((await slaOf(respondedId)).breaches).toEqual([]);
  });

  it("keeps the stored policy version across an offering change, and a restarted gateway sweeps without duplicating", async () => {
    // Version 2 claims to be effective since before these tickets were opened: deriving the
    // version from dates would move them to it; the stored version keeps them on 1.
    const offering = JSON.parse(readFileSync("config/support-offering.json", "utf8")) as { slaPolicies: { version: number; effectiveFrom: string; targets: { firstResponseMinutes: number }[] }[] };
    const v2 = structuredClone(offering.slaPolicies[0]!);
    v2.version = 2;
    v2.effectiveFrom = "2025-06-01T00:00:00Z";
    for (const target of v2.targets) target.firstResponseMinutes = 15;
    offering.slaPolicies.push(v2);
    const offeringFile = join(dir, "support-offering-v2.json");
    writeFileSync(offeringFile, JSON.stringify(offering));

    await gw.close();
    gw = await startTestGateway({ databaseUrl, env: { ...ENV, SUPPORT_OFFERING_FILE: offeringFile } });

    expect(await gw.app.slaSweeper.sweepOnce(sweepAt)).toEqual({ ticketsChecked: 2, breachesRecorded: 0 });
    expect(await breachRows(lateId)).toHaveLength(1);
    expect(await breachRows(respondedId)).toEqual([]);
    const late = await slaOf(lateId);
    expect(late.policyVersion).toBe(1);
    expect(await storedVersion(lateId)).toBe(1);

    // A ticket opened now is measured by version 2 and keeps it.
    const fresh = await openTicket({ title: "SharePoint sites are read-only" });
    expect(await storedVersion(fresh.id)).toBe(2);
    expect((await slaOf(fresh.id)).policyVersion).toBe(2);

    // A row from before versions were stored falls back to the derivation, and the sweeper pins it.
    await sql("UPDATE ticket SET sla_policy_version = NULL WHERE id = $1", [respondedId]);
    expect((await slaOf(respondedId)).policyVersion).toBe(2);
    expect(await gw.app.slaSweeper.sweepOnce(new Date())).toEqual({ ticketsChecked: 3, breachesRecorded: 0 });
    expect(await storedVersion(respondedId)).toBe(2);
  });

  it("refuses a second record of the same breach at the database, and rejects an unknown kind", async () => {
    const duplicate = sql("INSERT INTO ticket_sla_breach (ticket_id, kind, due_at, detected_at, policy_version) VALUES ($1, 'FIRST_RESPONSE', $2, $2, 1)", [
      lateId,
      sweepAt.toISOString(),
    ]);
    await expect(duplicate).rejects.toThrow();
    const badKind = sql("INSERT INTO ticket_sla_breach (ticket_id, kind, due_at, detected_at, policy_version) VALUES ($1, 'LUNCH', $2, $2, 1)", [
      respondedId,
      sweepAt.toISOString(),
    ]);
    await expect(badKind).rejects.toThrow();
    expect(await breachRows(lateId)).toHaveLength(1);
  });
});
