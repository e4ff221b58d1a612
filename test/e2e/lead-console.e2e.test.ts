import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mermaidStateId } from "../../machines";
import { ExportLinkSigner } from "../../src/reporting/export-link";
import { civilDateAt, instantOfWallTime, isoDateOf, nextCivilDate } from "../../src/sla/zoned-time";
import {
  AuditEventsDocument,
  LeadCreateExportLinkDocument,
  LeadSlaBreachesDocument,
  LeadTicketAssigneeDocument,
  LeadTicketDiagramDocument,
  LeadTicketMetricsDocument,
  LeadTicketSlaRecordsDocument,
  LeadWorkflowDocument,
  type AuditEventsQuery,
  type ExportLinkInput,
  type LeadSlaBreachesQuery,
  type LeadTicketSlaRecordsQuery,
} from "../generated/graphql";
import { expectNoInternalErrors, startTestGateway, type GraphQLResult, type TestDatabaseKind, type TestGateway } from "./support/test-gateway";

type AuditNode = AuditEventsQuery["auditEvents"]["edges"][number]["node"];
type TicketSla = NonNullable<LeadTicketSlaRecordsQuery["ticket"]>;
type BreachNode = LeadSlaBreachesQuery["slaBreaches"]["edges"][number]["node"];
type ErrorBody = { errors: { extensions: Record<string, unknown> }[] };

const TIME_ZONE = "Europe/Berlin"; // config/support-offering.json
const ALLOWED_ORIGIN = "http://localhost:5173";

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      }
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    }
    else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += char;
  }
  return records;
}

const asObjects = (rows: string[][]): Record<string, string>[] => {
  const [header, ...body] = rows;
  return body.map((row) => Object.fromEntries(header!.map((name, index) => [name, row[index]!])));
};

describe.each<TestDatabaseKind>(["sqlite", "postgres"])("a support lead's console on the sandbox demo data (issue 16.7), %s", (database) => {
  let gw: TestGateway;
  let events: AuditNode[];
  const tickets = new Map<string, TicketSla>();
  let breaches: BreachNode[];
  const from = new Date(Date.now() - 60 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 86_400_000).toISOString();

  beforeAll(async () => {
    // No background sweeps: the suite sweeps once, then every read compares against that record.
    gw = await startTestGateway({ database, env: { DEMO_DATA: "on", ESCALATION_WORKERS: "off", SLA_SWEEP_INTERVAL_MS: "3600000", CORS_ORIGINS: ALLOWED_ORIGIN } });
    await gw.app.slaSweeper.sweepOnce();
    events = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const result: GraphQLResult<AuditEventsQuery> = await gw.gql(AuditEventsDocument, { first: 100, after }, { role: "SUPPORT_LEAD" });
      expect(result.errors).toEqual([]);
      events.push(...result.data!.auditEvents.edges.map((edge) => edge.node));
      if (!result.data!.auditEvents.pageInfo.hasNextPage) break;
      after = result.data!.auditEvents.pageInfo.endCursor ?? null;
    }
    for (const id of new Set(events.map((event) => event.ticketId))) {
      const result = await gw.gql(LeadTicketSlaRecordsDocument, { id }, { role: "SUPPORT_LEAD" });
      expectNoInternalErrors(result);
      tickets.set(id, result.data!.ticket!);
    }
    breaches = [];
    after = null;
    for (let page = 0; page < 20; page++) {
      const result: GraphQLResult<LeadSlaBreachesQuery> = await gw.gql(LeadSlaBreachesDocument, { first: 7, after }, { role: "SUPPORT_LEAD" });
      expectNoInternalErrors(result);
      expect(result.errors).toEqual([]);
      breaches.push(...result.data!.slaBreaches.edges.map((edge) => edge.node));
      if (!result.data!.slaBreaches.pageInfo.hasNextPage) break;
      after = result.data!.slaBreaches.pageInfo.endCursor ?? null;
    }
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
  });

  describe("SLA breaches", () => {
    it("records breaches on every demo ticket as its sla says, closed and cancelled tickets included", () => {
      expect(tickets.size).toBeGreaterThan(30);
      for (const [id, ticket] of tickets) {
        const kinds = ticket.sla.breaches.map((breach) => breach.kind).sort();
        const expected = [...(ticket.sla.firstResponseBreached ? ["FIRST_RESPONSE"] : []), ...(ticket.sla.resolutionBreached ? ["RESOLUTION"] : [])];
        expect(kinds, `${id} in ${ticket.stateValue}`).toEqual(expected);
        expect(ticket.sla.breached, id).toBe(kinds.length > 0);
      }
      const finalBreached = [...tickets.values()].filter((ticket) => ["closed", "cancelled"].includes(ticket.stateValue) && ticket.sla.breached);
      // The sweeper used to skip final tickets, so these had no record (5 of 46 in issue 16).
      expect(finalBreached.length).toBeGreaterThan(0);
    });

    it("lists every recorded breach across tickets, in pages, agreeing with each ticket's sla", () => {
      const listed = breaches.map((breach) => `${breach.ticketId}/${breach.kind}`).sort();
      const perTicket = [...tickets].flatMap(([id, ticket]) => ticket.sla.breaches.map((breach) => `${id}/${breach.kind}`)).sort();
      expect(listed).toEqual(perTicket);
      expect(new Set(listed).size).toBe(listed.length);
      for (const breach of breaches) {
        expect(tickets.get(breach.ticketId)!.sla.breached).toBe(true);
        expect(breach.ticket?.id).toBe(breach.ticketId);
        expect(breach.ticket?.title.length).toBeGreaterThan(0);
      }
      const dueTimes = breaches.map((breach) => Date.parse(breach.dueAt));
      expect(dueTimes).toEqual([...dueTimes].sort((a, b) => b - a));
    });

    it("filters by kind and customer, refuses unknown kinds and other roles", async () => {
      const customerId = breaches[0]!.ticket!.customer!.id;
      const result = await gw.gql(LeadSlaBreachesDocument, { filter: { kinds: ["RESOLUTION"], customerId }, first: 100 }, { role: "SUPPORT_LEAD" });
      expect(result.errors).toEqual([]);
      const expected = breaches.filter((breach) => breach.kind === "RESOLUTION" && breach.ticket!.customer!.id === customerId);
      expect(result.data!.slaBreaches.totalCount).toBe(expected.length);
      expect(result.data!.slaBreaches.edges.map((edge) => edge.node.ticketId).sort()).toEqual(expected.map((breach) => breach.ticketId).sort());

      const bad = await gw.gql(LeadSlaBreachesDocument, { filter: { kinds: ["LATE"] } }, { role: "SUPPORT_LEAD" });
      expect(bad.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.kinds" });
      const agent = await gw.gql(LeadSlaBreachesDocument, {}, { role: "HELPDESK_AGENT" });
      expect(agent.errors[0]?.extensions.code).toBe("FORBIDDEN");
    });
  });

  describe("ticketMetrics", () => {
    it("breaks the tickets down by agent, customer, severity and product, each adding up", async () => {
      const result = await gw.gql(LeadTicketMetricsDocument, { from, to }, { role: "SUPPORT_LEAD" });
      expectNoInternalErrors(result);
      const metrics = result.data!.ticketMetrics;
      expect(metrics.ticketCount).toBe(tickets.size);
      for (const groups of [metrics.byAgent, metrics.byCustomer, metrics.bySeverity, metrics.byProduct]) {
        expect(groups.reduce((sum, group) => sum + group.ticketCount, 0)).toBe(metrics.ticketCount);
        expect(groups.reduce((sum, group) => sum + group.breachCount, 0)).toBe(metrics.breachCount);
      }
      // By agent, recomputed from each ticket's current assignee (the ticket list).
      const assignees = new Map<string, number>();
      for (const id of tickets.keys()) {
        const assignee = (await gw.gql(LeadTicketAssigneeDocument, { id }, { role: "SUPPORT_LEAD" })).data!.ticket!.assignee?.id ?? "UNASSIGNED";
        assignees.set(assignee, (assignees.get(assignee) ?? 0) + 1);
      }
      expect(Object.fromEntries(metrics.byAgent.map((group) => [group.key, group.ticketCount]))).toEqual(Object.fromEntries(assignees));
      expect(metrics.byAgent.length).toBeGreaterThan(1);
      expect(metrics.byAgent.find((group) => group.key !== "UNASSIGNED")?.label).toBeTruthy();
      expect(metrics.byCustomer.every((group) => typeof group.label === "string" && group.label.length > 0)).toBe(true);
      // Final states are not "time in state" (closed once inflated the medians to 817,317 s).
      const states = metrics.timeInStateMedians.map((item) => item.state);
      expect(states).not.toContain("closed");
      expect(states).not.toContain("cancelled");
      for (const item of metrics.timeInStateMedians) expect(item.medianServiceSeconds).toBeLessThanOrEqual(item.medianSeconds);
    });

    it("gives a daily series in the desk's time zone that an independent count over the audit trail reproduces", async () => {
      const result = await gw.gql(LeadTicketMetricsDocument, { from, to }, { role: "SUPPORT_LEAD" });
      const daily = result.data!.ticketMetrics.daily;
      // Whole local days: the first starts at Berlin midnight on or before `from`.
      let date = civilDateAt(Date.parse(from), TIME_ZONE);
      for (const day of daily) {
        expect(day.date).toBe(isoDateOf(date));
        expect(Date.parse(day.start)).toBe(instantOfWallTime(date, 0, TIME_ZONE));
        date = nextCivilDate(date);
        expect(Date.parse(day.end)).toBe(instantOfWallTime(date, 0, TIME_ZONE));
      }
      const byTicket = new Map<string, AuditNode[]>();
      for (const event of events) byTicket.set(event.ticketId, [...(byTicket.get(event.ticketId) ?? []), event]);
      for (const list of byTicket.values()) list.sort((a, b) => a.sequence - b.sequence);
      const isFinal = (state: string) => state === "closed" || state === "cancelled";
      for (const day of daily) {
        const [startMs, endMs] = [Date.parse(day.start), Date.parse(day.end)];
        const inDay = (at: string) => Date.parse(at) >= startMs && Date.parse(at) < endMs;
        const lists = [...byTicket.values()];
        expect(day.opened, day.date).toBe(lists.filter((list) => inDay(list[0]!.at)).length);
        expect(day.closed, day.date).toBe(lists.filter((list) => list.some((event) => isFinal(event.toState) && inDay(event.at))).length);
        const open = (list: AuditNode[]) => Date.parse(list[0]!.at) < endMs && !list.some((event) => isFinal(event.toState) && Date.parse(event.at) < endMs);
        expect(day.backlog, day.date).toBe(lists.filter(open).length);
        expect(day.breaches, day.date).toBe(breaches.filter((breach) => inDay(breach.dueAt)).length);
      }
      expect(daily.reduce((sum, day) => sum + day.opened, 0)).toBe(tickets.size);
      expect(daily.some((day) => day.backlog > 0 && day.closed > 0)).toBe(true);
      expect(daily.reduce((sum, day) => sum + day.breaches, 0)).toBe(breaches.length);
    });
  });

  describe("workflow and diagram", () => {
    it("names guards and the state a transition lands in", async () => {
      const { transitions } = (await gw.gql(LeadWorkflowDocument, {})).data!.ticketWorkflow;
      expect(transitions).toContainEqual({ from: "diagnosis", event: "ESCALATE", to: "escalated.filing", declaredTarget: "escalated", guard: "escalationAllowed", internal: false, system: false });
      expect(transitions).toContainEqual(expect.objectContaining({ event: "LINKED_INCIDENT_RESOLVED", guard: "linkedIncidentOpen", internal: true, system: true }));
      const states = new Set(["intake", "diagnosis", "awaitingCustomer", "resolution", "resolved", "closed", "cancelled"]);
      for (const t of transitions) if (!t.internal) expect(states.has(t.to) || t.to.startsWith("escalated."), `${t.event} -> ${t.to}`).toBe(true);
    });

    it("marks the ticket's current state in its diagram", async () => {
      const states = new Set<string>();
      for (const [id, ticket] of tickets) {
        if (states.has(ticket.stateValue)) continue;
        states.add(ticket.stateValue);
        const diagram = (await gw.gql(LeadTicketDiagramDocument, { id }, { role: "SUPPORT_LEAD" })).data!.ticket!.diagram;
        expect(diagram).toContain(`  class ${mermaidStateId(ticket.stateValue)} current\n`);
        expect(diagram.match(/ current\n/g)).toHaveLength(1);
      }
      expect(states.size).toBeGreaterThan(4);
    });
  });

  describe("exports from a browser page", () => {
    const exportLink = async (input: ExportLinkInput) => {
      const result = await gw.gql(LeadCreateExportLinkDocument, { input }, { role: "SUPPORT_LEAD" });
      expectNoInternalErrors(result);
      return result;
    };

    it("downloads the ticket-level CSV through a signed link from an allowed origin, without a bearer in the URL", async () => {
      const created = await exportLink({ export: "TICKETS", format: "CSV" });
      expect(created.errors).toEqual([]);
      const link = created.data!.createExportLink;
      expect(link.url.startsWith(gw.app.gateway.url)).toBe(true);
      expect(link.url).not.toContain(gw.tokens.SUPPORT_LEAD);
      expect(new URL(link.url).searchParams.has("access_token")).toBe(false);
      expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
      // What a page's fetch() sends: an Origin, no Authorization header.
      const response = await fetch(link.url, { headers: { origin: ALLOWED_ORIGIN } });
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
      expect(response.headers.get("access-control-expose-headers")).toMatch(/content-disposition/);
      expect(response.headers.get("content-disposition")).toBe('attachment; filename="tickets.csv"');
      const rows = asObjects(parseCsv(await response.text()));
      expect(rows).toHaveLength(tickets.size);
      for (const row of rows) {
        const ticket = tickets.get(row.ticketId!)!;
        expect(row.state).toBe(ticket.stateValue);
        expect(row.breached).toBe(String(ticket.sla.breached));
        expect(row.customerName!.length).toBeGreaterThan(0);
        expect(row.title!.length).toBeGreaterThan(0);
      }
      expect(rows.some((row) => row.assigneeId !== "" && row.assigneeName !== "")).toBe(true);
      expect(rows.some((row) => row.firstResponseSeconds !== "")).toBe(true);
    });

    it("gives a disallowed origin no CORS headers, and answers a preflight for the bearer variant", async () => {
      const created = await exportLink({ export: "TICKETS", format: "NDJSON" });
      const { url } = created.data!.createExportLink;
      const response = await fetch(url, { headers: { origin: "https://evil.example" } });
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      await response.body?.cancel();
      const preflight = await fetch(`${gw.app.gateway.url}/exports/audit.csv`, {
        method: "OPTIONS",
        headers: { origin: ALLOWED_ORIGIN, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
      expect(preflight.headers.get("access-control-allow-headers")).toMatch(/authorization/i);
    });

    it("refuses an expired (401), tampered (401) or other-purpose (403) link, and lets no other role create one", async () => {
      const created = await exportLink({ export: "AUDIT", format: "CSV" });
      const { path } = created.data!.createExportLink;
      const token = new URL(path, gw.app.gateway.url).searchParams.get("link")!;
      const at = (linkPath: string) => fetch(`${gw.app.gateway.url}${linkPath}`);

      const tampered = `${token.slice(0, -3)}${token.slice(-3) === "AAA" ? "BBB" : "AAA"}`;
      const tamperedResponse = await at(`/exports/audit.csv?link=${tampered}`);
      expect(tamperedResponse.status).toBe(401);
      expect(((await tamperedResponse.json()) as ErrorBody).errors[0]!.extensions.code).toBe("UNAUTHENTICATED");

      // The same key, a clock an hour back: a link that expired 55 minutes ago.
      const key = Buffer.from(readFileSync(join(gw.dataDir, "export-link-key"), "utf8"), "base64");
      const old = new ExportLinkSigner({ key, ttlSeconds: 300, clock: () => new Date(Date.now() - 3_600_000) });
      const expired = await old.sign({ id: "lead", displayName: "Lead", role: "SUPPORT_LEAD" }, { export: "audit", format: "csv", params: {} });
      const expiredResponse = await at(expired.path);
      expect(expiredResponse.status).toBe(401);
      expect(((await expiredResponse.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/expired/);

      expect((await at(path.replace("/exports/audit.csv", "/exports/tickets.csv"))).status).toBe(403);
      expect((await at(path.replace("/exports/audit.csv", "/exports/audit.ndjson"))).status).toBe(403);
      const ok = await at(path);
      expect(ok.status).toBe(200);
      await ok.body?.cancel();

      const agent = await gw.gql(LeadCreateExportLinkDocument, { input: { export: "TICKETS", format: "CSV" } }, { role: "HELPDESK_AGENT" });
      expect(agent.errors[0]?.extensions.code).toBe("FORBIDDEN");
      const mixed = await exportLink({ export: "TICKETS", format: "CSV", eventTypes: ["OPEN"] });
      expect(mixed.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.eventTypes" });
    });

    it("puts the ticket title, customer name and GraphQL's previousHash on audit rows (prevHash kept)", async () => {
      const created = await exportLink({ export: "AUDIT", format: "NDJSON" });
      const response = await fetch((created.data!.createExportLink).url);
      const lines = (await response.text()).trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toHaveLength(events.length);
      for (const line of lines) {
        expect(line.previousHash).toBe(line.prevHash);
        expect(typeof line.ticketTitle).toBe("string");
        expect(typeof line.customerName).toBe("string");
      }
      expect(lines.some((line) => line.previousHash !== null)).toBe(true);
    });

    it("takes dates without a time as that whole day in the offering's time zone", async () => {
      // A day with events: the local date of some event in the middle of the trail.
      const sample = events[Math.floor(events.length / 2)]!;
      const day = civilDateAt(Date.parse(sample.at), TIME_ZONE);
      const [startMs, endMs] = [instantOfWallTime(day, 0, TIME_ZONE), instantOfWallTime(nextCivilDate(day), 0, TIME_ZONE)];
      const expected = events.filter((event) => Date.parse(event.at) >= startMs && Date.parse(event.at) < endMs).map((event) => event.id).sort();
      const date = isoDateOf(day);
      const response = await fetch(`${gw.app.gateway.url}/exports/audit.ndjson?from=${date}&to=${date}`, { headers: { authorization: `Bearer ${gw.tokens.SUPPORT_LEAD}` } });
      expect(response.status).toBe(200);
      const ids = (await response.text()).trimEnd().split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { id: string }).id).sort();
      expect(ids).toEqual(expected);
      expect(ids.length).toBeGreaterThan(0);

      const tickets = await fetch(`${gw.app.gateway.url}/exports/tickets.csv?from=${date}`, { headers: { authorization: `Bearer ${gw.tokens.SUPPORT_LEAD}` } });
      expect(tickets.status).toBe(200);
      await tickets.body?.cancel();
      const bad = await fetch(`${gw.app.gateway.url}/exports/tickets.csv?from=2026-02-30`, { headers: { authorization: `Bearer ${gw.tokens.SUPPORT_LEAD}` } });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as ErrorBody).errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "from" });
    });
  });
});
