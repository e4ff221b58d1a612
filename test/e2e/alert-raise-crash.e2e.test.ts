import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { spawnBuiltServer, type BuiltServer } from "./support/built-server";
import { startWebhookReceiver } from "./support/alerts/receivers";
import { usableCustomerIds } from "./support/alerts/usable-customers";

const SECRET = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;

/**
 * Durability of alerts from ticket events (issue 18): the process dies after the event committed
 * and before its alert was stored. The raise is held where it really waits, on the customer's name
 * (an upstream read, hung by the emulator's fault switch), and the process is SIGKILLed there.
 * After a restart the catch-up pass derives the alert from the audit log: one alert, one delivery.
 */
describe("a gateway killed between a ticket event's commit and its alert", () => {
  const dir = mkdtempSync(join(tmpdir(), "psg-alert-raise-crash-"));
  const servers: BuiltServer[] = [];
  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("raises the lost alert once after the restart, and delivers it once", async () => {
    const [customerId] = await usableCustomerIds();
    const receiver = await startWebhookReceiver(SECRET);
    const rulesFile = join(dir, "rules.json");
    writeFileSync(rulesFile, JSON.stringify({ destinations: [{ name: "hook", channel: "WEBHOOK", url: receiver.url, secrets: [SECRET] }], rules: [{ id: "replies", name: "Customer replies", kinds: ["CUSTOMER_REPLIED"], destinations: ["hook"] }] }));
    const sqliteFile = join(dir, "psg.sqlite");
    const env = {
      DATABASE_URL: `sqlite:${sqliteFile}`,
      ALERTS: "on",
      ALERT_SINK: "off",
      ALERT_RULES_FILE: rulesFile,
      OUTBOX_POLL_INTERVAL_MS: "100",
      // The catch-up runs at start and then hourly: after the restart, only its first round can find the alert.
      ALERT_SCAN_INTERVAL_MS: "3600000",
      ESCALATION_WORKERS: "off",
      // Every read reaches the emulator (no cache) and a hung one waits far longer than this test.
      UPSTREAM_CACHE: "off",
      UPSTREAM_TIMEOUT_MS: "120000",
      LOG_LEVEL: "warn",
    };
    const first = await spawnBuiltServer(join(dir, "data-1"), env);
    servers.push(first);
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const { body } = await first.gql(query, variables);
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    const ticketId = (await gql(`mutation ($input: OpenTicketInput!) { openTicket(input: $input) { id } }`, { input: { customerId, title: "OneDrive sync stuck", description: "Since the update.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MODERATE", channel: "phone" } })).openTicket.id as string;
    await gql(`mutation ($id: ID!) { startDiagnosis(id: $id) { id } }`, { id: ticketId });
    await gql(`mutation ($id: ID!) { requestCustomerInfo(id: $id, question: "Which client version?") { id } }`, { id: ticketId });

    // From now on the partner's customer list (the alert's customer name) hangs upstream.
    expect((await first.emulator("/_emulator/faults", { match: "^/v1/customers$", hang: true })).status).toBe(201);
    expect((await first.emulator("/_emulator/requests/reset", {})).status).toBe(200);
    const replied = await gql(`mutation ($id: ID!) { recordCustomerReply(id: $id, reply: "24.1") { id state } }`, { id: ticketId });
    expect(replied.recordCustomerReply.state).toBe("DIAGNOSIS");
    // The raise is under way: it asked for the customer list, and the alert is not stored.
    for (let attempt = 0; attempt < 200; attempt++) {
      const counts = (await first.emulator("/_emulator/requests")).json as { byRoute: Record<string, number> };
      if (Object.keys(counts.byRoute).some((route) => route.endsWith("/v1/customers"))) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const countsBefore = (await first.emulator("/_emulator/requests")).json as { byRoute: Record<string, number> };
    expect(Object.keys(countsBefore.byRoute).some((route) => route.endsWith("/v1/customers"))).toBe(true);
    const read = <T>(sql: string, ...params: unknown[]): T[] => {
      const db = new Database(sqliteFile, { readonly: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    };
    expect(read("SELECT type FROM ticket_event WHERE ticket_id = ? ORDER BY sequence", ticketId).map((row: any) => row.type)).toContain("RECORD_CUSTOMER_REPLY");
    expect(read("SELECT id FROM alert WHERE ticket_id = ?", ticketId)).toEqual([]);
    first.child.kill("SIGKILL");
    await first.exited;

    const second = await spawnBuiltServer(join(dir, "data-2"), env);
    servers.push(second);
    for (let attempt = 0; attempt < 400 && receiver.accepted.length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.accepted.map((delivery) => delivery.payload["kind"])).toEqual(["CUSTOMER_REPLIED"]);
    expect(receiver.accepted[0]!.payload["ticket"].id).toBe(ticketId);
    const alerts = read<{ id: string; kind: string }>("SELECT id, kind FROM alert WHERE ticket_id = ?", ticketId);
    expect(alerts).toEqual([{ id: receiver.accepted[0]!.webhookId, kind: "CUSTOMER_REPLIED" }]);
    // The catch-up's cursor went past the reply's event.
    const [head] = read<{ head: number }>("SELECT MAX(global_sequence) AS head FROM ticket_event");
    for (let attempt = 0; attempt < 100 && read<{ position: number }>("SELECT position FROM alert_source_cursor")[0]?.position !== head!.head; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(read("SELECT source, position FROM alert_source_cursor")).toEqual([{ source: "ticket-events", position: head!.head }]);
    second.child.kill("SIGTERM");
    await second.exited;
    expect(read("SELECT status, attempts FROM alert_delivery WHERE alert_id = ?", alerts[0]!.id)).toEqual([{ status: "delivered", attempts: 1 }]);
    await receiver.close();
  }, 180_000);
});
