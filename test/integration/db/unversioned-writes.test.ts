import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENTS } from "../../../src/auth/demo-agents";
import { AppError, ErrorCode, isAppError } from "../../../src/errors";
import { AgentDirectory } from "../../../src/tickets/agent-directory";
import { TicketService } from "../../../src/tickets/ticket.service";
import { TicketStore } from "../../../src/tickets/ticket.store";
import { KeyedWriteQueue, retryOnStaleVersion } from "../../../src/tickets/ticket-write-queue";
import { dbKinds, openTestDatabase } from "./support/test-database";

const CUSTOMER = "00000000-0000-4000-8000-00000000c0de";
const gate = {
  getCustomer: async () => ({ id: CUSTOMER, name: "Contoso", defaultDomain: "contoso.example", relationshipToPartner: "reseller" }),
  requireDelegatedAccess: async () => undefined,
};
const agent = DEMO_AGENTS.HELPDESK_AGENT;

describe.each(dbKinds)("writes without expectedVersion (%s)", (kind) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  // Three services on one database stand in for three instances: each has its own in-process queue,
  // so they really race at the store and lose with VERSION_CONFLICT, which they must retry.
  let services: TicketService[];

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDatabase(kind));
    services = [0, 1, 2].map(() => new TicketService({ store: new TicketStore(dataSource), entitlements: [], agents: new AgentDirectory() }));
  });
  afterAll(async () => close());

  async function ticketInDiagnosis(): Promise<string> {
    const opened = await services[0]!.openTicket(
      agent,
      { customerId: CUSTOMER, title: "Mail flow stopped", description: "No external mail.", category: "TECHNICAL", product: "MICROSOFT_365", severity: "MODERATE" },
      null,
      gate,
    );
    await services[0]!.send(agent, opened.id, undefined, { type: "START_DIAGNOSIS" });
    return opened.id;
  }

  it("accepts 30 concurrent notes from three instances, none answering VERSION_CONFLICT", async () => {
    const id = await ticketInDiagnosis();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => services[i % 3]!.send(agent, id, undefined, { type: "ADD_DIAGNOSIS_NOTE", note: `note ${i}` })),
    );
    const failures = outcomes.flatMap((o) => (o.status === "rejected" ? [(o.reason as Error).message] : []));
    expect(failures).toEqual([]);
    const versions = outcomes.map((o) => (o.status === "fulfilled" ? o.value.version : 0)).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 30 }, (_, i) => i + 3));
    expect((await services[1]!.diagnosisNotes(id)).map((n) => n.text).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `note ${i}`).sort());
  });

  it("answers the machine's refusal, not a conflict, when the reloaded ticket no longer accepts the event", async () => {
    const id = await ticketInDiagnosis();
    const outcomes = await Promise.allSettled(services.map((s) => s.send(agent, id, undefined, { type: "CANCEL", reason: "Duplicate ticket" })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const codes = outcomes.flatMap((o) => (o.status === "rejected" && isAppError(o.reason) ? [o.reason.code] : []));
    expect(codes).toEqual([ErrorCode.TRANSITION_NOT_ALLOWED, ErrorCode.TRANSITION_NOT_ALLOWED]);
  });

  it("still answers VERSION_CONFLICT to a caller that gave an expectedVersion", async () => {
    const id = await ticketInDiagnosis();
    await services[0]!.send(agent, id, undefined, { type: "ADD_DIAGNOSIS_NOTE", note: "first" });
    const stale = await services[1]!.send(agent, id, 2, { type: "ADD_DIAGNOSIS_NOTE", note: "stale" }).catch((e: unknown) => e);
    expect(isAppError(stale) && stale.code).toBe(ErrorCode.VERSION_CONFLICT);
  });
});

describe("retryOnStaleVersion and KeyedWriteQueue", () => {
  const conflict = () => new AppError(ErrorCode.VERSION_CONFLICT, "moved on", { currentVersion: 2 });
  const noPause = { attempts: 4, maxJitterMs: 5, sleep: async () => undefined };

  it("gives up after the bounded number of attempts with the last conflict", async () => {
    let calls = 0;
    const outcome = await retryOnStaleVersion(async () => {
      calls += 1;
      throw conflict();
    }, noPause).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect(isAppError(outcome) && outcome.code).toBe(ErrorCode.VERSION_CONFLICT);
  });

  it("does not retry other errors", async () => {
    let calls = 0;
    const outcome = await retryOnStaleVersion(async () => {
      calls += 1;
      throw new AppError(ErrorCode.BAD_USER_INPUT, "no");
    }, noPause).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(isAppError(outcome) && outcome.code).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it("runs one key's work in order, other keys alongside, and forgets settled keys", async () => {
    const queue = new KeyedWriteQueue();
    const log: string[] = [];
    const step = (name: string, ms: number) => () => new Promise<string>((resolve) => setTimeout(() => (log.push(name), resolve(name)), ms));
    const failing = () => Promise.reject(new Error("boom"));
    const all = Promise.allSettled([queue.run("a", step("a1", 30)), queue.run("a", failing), queue.run("a", step("a2", 1)), queue.run("b", step("b1", 5))]);
    expect(queue.size).toBe(2);
    const settled = await all;
    expect(log).toEqual(["b1", "a1", "a2"]);
    expect(settled[1]!.status).toBe("rejected");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(queue.size).toBe(0);
  });
});
