import {
  canonicalTicketSnapshot,
  replayTicketEvents,
  statePathOf,
  topLevelStateOf,
  TICKET_MACHINE_VERSION,
  TicketEventRefusedError,
  type PersistedTicketSnapshot,
  type TicketEvent,
} from "../../machines";
import type { AuditCheckpoint } from "./audit-checkpoint";
import { verifyGlobalChain } from "./audit-global-verifier";
import { verifyChain } from "./audit-hash";
import type { AuditPublicKey } from "./audit-signing-key";
import type { TicketStore } from "./ticket.store";
import type { StoredTicketEvent, TicketRecord } from "./ticket-store.types";
import type { AuditFinding, AuditFindingKind } from "./audit-finding";
export type { AuditFinding, AuditFindingKind } from "./audit-finding";

export interface AuditFailure {
  ticketId: string;
  /** The first event sequence that does not check out (0 when the ticket row itself is wrong). */
  sequence: number;
  reason: string;
}

export interface AuditReport {
  ticketsChecked: number;
  eventsChecked: number;
  /** The first finding. */
  failure: AuditFailure | null;
}

export interface AnchoredAuditReport extends AuditReport {
  /** Every finding, in the order found (per-ticket checks first, then the global chain). */
  findings: AuditFinding[];
  /** Length of the global chain; null when only one ticket was checked. */
  globalSequence: number | null;
  checkpointsChecked: number;
  /** True when checkpoint signatures were checked against a public key. */
  signaturesChecked: boolean;
}

export interface AnchoredAuditOptions {
  /** Check only this ticket (its chain, replay and row; no global checks). */
  readonly ticketId?: string;
  /** Checkpoints from an external copy, checked in addition to (and against) the stored ones. */
  readonly externalCheckpoints?: readonly AuditCheckpoint[];
  /** Keys checkpoints must be signed with; undefined: signatures are not checked. */
  readonly publicKeys?: readonly AuditPublicKey[];
  readonly onProgress?: (ticketsChecked: number) => void;
}

const PAGE = 500;

/** Rebuilds the machine event an audit row records (the row's columns plus its payload). */
export function machineEventOf(row: StoredTicketEvent): TicketEvent {
  return {
    ...row.payload,
    type: row.type,
    at: row.at.toISOString(),
    actor: row.actor,
  } as TicketEvent;
}

/**
 * Checks one ticket: its hash chain (sequence, links, hashes), that replaying its events
 * through the machine reproduces the stored snapshot and state, and that the row's served
 * columns (customer, title, description, severity, category, product, channel, assignee,
 * state, created/updated) are what the events say. Returns the first failure found.
 */
async function checkTicket(store: TicketStore, ticketId: string): Promise<{ events: number; findings: AuditFinding[] }> {
  const finding = (kind: AuditFindingKind, sequence: number, reason: string, globalSequence: number | null = null): AuditFinding => ({
    kind,
    ticketId,
    sequence,
    globalSequence,
    reason,
  });
  const ticket = await store.findById(ticketId);
  if (!ticket) return { events: 0, findings: [finding("DELETED", 0, "ticket row not found")] };
  const events = await store.allEvents(ticketId, PAGE);

  const chain = verifyChain(events);
  if (!chain.ok) return { events: events.length, findings: [finding("CHAIN", chain.sequence, chain.message)] };
  for (let index = 1; index < events.length; index++) {
    const [before, after] = [events[index - 1]!, events[index]!];
    if (before.globalSequence !== null && after.globalSequence !== null && after.globalSequence <= before.globalSequence) {
      return {
        events: events.length,
        findings: [finding("GLOBAL_CHAIN", after.sequence, `global sequence ${after.globalSequence} does not follow ${before.globalSequence} of sequence ${before.sequence}`, after.globalSequence)],
      };
    }
  }
  if (events.length !== ticket.version) {
    return { events: events.length, findings: [finding("TRUNCATED", events.length, `ticket version ${ticket.version} but ${events.length} audit events`)] };
  }
  const otherVersion = events.find((event) => event.machineVersion !== TICKET_MACHINE_VERSION);
  if (otherVersion) {
    return {
      events: events.length,
      findings: [
        finding(
          "REPLAY",
          otherVersion.sequence,
          `event made with machine version ${otherVersion.machineVersion}; this build replays version ${TICKET_MACHINE_VERSION} (migrate the ticket first)`,
        ),
      ],
    };
  }

  let replayed: PersistedTicketSnapshot;
  try {
    replayed = replayTicketEvents(events.map(machineEventOf));
  } catch (error) {
    const sequence = error instanceof TicketEventRefusedError ? (error.eventIndex ?? -1) + 1 : 0;
    return { events: events.length, findings: [finding("REPLAY", sequence, `replay refused: ${(error as Error).message}`)] };
  }
  const last = events.at(-1)?.sequence ?? 0;
  if (canonicalTicketSnapshot(replayed) !== canonicalTicketSnapshot(ticket.snapshot as PersistedTicketSnapshot)) {
    return { events: events.length, findings: [finding("REPLAY", last, "replayed snapshot differs from the stored snapshot")] };
  }
  if (statePathOf(replayed) !== ticket.statePath) {
    return { events: events.length, findings: [finding("REPLAY", last, `stored state ${ticket.statePath} but replay ends in ${statePathOf(replayed)}`)] };
  }
  const mismatches = servedColumnMismatches(ticket, replayed, events);
  return { events: events.length, findings: mismatches.map((reason) => finding("ROW", 0, reason)) };
}

/**
 * The ticket row's served columns that differ from the replay of its events: these are what
 * the API answers and what per-customer scoping checks, so they must follow from the history.
 */
export function servedColumnMismatches(ticket: TicketRecord, replayed: PersistedTicketSnapshot, events: readonly StoredTicketEvent[]): string[] {
  const context = replayed.context;
  const first = events[0];
  const last = events.at(-1);
  const expected: [column: string, stored: unknown, replay: unknown][] = [
    ["customer_id", ticket.customerId, context.customerId],
    ["title", ticket.title, context.title],
    ["description", ticket.description, context.description],
    ["severity", ticket.severity, context.severity],
    ["category", ticket.category, context.category],
    ["product", ticket.product, context.product],
    ["channel", ticket.channel, context.channel],
    ["assignee_id", ticket.assigneeId, context.assigneeId],
    ["state", ticket.state, topLevelStateOf(replayed)],
    ["created_by", ticket.createdBy, first?.actor.id],
    ["created_at", ticket.createdAt.toISOString(), first?.at.toISOString()],
    ["updated_at", ticket.updatedAt.toISOString(), last?.at.toISOString()],
  ];
  const mismatches = expected
    .filter(([, stored, replay]) => stored !== replay)
    .map(([column, stored, replay]) => `ticket row ${column} is ${JSON.stringify(stored)} but its events say ${JSON.stringify(replay)}`);
  const foreign = events.find((event) => event.customerId !== context.customerId);
  if (foreign) mismatches.push(`event ${foreign.sequence} is filed under customer ${foreign.customerId}, the ticket's OPEN under ${context.customerId}`);
  return mismatches;
}

/**
 * The full audit: every ticket (chain, replay, served columns), then the global chain (gap-free
 * sequence, links, head row, event times) and every checkpoint (signature, head hash, the tickets
 * it lists). Collects every finding instead of stopping at the first.
 */
export async function verifyAnchoredAuditTrail(store: TicketStore, options: AnchoredAuditOptions = {}): Promise<AnchoredAuditReport> {
  const report: AnchoredAuditReport = {
    ticketsChecked: 0,
    eventsChecked: 0,
    failure: null,
    findings: [],
    globalSequence: null,
    checkpointsChecked: 0,
    signaturesChecked: options.publicKeys !== undefined,
  };
  const ids = options.ticketId ? oneId(options.ticketId) : store.iterateTicketIds();
  for await (const ticketId of ids) {
    const result = await checkTicket(store, ticketId);
    report.ticketsChecked += 1;
    report.eventsChecked += result.events;
    report.findings.push(...result.findings);
    if (report.ticketsChecked % 1000 === 0) options.onProgress?.(report.ticketsChecked);
  }
  if (options.ticketId === undefined) {
    const global = await verifyGlobalChain(store, { externalCheckpoints: options.externalCheckpoints ?? [], publicKeys: options.publicKeys });
    report.globalSequence = global.globalSequence;
    report.checkpointsChecked = global.checkpointsChecked;
    report.findings.push(...global.findings);
  }
  const first = report.findings[0];
  report.failure = first === undefined ? null : { ticketId: first.ticketId ?? "(none)", sequence: first.sequence, reason: first.reason };
  return report;
}

async function* oneId(id: string): AsyncGenerator<string> {
  yield id;
}
