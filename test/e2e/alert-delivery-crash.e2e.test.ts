import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { spawnBuiltServer, type BuiltServer } from "./support/built-server";
import { startWebhookReceiver } from "./support/alerts/receivers";
import { usableCustomerIds } from "./support/alerts/usable-customers";

const SECRET = `whsec_${Buffer.alloc(32, 5).toString("base64")}`;

describe("a gateway killed mid-delivery", () => {
  const dir = mkdtempSync(join(tmpdir(), "psg-alert-crash-"));
  const servers: BuiltServer[] = [];
  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("delivers the alert after a restart, once (SIGKILL while the receiver holds the request)", async () => {
    const [customerId] = await usableCustomerIds();
    const receiver = await startWebhookReceiver(SECRET, { hold: true });
    const rulesFile = join(dir, "rules.json");
    writeFileSync(rulesFile, JSON.stringify({ destinations: [{ name: "hook", channel: "WEBHOOK", url: receiver.url, secrets: [SECRET] }], rules: [{ id: "replies", name: "Customer replies", kinds: ["CUSTOMER_REPLIED"], destinations: ["hook"] }] }));
    const sqliteFile = join(dir, "psg.sqlite");
    const env = {
      DATABASE_URL: `sqlite:${sqliteFile}`,
      ALERTS: "on",
      ALERT_SINK: "off",
      ALERT_RULES_FILE: rulesFile,
      ALERT_DELIVERY_LEASE_MS: "2000",
      ALERT_DELIVERY_TIMEOUT_MS: "60000",
      OUTBOX_POLL_INTERVAL_MS: "100",
      ESCALATION_WORKERS: "off",
      LOG_LEVEL: "warn",
    };
    const first = await spawnBuiltServer(join(dir, "data-1"), env);
    servers.push(first);
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const { body } = await first.gql(query, variables);
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    const ticketId = (await gql(`mutation ($input: OpenTicketInput!) { openTicket(input: $input) { id } }`, { input: { customerId, title: "Intune enrolment fails", description: "All new devices.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MODERATE", channel: "phone" } })).openTicket.id as string;
    await gql(`mutation ($id: ID!) { startDiagnosis(id: $id) { id } }`, { id: ticketId });
    await gql(`mutation ($id: ID!) { requestCustomerInfo(id: $id, question: "Which OS?") { id } }`, { id: ticketId });
    await gql(`mutation ($id: ID!) { recordCustomerReply(id: $id, reply: "Windows 11 24H2") { id } }`, { id: ticketId });

    for (let attempt = 0; attempt < 200 && receiver.held() === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.held()).toBe(1);
    first.child.kill("SIGKILL");
    await first.exited;
    receiver.setHold(false);

    const second = await spawnBuiltServer(join(dir, "data-2"), env);
    servers.push(second);
    for (let attempt = 0; attempt < 200 && receiver.accepted.length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    // Longer than a lease and some polls: a duplicate would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    second.child.kill("SIGTERM");
    await second.exited;

    expect(receiver.accepted.map((delivery) => delivery.payload["kind"])).toEqual(["CUSTOMER_REPLIED"]);
    expect(receiver.accepted[0]!.payload["ticket"].id).toBe(ticketId);
    const db = new Database(sqliteFile, { readonly: true });
    try {
      const log = db.prepare("SELECT status, attempts FROM alert_delivery WHERE alert_id = ?").all(receiver.accepted[0]!.webhookId);
      expect(log).toEqual([{ status: "delivered", attempts: 2 }]);
    } finally {
      db.close();
    }
    await receiver.close();
  }, 180_000);
});
