import { describe, expect, it } from "vitest";
import { parseTimeParam } from "../../../src/reporting/audit-filter";
import { csvWriter } from "../../../src/reporting/audit-export";
import { ExportLinkRefusal, ExportLinkSigner } from "../../../src/reporting/export-link";
import { dailySeries, groupMetrics, localDays, UNASSIGNED, type BreakdownTicket } from "../../../src/reporting/ticket-metrics-breakdown";
import { computeTicketSla, type SlaEvent } from "../../../src/sla/ticket-sla";
import { berlinOffering } from "../sla/sla-fixtures";

const offering = berlinOffering();
const policy = offering.policies[0]!;
const agent = { role: "HELPDESK_AGENT" };
const ev = (type: string, toState: string, iso: string): SlaEvent => ({ type, toState, at: new Date(iso), actor: agent });

function ticket(events: SlaEvent[], facts: Partial<BreakdownTicket> = {}, now = "2025-06-20T12:00:00Z"): BreakdownTicket {
  return {
    customerId: "c1",
    product: "MICROSOFT_365",
    severity: "MODERATE",
    assigneeId: null,
    events,
    sla: computeTicketSla(events, policy, "MODERATE", offering.calendar, new Date(now)),
    ...facts,
  };
}

describe("groupMetrics", () => {
  const NOW = "2025-06-16T11:00:00Z";
  it("groups by a key with counts, open tickets, breaches and durations", () => {
    const answered = ticket([ev("OPEN", "intake", "2025-06-16T06:00:00Z"), ev("START_DIAGNOSIS", "diagnosis", "2025-06-16T06:30:00Z")], { assigneeId: "a1" }, NOW);
    const closed = ticket(
      [ev("OPEN", "intake", "2025-06-16T06:00:00Z"), ev("START_DIAGNOSIS", "diagnosis", "2025-06-16T07:00:00Z"), ev("PROPOSE_RESOLUTION", "resolution", "2025-06-16T08:00:00Z"), ev("CONFIRM_RESOLUTION", "resolved", "2025-06-16T09:00:00Z"), ev("CLOSE", "closed", "2025-06-16T10:00:00Z")],
      { assigneeId: "a1" },
      NOW,
    );
    // Opened Friday afternoon, nobody acts: first response missed on Monday.
    const ignored = ticket([ev("OPEN", "intake", "2025-06-13T13:00:00Z")], {}, NOW);
    const groups = groupMetrics([answered, closed, ignored], (item) => item.assigneeId ?? UNASSIGNED);
    expect(groups).toEqual([
      {
        key: "a1",
        ticketCount: 2,
        openCount: 1,
        breachCount: 0,
        breachRate: 0,
        firstResponse: { count: 2, medianSeconds: 1800, p90Seconds: 3600 },
        resolution: { count: 1, medianSeconds: 3 * 3600, p90Seconds: 3 * 3600 },
      },
      {
        key: UNASSIGNED,
        ticketCount: 1,
        openCount: 1,
        breachCount: 1,
        breachRate: 1,
        firstResponse: { count: 0, medianSeconds: null, p90Seconds: null },
        resolution: { count: 0, medianSeconds: null, p90Seconds: null },
      },
    ]);
  });
});

describe("dailySeries", () => {
  it("cuts days at local midnight, including the 23-hour day of the spring clock change", () => {
    const days = localDays(new Date("2025-03-29T12:00:00Z"), new Date("2025-03-31T00:00:00Z"), "Europe/Berlin");
    expect(days.map((day) => day.date)).toEqual(["2025-03-29", "2025-03-30", "2025-03-31"]);
    expect(new Date(days[1]!.startMs).toISOString()).toBe("2025-03-29T23:00:00.000Z");
    expect(days[1]!.endMs - days[1]!.startMs).toBe(23 * 3_600_000);
  });

  it("counts opened, closed, backlog at the end of each day and breaches on the day they happen", () => {
    const early = ticket([ev("OPEN", "intake", "2025-06-15T10:00:00Z"), ev("CANCEL", "cancelled", "2025-06-17T10:00:00Z")]);
    const late = ticket([ev("OPEN", "intake", "2025-06-13T13:00:00Z"), ev("START_DIAGNOSIS", "diagnosis", "2025-06-16T12:00:00Z")]);
    const series = dailySeries([early, late], new Date("2025-06-15T00:00:00+02:00"), new Date("2025-06-18T00:00:00+02:00"), "Europe/Berlin");
    expect(series.map(({ date, opened, closed, backlog, breaches }) => ({ date, opened, closed, backlog, breaches }))).toEqual([
      { date: "2025-06-15", opened: 1, closed: 0, backlog: 2, breaches: 0 },
      // late: first response due Monday 11:00 CEST, answered 14:00 CEST. early: due Monday 12:00 CEST (opened Sunday).
      { date: "2025-06-16", opened: 0, closed: 0, backlog: 2, breaches: 2 },
      // late: 20 h of resolution service time are used up Tuesday 18:00 CEST.
      { date: "2025-06-17", opened: 0, closed: 1, backlog: 1, breaches: 1 },
    ]);
  });
});

describe("parseTimeParam", () => {
  it("reads a date alone as that day in the time zone: from its first instant, to the next day's", () => {
    expect(parseTimeParam("from", "2026-12-01", "start", "Europe/Berlin").toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(parseTimeParam("to", "2026-12-01", "end", "Europe/Berlin").toISOString()).toBe("2026-12-01T23:00:00.000Z");
    expect(parseTimeParam("from", "2026-07-01", "start", "Europe/Berlin").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(parseTimeParam("from", "2026-12-01T08:00:00Z", "start", "Europe/Berlin").toISOString()).toBe("2026-12-01T08:00:00.000Z");
  });

  it("refuses impossible dates and other text with BAD_USER_INPUT naming the parameter", () => {
    for (const value of ["2026-02-30", "2026-13-01", "yesterday", "1 Dec 2026"]) {
      expect(() => parseTimeParam("from", value, "start", "Europe/Berlin")).toThrowError(expect.objectContaining({ code: "BAD_USER_INPUT" }));
    }
  });
});

describe("ExportLinkSigner", () => {
  const key = Buffer.alloc(32, 7);
  const lead = { id: "lead-1", displayName: "Lead", role: "SUPPORT_LEAD" as const };

  it("verifies its own link for that export only, until it expires", async () => {
    let now = new Date("2026-12-01T10:00:00Z");
    const signer = new ExportLinkSigner({ key, ttlSeconds: 60, baseUrl: "https://desk.example", clock: () => now });
    const link = await signer.sign(lead, { export: "tickets", format: "csv", params: { customerId: "c1" } });
    expect(link.url).toBe(`https://desk.example${link.path}`);
    expect(link.expiresAt.toISOString()).toBe("2026-12-01T10:01:00.000Z");
    const token = new URL(link.url).searchParams.get("link")!;
    await expect(signer.verify(token, "tickets", "csv")).resolves.toEqual({ agentId: "lead-1", role: "SUPPORT_LEAD", params: { customerId: "c1" } });
    await expect(signer.verify(token, "audit", "csv")).rejects.toMatchObject({ reason: "WRONG_PURPOSE" });
    await expect(signer.verify(token, "tickets", "ndjson")).rejects.toMatchObject({ reason: "WRONG_PURPOSE" });
    now = new Date("2026-12-01T10:01:01Z");
    await expect(signer.verify(token, "tickets", "csv")).rejects.toThrow(/expired/);
  });

  it("refuses a link signed with another key or with a changed filter", async () => {
    const signer = new ExportLinkSigner({ key, ttlSeconds: 60 });
    const other = new ExportLinkSigner({ key: Buffer.alloc(32, 8), ttlSeconds: 60 });
    const token = new URL((await other.sign(lead, { export: "audit", format: "csv", params: {} })).path, "http://x").searchParams.get("link")!;
    await expect(signer.verify(token, "audit", "csv")).rejects.toBeInstanceOf(ExportLinkRefusal);
    const own = new URL((await signer.sign(lead, { export: "audit", format: "csv", params: { customerId: "c1" } })).path, "http://x").searchParams.get("link")!;
    const [header, payload, signature] = own.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as { params: Record<string, string> };
    claims.params = {};
    const widened = `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
    await expect(signer.verify(widened, "audit", "csv")).rejects.toMatchObject({ reason: "BAD" });
  });
});

describe("csvWriter", () => {
  it("writes booleans, numbers, nulls and escapes formula text", () => {
    const writer = csvWriter<{ a: string; b: number | null; c: boolean }>(["a", "b", "c"]);
    expect(writer.header()).toBe("a,b,c\r\n");
    expect(writer.line({ a: "=SUM(A1)", b: null, c: true })).toBe(`"'=SUM(A1)",,true\r\n`);
  });
});
