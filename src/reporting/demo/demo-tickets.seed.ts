import type { Logger } from "pino";
import type { Product, Severity, TicketCategory } from "../../../machines";
import { DEMO_AGENTS } from "../../auth/demo-agents";
import type { AgentDirectory } from "../../tickets/agent-directory";
import { TicketService, type AgentCommand, type CustomerGate } from "../../tickets/ticket.service";
import type { TicketStore } from "../../tickets/ticket.store";
import { scopedIdempotencyKey } from "../../tickets/idempotency-scope";

type Step = { afterMinutes: number; command?: AgentCommand; system?: { type: "MARK_FILED"; serviceRequestId: string } | { type: "MICROSOFT_CLOSED"; microsoftNote: string } };

/** Lifecycles the demo tickets follow (each ends in a different state). */
const STORIES: readonly { name: string; steps: readonly Step[] }[] = [
  { name: "waiting in intake", steps: [] },
  { name: "in diagnosis", steps: [{ afterMinutes: 50, command: { type: "START_DIAGNOSIS" } }, { afterMinutes: 30, command: { type: "ADD_DIAGNOSIS_NOTE", note: "Reproduced with a test account." } }] },
  {
    name: "waiting on the customer",
    steps: [{ afterMinutes: 20, command: { type: "START_DIAGNOSIS" } }, { afterMinutes: 60, command: { type: "REQUEST_CUSTOMER_INFO", question: "Which users are affected?" } }],
  },
  {
    name: "resolved quickly",
    steps: [
      { afterMinutes: 15, command: { type: "START_DIAGNOSIS" } },
      { afterMinutes: 90, command: { type: "PROPOSE_RESOLUTION", summary: "Reset the license assignment." } },
      { afterMinutes: 240, command: { type: "CONFIRM_RESOLUTION" } },
    ],
  },
  {
    name: "closed after a customer round-trip",
    steps: [
      { afterMinutes: 120, command: { type: "START_DIAGNOSIS" } },
      { afterMinutes: 30, command: { type: "REQUEST_CUSTOMER_INFO", question: "Can you send the error message?" } },
      { afterMinutes: 1_500, command: { type: "RECORD_CUSTOMER_REPLY", reply: "Error 0x80070005 when saving." } },
      { afterMinutes: 200, command: { type: "PROPOSE_RESOLUTION", summary: "Granted the missing permission." } },
      { afterMinutes: 600, command: { type: "CONFIRM_RESOLUTION" } },
      { afterMinutes: 2_880, command: { type: "CLOSE" } },
    ],
  },
  {
    name: "reopened and resolved again",
    steps: [
      { afterMinutes: 300, command: { type: "START_DIAGNOSIS" } },
      { afterMinutes: 400, command: { type: "PROPOSE_RESOLUTION", summary: "Restarted the sync service." } },
      { afterMinutes: 60, command: { type: "CONFIRM_RESOLUTION" } },
      { afterMinutes: 1_440, command: { type: "REOPEN", reason: "The problem came back overnight." } },
      { afterMinutes: 180, command: { type: "PROPOSE_RESOLUTION", summary: "Replaced the expired certificate." } },
      { afterMinutes: 120, command: { type: "CONFIRM_RESOLUTION" } },
    ],
  },
  {
    name: "escalated to Microsoft and resolved",
    steps: [
      { afterMinutes: 30, command: { type: "START_DIAGNOSIS" } },
      { afterMinutes: 60, command: { type: "ADD_DIAGNOSIS_NOTE", note: "Service-side error; tenant configuration is correct." } },
      { afterMinutes: 30, command: { type: "ESCALATE", vehicle: "COMMERCIAL", supportTopicId: "demo-topic", severity: null, description: null, entitledVehicles: [] } },
      { afterMinutes: 10, system: { type: "MARK_FILED", serviceRequestId: "2501010000000001" } },
      { afterMinutes: 2_000, system: { type: "MICROSOFT_CLOSED", microsoftNote: "Fixed on the service side." } },
      { afterMinutes: 120, command: { type: "CONFIRM_RESOLUTION" } },
    ],
  },
  { name: "cancelled", steps: [{ afterMinutes: 400, command: { type: "CANCEL", reason: "Duplicate of another ticket." } }] },
];

const SHAPES: readonly { category: TicketCategory; product: Product; severity: Severity; title: string }[] = [
  { category: "BILLING", product: "MICROSOFT_365", severity: "MINIMAL", title: "Invoice shows licenses twice" },
  { category: "SUBSCRIPTION_MANAGEMENT", product: "AZURE", severity: "MODERATE", title: "Cannot raise the subscription quota" },
  { category: "SUBSCRIPTION_MANAGEMENT", product: "DYNAMICS_365", severity: "MINIMAL", title: "Renewal date is wrong" },
  { category: "BILLING", product: "AZURE", severity: "CRITICAL", title: "Subscription disabled for non-payment" },
];

const keyOf = (index: number): string => `demo-seed:v1:${index}`;
const DEMO_SEED_AGENTS = [DEMO_AGENTS.HELPDESK_AGENT, DEMO_AGENTS.ADMIN_AGENT];

/**
 * Seeds a few dozen demo tickets (sandbox `npm start`), spread over the past weeks and over the
 * workflow's states, through the real TicketService with an injected clock, so every row is a
 * normal, hash-chained, replayable ticket. Runs once: each ticket's idempotency key marks it, so a
 * start interrupted half-way adds only the missing tickets next time.
 *
 * @returns the number of tickets created (0 when the demo data already exists)
 */
export async function seedDemoTickets(options: {
  store: TicketStore;
  agents: AgentDirectory;
  customers: CustomerGate;
  customerIds: readonly string[];
  now: Date;
  count?: number;
  log?: Logger;
}): Promise<number> {
  const count = options.count ?? 40;
  if (options.customerIds.length === 0) return 0;
  // Keys are stored scoped to the agent and customer that opened the ticket (issue 13), so the
  // look-up uses the same scoped form the service stores.
  const storedKeyOf = (index: number) =>
    scopedIdempotencyKey(DEMO_SEED_AGENTS[index % DEMO_SEED_AGENTS.length]!.id, options.customerIds[index % options.customerIds.length]!, keyOf(index));
  const exists = async (index: number) => (await options.store.findByIdempotencyKey(storedKeyOf(index))) !== null;
  if (await exists(count - 1)) return 0;
  let clockMs = 0;
  let created = 0;
  const service = new TicketService({
    store: options.store,
    entitlements: [],
    agents: options.agents,
    clock: () => new Date(clockMs),
  });
  const agents = DEMO_SEED_AGENTS;
  const spanMs = 28 * 86_400_000;
  // Every opening and step with its time, then written in time order across tickets: the global
  // audit sequence must run forward in time (audit:verify reports back-dated events).
  const actions: { atMs: number; index: number; step: number }[] = [];
  for (let index = 0; index < count; index++) {
    if (await exists(index)) continue;
    // Spread openings over four weeks, ending about five days ago so every story fits; vary the hour.
    let atMs = options.now.getTime() - spanMs - 5 * 86_400_000 + Math.floor((spanMs * index) / count) + ((index * 7) % 24) * 3_600_000;
    actions.push({ atMs, index, step: -1 });
    STORIES[index % STORIES.length]!.steps.forEach((step, number) => {
      atMs += step.afterMinutes * 60_000 + (index % 5) * 7 * 60_000;
      actions.push({ atMs, index, step: number });
    });
  }
  actions.sort((a, b) => a.atMs - b.atMs || a.index - b.index || a.step - b.step);
  const opened = new Map<number, { id: string; version: number }>();
  for (const action of actions) {
    const { index } = action;
    const story = STORIES[index % STORIES.length]!;
    const shape = SHAPES[index % SHAPES.length]!;
    const agent = agents[index % agents.length]!;
    clockMs = action.atMs;
    if (action.step === -1) {
      const ticket = await service.openTicket(
        agent,
        {
          customerId: options.customerIds[index % options.customerIds.length]!,
          title: `${shape.title} (${story.name})`,
          description: `Demo ticket ${index + 1}: ${story.name}.`,
          category: shape.category,
          product: shape.product,
          severity: shape.severity,
          channel: index % 3 === 0 ? "phone" : "email",
        },
        keyOf(index),
        options.customers,
      );
      opened.set(index, { id: ticket.id, version: ticket.version });
      created += 1;
      continue;
    }
    const ticket = opened.get(index)!;
    const step = story.steps[action.step]!;
    const updated = step.command
      ? await service.send(agent, ticket.id, ticket.version, step.command)
      : await service.applySystemEvent(ticket.id, ticket.version, {
          ...step.system!,
          at: new Date(clockMs).toISOString(),
          actor: { id: "system:demo-seed", displayName: "Demo data", role: "SYSTEM" },
        } as never);
    ticket.version = updated.version;
  }
  options.log?.info({ tickets: created }, "seeded demo tickets");
  return created;
}
