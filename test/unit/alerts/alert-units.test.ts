import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pino from "pino";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import type { AlertCandidate } from "../../../src/alerts/alert-candidate";
import { alertId } from "../../../src/alerts/alert-id";
import { ALERT_KINDS } from "../../../src/alerts/alert-kind";
import type { AlertPayload } from "../../../src/alerts/alert-payload";
import { routeAlert, ruleMatches, type AlertRule } from "../../../src/alerts/alert-rule";
import { AlertRulesFileError, parseAlertRulesFile } from "../../../src/alerts/alert-rules.file";
import { atRiskAlerts, delegatedAccessAlerts, incidentAlerts } from "../../../src/alerts/alert-scanner";
import { AlertService } from "../../../src/alerts/alert.service";
import { AlertBus } from "../../../src/alerts/alert-bus";
import { LiveTicketEvents } from "../../../src/reporting/live/live-ticket-events";
import { slackMessage } from "../../../src/alerts/slack-message";
import { signStandardWebhook } from "../../../src/alerts/standard-webhook.signer";
import { verifyStandardWebhook } from "../../../src/alerts/standard-webhook.verifier";
import { teamsMessage } from "../../../src/alerts/teams-card";
import { alertForBreach, alertsForTicketEvent } from "../../../src/alerts/ticket-event-alerts";
import type { AlertStore } from "../../../src/alerts/alert.store";
import { computeTicketSla, type TicketSlaResult } from "../../../src/sla/ticket-sla";
import { calendarForTarget } from "../../../src/sla/support-offering";
import { berlinOffering } from "../sla/sla-fixtures";
import type { StoredTicketEvent } from "../../../src/tickets/ticket-store.types";
import { alertSchemaValidator } from "../../e2e/support/alerts/alert-schema";

const SECRET_A = `whsec_${Buffer.alloc(32, 1).toString("base64")}`;
const SECRET_B = `whsec_${Buffer.alloc(32, 2).toString("base64")}`;
const CUSTOMER = "6f1c2a3b-0000-4000-8000-00000000c0de";
const TICKET = "0b8e9d40-1111-4222-8333-444455556666";
const AT = new Date("2026-12-01T09:30:00.000Z");
const MINUTE = 60_000;

const rule = (overrides: Partial<AlertRule> = {}): AlertRule => ({
  id: "r1",
  name: "r1",
  kinds: [],
  destinations: ["hook"],
  customerScope: "ALL",
  customerIds: [],
  minSeverity: "INFO",
  enabled: true,
  ...overrides,
});

const event = (type: string, payload: Record<string, unknown>): StoredTicketEvent => ({
  id: `evt-${type.toLowerCase()}`,
  ticketId: TICKET,
  customerId: CUSTOMER,
  sequence: 7,
  globalSequence: null,
  type,
  fromState: "escalated.withMicrosoft",
  toState: "escalated.actionRequired",
  actor: { id: "system:escalation-sync", role: "SYSTEM" } as never,
  payload,
  at: AT,
  machineVersion: 1,
  prevHash: null,
  hash: "h",
});

const sla = (overrides: Partial<TicketSlaResult>): TicketSlaResult => ({
  policyVersion: 1,
  severity: "CRITICAL",
  openedAt: new Date("2026-12-01T08:00:00.000Z"),
  firstResponseDueAt: new Date("2026-12-01T09:00:00.000Z"),
  firstResponseTargetMs: 60 * MINUTE,
  // Standing at 08:50 on a 24x7 clock.
  firstResponseServiceMs: 50 * MINUTE,
  firstRespondedAt: null,
  firstResponseBreached: false,
  resolutionDueAt: new Date("2026-12-01T12:00:00.000Z"),
  resolvedAt: null,
  resolutionBreached: false,
  resolutionBreachedAt: null,
  breached: false,
  breachedAt: null,
  clockPaused: false,
  clockStopped: false,
  resolutionServiceMs: 50 * MINUTE,
  resolutionTargetMs: 240 * MINUTE,
  timeInStates: [],
  ...overrides,
});

/** One occurrence of every kind, as the real sources report them. */
function candidatesOfEveryKind(): AlertCandidate[] {
  const incident = { id: "EX123456", tenantId: CUSTOMER, title: "Users can't send mail", service: "Exchange Online", product: "MICROSOFT_365", feature: null, classification: "incident", status: "serviceDegradation", isResolved: false, impactDescription: "Outbound mail is delayed.", startDateTime: new Date("2026-12-01T07:12:00.000Z"), endDateTime: null, lastModifiedDateTime: null, posts: [] } as never;
  const started = incidentAlerts(CUSTOMER, { tenantId: CUSTOMER, services: [], incidents: [incident] }, AT, new Set());
  const resolvedIncident = { ...(incident as object), isResolved: true, status: "serviceRestored", endDateTime: new Date("2026-12-01T09:10:00.000Z") } as never;
  const resolved = incidentAlerts(CUSTOMER, { tenantId: CUSTOMER, services: [], incidents: [resolvedIncident] }, AT, new Set([started[0]!.kind && alertIdOf(started[0]!)]));
  return [
    alertForBreach({ ticketId: TICKET, kind: "FIRST_RESPONSE", dueAt: new Date("2026-12-01T09:00:00.000Z"), detectedAt: AT, policyVersion: 1 }, CUSTOMER),
    ...atRiskAlerts(TICKET, CUSTOMER, sla({}), new Date("2026-12-01T08:50:00.000Z"), 0.8),
    ...alertsForTicketEvent(event("MICROSOFT_ACTION_REQUIRED", { microsoftNote: "Please send the message trace for one affected mailbox." })),
    ...alertsForTicketEvent(event("MARK_FILING_FAILED", { error: "Partner Center answered 503 six times", attempts: 6 })),
    ...alertsForTicketEvent(event("REQUIRE_PORTAL_FILING", { reason: "Creating service requests through the API is not supported for this partner" })),
    ...alertsForTicketEvent(event("MICROSOFT_CLOSED", { microsoftNote: "The connector certificate was renewed; mail flows again." })),
    ...alertsForTicketEvent(event("RECORD_CUSTOMER_REPLY", { reply: "It started at 8:05, all users are affected." })),
    ...started,
    ...resolved,
    ...delegatedAccessAlerts({ customerTenantId: CUSTOMER, status: "ACTIVE", roles: ["62e90394-69f5-4237-9190-012177145e10"], endsAt: new Date("2026-12-20T00:00:00.000Z") }, AT, 30),
    ...delegatedAccessAlerts({ customerTenantId: CUSTOMER, status: "EXPIRED", roles: [], endsAt: new Date("2026-11-30T00:00:00.000Z") }, AT, 30),
    ...delegatedAccessAlerts({ customerTenantId: CUSTOMER, status: "TERMINATED", roles: [], endsAt: new Date("2026-11-29T00:00:00.000Z") }, AT, 30),
  ];
}
const alertIdOf = (candidate: AlertCandidate) => alertId(candidate.kind, candidate.subject, candidate.occurrence);

/** Payloads through the real service (only its payload builder is used: no store is touched). */
async function examplePayloads(): Promise<AlertPayload[]> {
  const service = new AlertService({
    store: null as unknown as AlertStore,
    destinations: new Map(),
    customerName: async () => "Contoso Ltd",
    ticket: async (id) => ({ id, title: "Exchange Online: no outbound mail", state: "escalated.actionRequired" }),
    consoleBaseUrl: () => "https://desk.example.com",
    bus: new AlertBus(new LiveTicketEvents(), pino({ level: "silent" })),
    log: pino({ level: "silent" }),
  });
  return Promise.all(candidatesOfEveryKind().map((candidate) => service.payloadOf(candidate)));
}

describe("alert ids", () => {
  it("are the same for the same occurrence and differ for another occurrence, subject or kind", () => {
    expect(alertId("SLA_BREACHED", "ticket:1", "breach:FIRST_RESPONSE")).toBe(alertId("SLA_BREACHED", "ticket:1", "breach:FIRST_RESPONSE"));
    expect(alertId("SLA_BREACHED", "ticket:1", "breach:FIRST_RESPONSE")).toMatch(/^alrt_[0-9a-f]{40}$/);
    const others = [alertId("SLA_BREACHED", "ticket:1", "breach:RESOLUTION"), alertId("SLA_BREACHED", "ticket:2", "breach:FIRST_RESPONSE"), alertId("SLA_AT_RISK", "ticket:1", "breach:FIRST_RESPONSE")];
    expect(new Set([alertId("SLA_BREACHED", "ticket:1", "breach:FIRST_RESPONSE"), ...others]).size).toBe(4);
  });
});

describe("alert.v1 payloads", () => {
  it("cover every kind and validate against schema/alert.v1.schema.json (the examples in test/fixtures/alerts)", async () => {
    const payloads = await examplePayloads();
    expect(payloads.map((payload) => payload.kind).sort()).toEqual([...ALERT_KINDS].sort());
    const validate = alertSchemaValidator();
    for (const payload of payloads) expect(validate(payload), payload.kind).toEqual([]);
    const file = join(__dirname, "../../fixtures/alerts/examples.json");
    const text = `${JSON.stringify(Object.fromEntries(payloads.map((payload) => [payload.kind, payload])), null, 2)}\n`;
    if (process.env.UPDATE_FIXTURES === "1" || !existsSync(file)) writeFileSync(file, text);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("are refused by the schema when a field is missing, a kind unknown or details of the wrong shape", async () => {
    const validate = alertSchemaValidator();
    const [breach] = await examplePayloads();
    const { link: _link, ...withoutLink } = breach!;
    expect(validate(withoutLink).join()).toMatch(/link/);
    expect(validate({ ...breach, kind: "SOMETHING_ELSE" })).not.toEqual([]);
    expect(validate({ ...breach, details: { target: "LUNCH", dueAt: "x", policyVersion: 1 } })).not.toEqual([]);
    expect(validate({ ...breach, id: "42" })).not.toEqual([]);
  });

  it("link to the ticket when there is one, else to the customer", async () => {
    const payloads = await examplePayloads();
    expect(payloads.find((payload) => payload.kind === "SLA_BREACHED")!.link).toBe(`https://desk.example.com/tickets/${TICKET}`);
    expect(payloads.find((payload) => payload.kind === "DELEGATED_ACCESS_EXPIRED")!.link).toBe(`https://desk.example.com/customers/${CUSTOMER}`);
  });
});

describe("Standard Webhooks signatures", () => {
  it("verify with the standardwebhooks package, with every secret of a rotation", () => {
    const body = JSON.stringify({ hello: "world" });
    const headers = signStandardWebhook([SECRET_A, SECRET_B], "alrt_1", new Date(), body);
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(SECRET_A).verify(body, { ...headers })).toEqual({ hello: "world" });
    expect(new Webhook(SECRET_B).verify(body, { ...headers })).toEqual({ hello: "world" });
    expect(verifyStandardWebhook([SECRET_B], { ...headers }, body)).toBe(true);
  });

  it("fail for another secret, an altered body or an old timestamp", () => {
    const body = JSON.stringify({ hello: "world" });
    const headers = signStandardWebhook([SECRET_A], "alrt_1", new Date(), body);
    expect(() => new Webhook(SECRET_B).verify(body, { ...headers })).toThrow();
    expect(() => new Webhook(SECRET_A).verify(`${body} `, { ...headers })).toThrow();
    const old = signStandardWebhook([SECRET_A], "alrt_1", new Date(Date.now() - 3_600_000), body);
    expect(() => new Webhook(SECRET_A).verify(body, { ...old })).toThrow();
    expect(verifyStandardWebhook([SECRET_A], { ...old }, body)).toBe(false);
    expect(verifyStandardWebhook([SECRET_B], { ...headers }, body)).toBe(false);
  });
});

describe("rules", () => {
  const alert = { kind: "SLA_BREACHED" as const, severity: "CRITICAL" as const, customerId: "c1" };
  it("route by kind, minimum severity and customer include/exclude lists", () => {
    expect(ruleMatches(rule(), alert)).toBe(true);
    expect(ruleMatches(rule({ kinds: ["CUSTOMER_REPLIED"] }), alert)).toBe(false);
    expect(ruleMatches(rule({ minSeverity: "CRITICAL" }), { ...alert, kind: "CUSTOMER_REPLIED", severity: "INFO" })).toBe(false);
    expect(ruleMatches(rule({ customerScope: "EXCLUDE", customerIds: ["c1"] }), alert)).toBe(false);
    expect(ruleMatches(rule({ customerScope: "EXCLUDE", customerIds: ["c2"] }), alert)).toBe(true);
    expect(ruleMatches(rule({ customerScope: "INCLUDE", customerIds: ["c2"] }), alert)).toBe(false);
    expect(ruleMatches(rule({ enabled: false }), alert)).toBe(false);
    expect(routeAlert([rule({ destinations: ["a", "b"] }), rule({ destinations: ["b", "c"] })], alert)).toEqual(["a", "b", "c"]);
  });

  it("files are validated: unknown destinations, bad secrets and missing include lists name their path", () => {
    const destination = { name: "hook", channel: "WEBHOOK", url: "https://hooks.example.com/a", secrets: [SECRET_A] };
    expect(parseAlertRulesFile({ destinations: [destination], rules: [{ id: "all", name: "All", destinations: ["hook"] }] }).rules[0]).toMatchObject({ customerScope: "ALL", minSeverity: "INFO", kinds: [] });
    expect(() => parseAlertRulesFile({ destinations: [destination], rules: [{ id: "x", name: "x", destinations: ["nope"] }] })).toThrow(/rules\.0\.destinations\.0: unknown destination nope/);
    expect(() => parseAlertRulesFile({ destinations: [{ ...destination, secrets: ["plain"] }] })).toThrow(AlertRulesFileError);
    expect(() => parseAlertRulesFile({ destinations: [destination], rules: [{ id: "x", name: "x", destinations: ["hook"], customerScope: "INCLUDE" }] })).toThrow(/customerIds/);
    expect(() => parseAlertRulesFile({ destinations: [destination, destination] })).toThrow(/duplicate destination/);
  });
});

describe("periodic checks", () => {
  it("SLA at risk after the configured share, not before it, not once breached or answered", () => {
    // A 24x7 clock: service time is the wall clock since 08:00 (the first response at 09:00, resolution 4 h).
    const at = (iso: string, overrides: Partial<TicketSlaResult> = {}) => {
      const spent = Date.parse(iso) - Date.parse("2026-12-01T08:00:00.000Z");
      return atRiskAlerts(TICKET, CUSTOMER, sla({ firstResponseServiceMs: spent, resolutionServiceMs: spent, ...overrides }), new Date(iso), 0.8);
    };
    expect(at("2026-12-01T08:40:00.000Z")).toEqual([]);
    const atRisk = at("2026-12-01T08:50:00.000Z");
    expect(atRisk.map((candidate) => candidate.details["target"])).toEqual(["FIRST_RESPONSE"]);
    expect(at("2026-12-01T08:50:00.000Z", { firstRespondedAt: new Date("2026-12-01T08:10:00.000Z") })).toEqual([]);
    expect(at("2026-12-01T09:30:00.000Z", { firstResponseBreached: true }).map((c) => c.details["target"])).toEqual([]);
    // Resolution: 4 h target, 80% after 11:12.
    expect(at("2026-12-01T11:20:00.000Z", { firstRespondedAt: AT }).map((c) => c.details["target"])).toEqual(["RESOLUTION"]);
    // The same standing seen by two scans is one occurrence.
    const again = at("2026-12-01T08:55:00.000Z");
    expect(alertIdOf(again[0]!)).toBe(alertIdOf(atRisk[0]!));
  });

  it("SLA at risk counts the policy's business hours, not the wall clock, across a weekend", () => {
    // Berlin desk, MODERATE: 4 h first response in service hours (Fri 08-16, Mon 08-18 CEST).
    const offering = berlinOffering();
    const policy = offering.policies[0]!;
    const calendar = calendarForTarget(offering, policy.targets.MODERATE);
    const opened = [{ type: "OPEN", toState: "intake", at: new Date("2025-06-13T13:00:00Z"), actor: { role: "HELPDESK_AGENT" } }]; // Fri 15:00 CEST: 1 h left that day
    const atRiskAt = (iso: string) => atRiskAlerts(TICKET, CUSTOMER, computeTicketSla(opened, policy, "MODERATE", calendar, new Date(iso)), new Date(iso), 0.8);
    // Due Mon 11:00 CEST (1 h Friday + 3 h Monday); 80 % of 4 h = 3 h 12 min of service time: Mon 10:12 CEST.
    expect(computeTicketSla(opened, policy, "MODERATE", calendar, new Date("2025-06-16T07:00:00Z")).firstResponseDueAt.toISOString()).toBe("2025-06-16T09:00:00.000Z");
    // Sunday noon: 1 h of 4 h gone, though 47 h of wall clock have passed.
    expect(atRiskAt("2025-06-15T12:00:00Z")).toEqual([]);
    // Monday 08:30 CEST: 1.5 h of 4 h (a wall-clock share would be 96 % here).
    expect(atRiskAt("2025-06-16T06:30:00Z")).toEqual([]);
    expect(atRiskAt("2025-06-16T08:11:00Z")).toEqual([]);
    const atRisk = atRiskAt("2025-06-16T08:13:00Z");
    expect(atRisk.map((candidate) => candidate.details["target"])).toEqual(["FIRST_RESPONSE"]);
    expect(atRisk[0]!.details["elapsedShare"]).toBe(0.804);
    expect(atRisk[0]!.details["dueAt"]).toBe("2025-06-16T09:00:00.000Z");
    // Resolution (20 h in service hours) is at 16 % then, not at risk.
    expect(atRisk.some((candidate) => candidate.details["target"] === "RESOLUTION")).toBe(false);
  });

  it("delegated access: expiring only within N days, expired and terminated once per relationship end", () => {
    const access = { customerTenantId: CUSTOMER, status: "ACTIVE" as const, roles: [], endsAt: new Date("2027-06-01T00:00:00.000Z") };
    expect(delegatedAccessAlerts(access, AT, 30)).toEqual([]);
    expect(delegatedAccessAlerts({ ...access, endsAt: new Date("2026-12-10T00:00:00.000Z") }, AT, 30)[0]!.kind).toBe("DELEGATED_ACCESS_EXPIRING");
    expect(delegatedAccessAlerts({ ...access, status: "APPROVAL_PENDING" }, AT, 30)).toEqual([]);
    const renewed = delegatedAccessAlerts({ ...access, status: "EXPIRED", endsAt: new Date("2028-01-01T00:00:00.000Z") }, AT, 30);
    const first = delegatedAccessAlerts({ ...access, status: "EXPIRED", endsAt: new Date("2026-11-30T00:00:00.000Z") }, AT, 30);
    expect(alertIdOf(renewed[0]!)).not.toBe(alertIdOf(first[0]!));
  });

  it("incidents: a resolved incident alerts only when its start was alerted", () => {
    const resolved = { id: "EX1", tenantId: CUSTOMER, title: "t", service: "Exchange Online", product: "MICROSOFT_365", feature: null, classification: "incident", status: "serviceRestored", isResolved: true, impactDescription: null, startDateTime: AT, endDateTime: AT, lastModifiedDateTime: null, posts: [] } as never;
    const health = { tenantId: CUSTOMER, services: [], incidents: [resolved] };
    expect(incidentAlerts(CUSTOMER, health, AT, new Set())).toEqual([]);
    const startedId = alertId("MICROSOFT_INCIDENT_STARTED", `customer:${CUSTOMER}:incident:EX1`, "started");
    expect(incidentAlerts(CUSTOMER, health, AT, new Set([startedId])).map((c) => c.kind)).toEqual(["MICROSOFT_INCIDENT_RESOLVED"]);
    // The sync's LINKED_INCIDENT_RESOLVED names the same occurrence: one alert, whoever sees it first.
    const linked = alertsForTicketEvent(event("LINKED_INCIDENT_RESOLVED", { incidentId: "EX1" }))[0]!;
    expect(alertIdOf(linked)).toBe(alertIdOf(incidentAlerts(CUSTOMER, health, AT, new Set([startedId]))[0]!));
  });
});

describe("chat cards", () => {
  it("Teams gets an Adaptive Card attachment and Slack a header, fields and a button, both with the console link", async () => {
    const [payload] = await examplePayloads();
    const teams = teamsMessage(payload!) as { type: string; attachments: { contentType: string; content: { type: string; version: string; actions: { url: string }[] } }[] };
    expect(teams.type).toBe("message");
    expect(teams.attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(teams.attachments[0]!.content).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(teams.attachments[0]!.content.actions[0]!.url).toBe(payload!.link);
    const slack = slackMessage(payload!) as { text: string; blocks: { type: string; fields?: unknown[]; elements?: { url?: string }[] }[] };
    expect(slack.text).toContain("SLA breached");
    expect(slack.blocks.map((block) => block.type)).toEqual(["header", "section", "section", "actions", "context"]);
    expect(slack.blocks[2]!.fields!.length).toBeLessThanOrEqual(10);
    expect(slack.blocks[3]!.elements![0]!.url).toBe(payload!.link);
  });
});
