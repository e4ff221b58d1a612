import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db";
import { AlertEntity } from "../../src/alerts/alert.entity";
import { createPostgresDatabase, startTestGateway, type TestGateway } from "./support/test-gateway";
import { OPEN_TICKET } from "./support/alerts/alert-gql";
import { startWebhookReceiver, type WebhookReceiver } from "./support/alerts/receivers";
import { usableCustomerIds } from "./support/alerts/usable-customers";

const HOUR = 3_600_000;
const SECRET = `whsec_${Buffer.alloc(32, 3).toString("base64")}`;
const TICKETS = 6;

describe("two gateways on one PostgreSQL database", () => {
  const dir = mkdtempSync(join(tmpdir(), "psg-alert-pg-"));
  let drop: () => Promise<void> = async () => undefined;
  let gateways: TestGateway[] = [];
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    const [customerId] = await usableCustomerIds();
    receiver = await startWebhookReceiver(SECRET);
    const rulesFile = join(dir, "rules.json");
    writeFileSync(rulesFile, JSON.stringify({ destinations: [{ name: "hook", channel: "WEBHOOK", url: receiver.url, secrets: [SECRET] }], rules: [{ id: "breaches", name: "Breaches", kinds: ["SLA_BREACHED"], destinations: ["hook"] }] }));
    const database = await createPostgresDatabase();
    drop = database.drop;
    const env = { ALERTS: "on", ALERT_WORKERS: "on", ALERT_RULES_FILE: rulesFile, OUTBOX_POLL_INTERVAL_MS: "50", ALERT_DELIVERY_RETRY_BASE_DELAY_MS: "20", ALERT_DELIVERY_RETRY_MAX_DELAY_MS: "50", SLA_SWEEP_INTERVAL_MS: "3600000", ALERT_SCAN_INTERVAL_MS: "3600000" };
    gateways = [await startTestGateway({ databaseUrl: database.url, env }), await startTestGateway({ databaseUrl: database.url, env })];
    for (let index = 0; index < TICKETS; index++) {
      const result = await gateways[index % 2]!.gql(OPEN_TICKET, { input: { customerId, title: `Outage ${index}`, description: "Down.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "CRITICAL", channel: "phone" } });
      expect(result.errors).toEqual([]);
    }
  }, 180_000);
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    await receiver?.close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("raise each breach's alert once and deliver it once, though both sweep and both deliver (through 503s)", async () => {
    receiver.failNext(4);
    const at = new Date(Date.now() + 2 * HOUR);
    // Both instances sweep at the same time, twice.
    await Promise.all(gateways.map((gateway) => gateway.app.slaSweeper.sweepOnce(at)));
    await Promise.all(gateways.map((gateway) => gateway.app.slaSweeper.sweepOnce(new Date(at.getTime() + 60_000))));
    const db = Database.of(gateways[0]!.app.dataSource);
    const alerts = await db.read((manager) => manager.find(AlertEntity, { where: { kind: "SLA_BREACHED" } }));
    expect(alerts).toHaveLength(TICKETS);
    const pending = () => gateways[0]!.app.alerts.service.store.pendingDeliveries();
    for (let attempt = 0; attempt < 300 && ((await pending()) > 0 || receiver.accepted.length < TICKETS); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    // A few more polls of both workers: nothing more arrives.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = receiver.accepted.map((delivery) => delivery.webhookId).sort();
    expect(ids).toEqual(alerts.map((alert) => alert.id).sort());
    expect(receiver.rejected).toBe(0);
  }, 120_000);
});
