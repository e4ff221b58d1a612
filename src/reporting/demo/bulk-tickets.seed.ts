import type { DataSource } from "typeorm";
import { applyTicketEvent, startTicket, TICKET_MACHINE_VERSION, type TicketActor, type TicketMachineEvent } from "../../../machines";
import { Database } from "../../db/database";
import { newRowId } from "../../db/row-id";
import { TicketEventEntity } from "../../db/ticket-event.entity";
import { TicketEntity } from "../../db/ticket.entity";
import { appendBatchToGlobalChain, type UnchainedEventRow } from "../../tickets/audit-global-chain";
import { canonicalJson } from "../../tickets/audit-hash";
import { nextEventRow, type ChainHead } from "../../tickets/ticket-rows";

/** The commands each bulk ticket walks through after OPEN: 10 events per ticket, ending closed. */
const LIFECYCLE: readonly Record<string, unknown>[] = [
  { type: "START_DIAGNOSIS", assigneeId: "agent-hugo" },
  { type: "ADD_DIAGNOSIS_NOTE", note: 'Checked the tenant\'s "Exchange Online" health, no incident; collecting logs, traces and screenshots.' },
  { type: "REQUEST_CUSTOMER_INFO", question: "Which users are affected, and since when?" },
  { type: "RECORD_CUSTOMER_REPLY", reply: "All users in the Paris office, since Monday 09:00." },
  { type: "ADD_DIAGNOSIS_NOTE", note: "Connector certificate expired on Sunday, renewing." },
  { type: "PROPOSE_RESOLUTION", summary: "Renewed the connector certificate, mail flow restored." },
  { type: "CONFIRM_RESOLUTION" },
  { type: "CLOSE" },
];
export const BULK_EVENTS_PER_TICKET = LIFECYCLE.length + 1;

const ACTOR: TicketActor = { id: "agent-hugo", displayName: "Hugo Helpdesk", role: "HELPDESK_AGENT" };
const INSERT_CHUNK = 400;

/**
 * Writes `tickets` complete tickets (10 hash-chained events each, made by the real machine, so
 * `audit:verify` replays them) in batched transactions, for benchmarks and large demo sets.
 * Plain `TicketService` calls would commit (and fsync) once per event; this commits once per batch.
 */
export async function seedBulkTickets(options: {
  dataSource: DataSource;
  tickets: number;
  customerIds: readonly string[];
  /** Tickets per transaction (default 500). */
  batchSize?: number;
  endAt?: Date;
  onProgress?: (done: number, total: number) => void;
}): Promise<{ tickets: number; events: number }> {
  const batchSize = options.batchSize ?? 500;
  const endMs = (options.endAt ?? new Date()).getTime();
  // Openings spread over the past 90 days, events of one ticket an hour apart.
  const spanMs = 90 * 86_400_000;
  let events = 0;
  const openedMsOf = (index: number) => endMs - spanMs + Math.floor((spanMs * index) / options.tickets) - BULK_EVENTS_PER_TICKET * 3_600_000;
  // The global audit chain must run forward in time (audit:verify reports back-dating): events
  // later than the next batch's first opening wait for that batch, and each batch is time-ordered.
  let pending: UnchainedEventRow[] = [];
  for (let start = 0; start < options.tickets; start += batchSize) {
    const ticketRows: TicketEntity[] = [];
    const built: UnchainedEventRow[] = [];
    for (let index = start; index < Math.min(options.tickets, start + batchSize); index++) {
      buildTicket(index, openedMsOf(index), options.customerIds[index % options.customerIds.length]!, ticketRows, built);
    }
    const next = start + batchSize < options.tickets ? new Date(openedMsOf(start + batchSize)).toISOString() : null;
    const ordered = [...pending, ...built].sort(byTimeTicketSequence);
    const cut = next === null ? ordered.length : ordered.findIndex((row) => row.at >= next);
    const unchainedRows = cut === -1 ? ordered : ordered.slice(0, cut);
    pending = cut === -1 ? [] : ordered.slice(cut);
    await Database.of(options.dataSource).transaction(async (manager) => {
      // The batch takes the next global sequences under the head lock, in this transaction.
      const eventRows = await appendBatchToGlobalChain(manager, unchainedRows);
      for (let offset = 0; offset < ticketRows.length; offset += INSERT_CHUNK) {
        await manager.createQueryBuilder().insert().into(TicketEntity).values(ticketRows.slice(offset, offset + INSERT_CHUNK)).updateEntity(false).execute();
      }
      for (let offset = 0; offset < eventRows.length; offset += INSERT_CHUNK) {
        await manager.createQueryBuilder().insert().into(TicketEventEntity).values(eventRows.slice(offset, offset + INSERT_CHUNK)).updateEntity(false).execute();
      }
    }, { audited: true });
    events += unchainedRows.length;
    options.onProgress?.(Math.min(options.tickets, start + batchSize), options.tickets);
  }
  return { tickets: options.tickets, events };
}

function byTimeTicketSequence(a: UnchainedEventRow, b: UnchainedEventRow): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.ticketId !== b.ticketId) return a.ticketId < b.ticketId ? -1 : 1;
  return a.sequence - b.sequence;
}

/** Placeholders substituted into the template lifecycle (the machine is deterministic in them). */
const TEMPLATE = { ticketId: "00000000-0000-4000-8000-00000000t1d0", customerId: "00000000-0000-4000-8000-0000000c0570", index: "#IDX#" };
const templates = new Map<string, { snapshot: string; events: { type: string; fromState: string; toState: string; payload: string; at: string }[]; statePath: string }>();

/** Runs the real machine once per severity; later tickets reuse its output with their own ids and times. */
function templateFor(severity: "MINIMAL" | "MODERATE" | "CRITICAL") {
  const cached = templates.get(severity);
  if (cached) return cached;
  const at = (hour: number) => new Date(Date.UTC(2000, 0, 1, hour)).toISOString();
  const facts = {
    ticketId: TEMPLATE.ticketId,
    customerId: TEMPLATE.customerId,
    title: `Bulk ticket ${TEMPLATE.index}: mail delayed`,
    description: "External mail arrives hours late, generated by npm run seed.",
    category: "TECHNICAL" as const,
    product: "MICROSOFT_365" as const,
    severity,
    channel: "email",
    at: at(0),
    actor: ACTOR,
  };
  let { snapshot, statePath } = startTicket(facts);
  const { at: _at, actor: _actor, ...openPayload } = facts;
  const events = [{ type: "OPEN", fromState: "", toState: statePath, payload: canonicalJson(openPayload), at: at(0) }];
  LIFECYCLE.forEach((command, step) => {
    const event = { ...command, at: at(step + 1), actor: ACTOR } as unknown as TicketMachineEvent;
    const outcome = applyTicketEvent(snapshot, event);
    if (!outcome.ok) throw new Error(`Bulk lifecycle refused at ${String(command.type)}: ${outcome.refusal.message}`);
    const { type, at: eventAt, actor: _eventActor, ...payload } = event as unknown as Record<string, unknown>;
    events.push({ type: String(type), fromState: outcome.fromPath, toState: outcome.statePath, payload: canonicalJson(payload), at: String(eventAt) });
    snapshot = outcome.snapshot;
    statePath = outcome.statePath;
  });
  const template = { snapshot: JSON.stringify(snapshot), events, statePath };
  templates.set(severity, template);
  return template;
}

function buildTicket(index: number, openedMs: number, customerId: string, tickets: TicketEntity[], events: UnchainedEventRow[]): void {
  const severity = (["MINIMAL", "MODERATE", "CRITICAL"] as const)[index % 3]!;
  const template = templateFor(severity);
  const ticketId = newRowId();
  const times = new Map(template.events.map((event, step) => [event.at, new Date(openedMs + step * 3_600_000).toISOString()]));
  const substitute = (text: string): string => {
    let result = text.split(TEMPLATE.ticketId).join(ticketId).split(TEMPLATE.customerId).join(customerId).split(TEMPLATE.index).join(String(index + 1));
    for (const [from, to] of times) result = result.split(from).join(to);
    return result;
  };
  let head: ChainHead | null = null;
  for (const event of template.events) {
    const payload = JSON.parse(substitute(event.payload)) as Record<string, unknown>;
    const row = nextEventRow(ticketId, customerId, head, {
      type: event.type, fromState: event.fromState, toState: event.toState, actor: ACTOR, payload,
      at: new Date(times.get(event.at)!), machineVersion: TICKET_MACHINE_VERSION,
    });
    events.push(row);
    head = row;
  }
  const openedAt = times.get(template.events[0]!.at)!;
  const updatedAt = times.get(template.events[template.events.length - 1]!.at)!;
  tickets.push({
    id: ticketId, customerId, title: `Bulk ticket ${index + 1}: mail delayed`, description: "External mail arrives hours late, generated by npm run seed.",
    category: "TECHNICAL", product: "MICROSOFT_365", severity, channel: "email", state: template.statePath.split(".")[0]!, statePath: template.statePath,
    assigneeId: ACTOR.id, snapshot: JSON.parse(substitute(template.snapshot)) as object, machineVersion: TICKET_MACHINE_VERSION,
    version: BULK_EVENTS_PER_TICKET, idempotencyKey: null, requestFingerprint: null, createdBy: ACTOR.id,
    createdAt: new Date(openedAt), updatedAt: new Date(updatedAt),
  });
}
