import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slaFromEvents } from "../../src/sla/sla.service";
import { loadSupportOffering } from "../../src/sla/support-offering";
import {
  AuditEventsDocument,
  SupportOfferingDocument,
  TicketMetricsDocument,
  TicketSlaDocument,
  type AuditEventsQuery,
} from "../generated/graphql";
import { expectNoInternalErrors, startTestGateway, type GraphQLResult, type TestGateway } from "./support/test-gateway";

type ErrorBody = { errors: { extensions: Record<string, unknown> }[] };
type AuditNode = AuditEventsQuery["auditEvents"]["edges"][number]["node"];

/** Nearest-rank percentile, written out again here so the test does not trust the server's. */
function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(p * sorted.length) - 1]!;
}

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
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += char;
  }
  return records;
}

describe("support lead reporting on the sandbox demo data", () => {
  let gw: TestGateway;
  let events: AuditNode[];
  const from = new Date(Date.now() - 60 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 86_400_000).toISOString();

  beforeAll(async () => {
    gw = await startTestGateway({ env: { DEMO_DATA: "on", ESCALATION_WORKERS: "off" } });
    events = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const result: GraphQLResult<AuditEventsQuery> = await gw.gql(AuditEventsDocument, { first: 100, after }, { role: "SUPPORT_LEAD" });
      expect(result.errors).toEqual([]);
      events.push(...result.data!.auditEvents.edges.map((edge) => edge.node));
      if (!result.data!.auditEvents.pageInfo.hasNextPage) break;
      after = result.data!.auditEvents.pageInfo.endCursor ?? null;
    }
  });
  afterAll(async () => {
    await gw?.close();
  });

  const byTicket = () => {
    const tickets = new Map<string, AuditNode[]>();
    for (const event of events) tickets.set(event.ticketId, [...(tickets.get(event.ticketId) ?? []), event]);
    for (const list of tickets.values()) list.sort((a, b) => a.sequence - b.sequence);
    return tickets;
  };

  it("seeds a few dozen tickets over the workflow's states and lists their events newest first", () => {
    const tickets = byTicket();
    expect(tickets.size).toBe(40);
    const finalStates = new Set([...tickets.values()].map((list) => list.at(-1)!.toState.split(".")[0]));
    expect(finalStates).toEqual(new Set(["intake", "diagnosis", "awaitingCustomer", "resolved", "closed", "cancelled"]));
    const times = events.map((event) => Date.parse(event.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("answers ticketMetrics that an independent recomputation from auditEvents reproduces", async () => {
    const result = await gw.gql(TicketMetricsDocument, { from, to }, { role: "SUPPORT_LEAD" });
    expectNoInternalErrors(result);
    const metrics = result.data!.ticketMetrics;
    const now = new Date();
    const offering = loadSupportOffering("config/support-offering.json");

    const tickets = [...byTicket().values()];
    const firstResponse: number[] = [];
    const resolution: number[] = [];
    let breached = 0;
    for (const list of tickets) {
      const opened = Date.parse(list[0]!.at);
      const response = list.slice(1).find((event) => event.actor.role !== "SYSTEM");
      if (response) firstResponse.push((Date.parse(response.at) - opened) / 1000);
      const resolved = list.find((event) => event.toState === "resolved");
      if (resolved) resolution.push((Date.parse(resolved.at) - opened) / 1000);
      const sla = slaFromEvents(
        offering,
        list.map((event) => ({ ...event, at: new Date(event.at), payload: event.payload as Record<string, unknown> })),
        now,
      );
      if (sla.breached) breached += 1;
    }
    const escalated = tickets.filter((list) => list.some((event) => event.type === "ESCALATE")).length;
    const reopened = tickets.filter((list) => list.some((event) => event.type === "REOPEN")).length;

    expect(metrics.ticketCount).toBe(tickets.length);
    expect(metrics.firstResponse).toEqual({ count: firstResponse.length, medianSeconds: nearestRank(firstResponse, 0.5), p90Seconds: nearestRank(firstResponse, 0.9) });
    expect(metrics.resolution).toEqual({ count: resolution.length, medianSeconds: nearestRank(resolution, 0.5), p90Seconds: nearestRank(resolution, 0.9) });
    expect(metrics.breachCount).toBe(breached);
    expect(metrics.breachRate).toBeCloseTo(breached / tickets.length, 10);
    expect(metrics.escalationRate).toBeCloseTo(escalated / tickets.length, 10);
    expect(metrics.reopenRate).toBeCloseTo(reopened / resolution.length, 10);
    // Non-trivial: real medians, some tickets breached and some not.
    expect(metrics.firstResponse.medianSeconds).toBeGreaterThan(0);
    expect(metrics.resolution.medianSeconds).toBeGreaterThan(metrics.firstResponse.medianSeconds!);
    expect(metrics.breachRate).toBeGreaterThan(0);
    expect(metrics.breachRate).toBeLessThan(1);
    expect(metrics.byCategory.reduce((sum, item) => sum + item.count, 0)).toBe(tickets.length);
    expect(metrics.byState.find((item) => item.key === "intake")?.count).toBe(5);
    expect(metrics.timeInStateMedians.map((item) => item.state)).toEqual(expect.arrayContaining(["intake", "diagnosis", "awaitingCustomer", "escalated.withMicrosoft"]));
  });

  it("shows each ticket's SLA, consistent with its events", async () => {
    const [ticketId, list] = [...byTicket()].find(([, list]) => list.at(-1)!.toState === "awaitingCustomer")!;
    const result = await gw.gql(TicketSlaDocument, { id: ticketId }, { role: "SUPPORT_LEAD" });
    const sla = result.data!.ticket!.sla;
    expect(sla).toMatchObject({ policyVersion: 1, clockPaused: true, resolutionDueAt: null, clockStopped: false });
    expect(sla.firstRespondedAt).toBe(list[1]!.at);
    expect(sla.timeInStates.map((item) => item.state)).toEqual(["intake", "diagnosis", "awaitingCustomer"]);
  });

  it("publishes the support offering", async () => {
    const result = await gw.gql(SupportOfferingDocument, {}, { role: "SALES_AGENT" });
    expect(result.data!.supportOffering.serviceHours.timeZone).toBe("Europe/Berlin");
    expect(result.data!.supportOffering.slaPolicies[0]!.targets.find((target) => target.severity === "CRITICAL")?.clock).toBe("ALWAYS");
  });

  it("filters auditEvents by ticket, type, actor and time", async () => {
    const [ticketId, list] = [...byTicket()].find(([, list]) => list.length >= 6)!;
    const one = await gw.gql(AuditEventsDocument, { filter: { ticketId }, first: 100 }, { role: "SUPPORT_LEAD" });
    expect(one.data!.auditEvents.totalCount).toBe(list.length);
    const opens = await gw.gql(AuditEventsDocument, { filter: { eventTypes: ["OPEN"] }, first: 1 }, { role: "SUPPORT_LEAD" });
    expect(opens.data!.auditEvents.totalCount).toBe(40);
    const system = await gw.gql(AuditEventsDocument, { filter: { actorId: "system:demo-seed" }, first: 100 }, { role: "SUPPORT_LEAD" });
    expect(system.data!.auditEvents.edges.every((edge) => edge.node.actor.role === "SYSTEM")).toBe(true);
    expect(system.data!.auditEvents.totalCount).toBeGreaterThan(0);
    const window = await gw.gql(AuditEventsDocument, { filter: { from: list[1]!.at, to: list[2]!.at, ticketId }, first: 100 }, { role: "SUPPORT_LEAD" });
    expect(window.data!.auditEvents.edges.map((edge) => edge.node.sequence)).toEqual([2]);
  });

  it("refuses other roles and bad periods with typed errors", async () => {
    for (const role of ["HELPDESK_AGENT", "ADMIN_AGENT", "SALES_AGENT"] as const) {
      const audit = await gw.gql(AuditEventsDocument, { first: 1 }, { role });
      expect(audit.errors[0]?.extensions.code).toBe("FORBIDDEN");
      const metrics = await gw.gql(TicketMetricsDocument, { from, to }, { role });
      expect(metrics.errors[0]?.extensions.code).toBe("FORBIDDEN");
    }
    const backwards = await gw.gql(TicketMetricsDocument, { from: to, to: from }, { role: "SUPPORT_LEAD" });
    expect(backwards.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
    const badFilter = await gw.gql(AuditEventsDocument, { filter: { from: to, to: from }, first: 1 }, { role: "SUPPORT_LEAD" });
    expect(badFilter.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.to" });
  });

  describe("exports", () => {
    const get = (path: string, role: "SUPPORT_LEAD" | "HELPDESK_AGENT" | null = "SUPPORT_LEAD") =>
      fetch(`${gw.app.gateway.url}${path}`, { headers: role ? { authorization: `Bearer ${gw.tokens[role]}` } : {} });

    it("streams every event as NDJSON, oldest first", async () => {
      const response = await get("/exports/audit.ndjson");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/application\/x-ndjson/);
      const lines = (await response.text()).trimEnd().split("\n").map((line) => JSON.parse(line));
      expect(lines).toHaveLength(events.length);
      expect(lines.map((line) => line.id)).toEqual([...events].reverse().map((event) => event.id));
      const sample = events.find((event) => event.type === "ADD_DIAGNOSIS_NOTE")!;
      expect(lines.find((line) => line.id === sample.id)).toMatchObject({ type: sample.type, hash: sample.hash, payload: sample.payload, actor: sample.actor });
    });

    it("writes RFC 4180 CSV with a header that round-trips payloads with commas and quotes", async () => {
      const response = await get("/exports/audit.csv");
      expect(response.headers.get("content-type")).toMatch(/text\/csv/);
      const text = await response.text();
      expect(text.endsWith("\r\n")).toBe(true);
      const [header, ...rows] = parseCsv(text);
      expect(header).toEqual(["at", "id", "ticketId", "customerId", "sequence", "type", "fromState", "toState", "actorId", "actorName", "actorRole", "machineVersion", "payload", "prevHash", "hash", "previousHash", "ticketTitle", "customerName"]);
      expect(rows).toHaveLength(events.length);
      for (const row of rows) {
        const event = events.find((item) => item.id === row[1])!;
        expect(JSON.parse(row[12]!)).toEqual(event.payload);
        expect(row[0]).toBe(event.at);
      }
    });

    it("applies the same filters as auditEvents", async () => {
      const customerId = events[0]!.customerId;
      const expected = events.filter((event) => event.customerId === customerId && ["OPEN", "CANCEL"].includes(event.type));
      const response = await get(`/exports/audit.ndjson?customerId=${customerId}&eventTypes=OPEN,CANCEL&from=${encodeURIComponent(from)}`);
      const lines = (await response.text()).trimEnd().split("\n").filter(Boolean).map((line) => JSON.parse(line));
      expect(lines.map((line) => line.id).sort()).toEqual(expected.map((event) => event.id).sort());
      const none = await get(`/exports/audit.csv?to=${encodeURIComponent(from)}`);
      expect(parseCsv(await none.text())).toHaveLength(1);
    });

    it("answers 401, 403 and 400 with typed errors", async () => {
      expect((await get("/exports/audit.csv", null)).status).toBe(401);
      const forbidden = await get("/exports/audit.ndjson", "HELPDESK_AGENT");
      expect(forbidden.status).toBe(403);
      expect(((await forbidden.json()) as ErrorBody).errors[0]!.extensions.code).toBe("FORBIDDEN");
      const bad = await get("/exports/audit.ndjson?from=yesterday");
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as ErrorBody).errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "from" });
      expect((await get("/exports/audit.csv?eventTypes=NOPE")).status).toBe(400);
    });
  });
});
