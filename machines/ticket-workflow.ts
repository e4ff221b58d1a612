import type { AnyStateNode } from "xstate";
import { supportTicketMachine, TICKET_MACHINE_VERSION } from "./support-ticket.machine";
import { isSystemEventType, TICKET_EVENT_TYPES, type TicketEventType } from "./ticket-event.types";

/** One edge of the workflow graph, as declared in the machine. */
export interface TicketWorkflowTransition {
  /** State path the transition is declared on (a compound state covers all its children). */
  from: string;
  event: TicketEventType;
  /** Declared target path; equal to `from` for a self-transition (context only, no state change). */
  to: string;
  /** Name of the guard in `setup`, or null. */
  guard: string | null;
  kind: "AGENT" | "SYSTEM";
  /**
   * The leaf state the ticket lands in: `to`, followed down through initial children
   * (ESCALATE targets `escalated` and lands in `escalated.filing`). Equal to `to` for a
   * self-transition declared on a compound state (the ticket stays in its current child).
   */
  landsIn: string;
  /** True when the transition changes context only (no target: the state stays as it is). */
  internal: boolean;
}

/** The workflow as data: what `ticketWorkflow` serves and what the diagram is drawn from. */
export interface TicketWorkflowDescription {
  version: number;
  /** Every state path, parents before children, in definition order. */
  states: string[];
  /** State paths that end the ticket. */
  finalStates: string[];
  /** For each compound state path, its initial child path; "" is the machine itself. */
  initialStates: Record<string, string>;
  events: TicketEventType[];
  transitions: TicketWorkflowTransition[];
}

function pathOf(node: AnyStateNode): string {
  return node.path.join(".");
}

function childrenOf(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states) as AnyStateNode[];
}

function walk(node: AnyStateNode, visit: (node: AnyStateNode) => void): void {
  for (const child of childrenOf(node)) {
    visit(child);
    walk(child, visit);
  }
}

function initialChildPath(node: AnyStateNode): string | null {
  const target = node.initial?.target?.[0] as AnyStateNode | undefined;
  return target ? pathOf(target) : null;
}

/** Follows initial children down to a leaf (a compound target is entered at its initial child). */
function leafOf(node: AnyStateNode): AnyStateNode {
  let current = node;
  for (let depth = 0; depth < 16; depth++) {
    const initial = current.initial?.target?.[0] as AnyStateNode | undefined;
    if (!initial) return current;
    current = initial;
  }
  return current;
}

function guardName(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === "string") return guard;
  const named = guard as { type?: unknown };
  return typeof named.type === "string" ? named.type : "inline";
}

function buildWorkflow(): TicketWorkflowDescription {
  const states: string[] = [];
  const finalStates: string[] = [];
  const initialStates: Record<string, string> = {};
  const transitions: TicketWorkflowTransition[] = [];
  const rootInitial = initialChildPath(supportTicketMachine.root as AnyStateNode);
  if (rootInitial) initialStates[""] = rootInitial;

  walk(supportTicketMachine.root as AnyStateNode, (node) => {
    const from = pathOf(node);
    states.push(from);
    if (node.type === "final") finalStates.push(from);
    const initial = initialChildPath(node);
    if (initial) initialStates[from] = initial;
    for (const [event, definitions] of node.transitions) {
      if (!(TICKET_EVENT_TYPES as readonly string[]).includes(event)) {
        throw new Error(`Machine handles unknown event type ${event}`);
      }
      const type = event as TicketEventType;
      for (const definition of definitions) {
        const target = definition.target?.[0] as AnyStateNode | undefined;
        transitions.push({
          from,
          event: type,
          to: target ? pathOf(target) : from,
          guard: guardName(definition.guard),
          kind: isSystemEventType(type) ? "SYSTEM" : "AGENT",
          landsIn: target ? pathOf(leafOf(target)) : from,
          internal: !target,
        });
      }
    }
  });

  return {
    version: TICKET_MACHINE_VERSION,
    states,
    finalStates,
    initialStates,
    events: [...TICKET_EVENT_TYPES],
    transitions,
  };
}

const WORKFLOW = buildWorkflow();

/**
 * The workflow derived from the machine definition (never hand-written), so the API, the
 * diagram and the tests cannot drift from what the machine does. Returns a fresh copy.
 */
export function describeWorkflow(): TicketWorkflowDescription {
  return structuredClone(WORKFLOW);
}

/** Every state path, e.g. "intake", "escalated", "escalated.withMicrosoft". */
export const TICKET_STATE_PATHS: readonly string[] = Object.freeze([...WORKFLOW.states]);

/** The top-level states, in definition order. */
export const TICKET_TOP_LEVEL_STATES: readonly string[] = Object.freeze(
  WORKFLOW.states.filter((path) => !path.includes(".")),
);

/** The paths from the root down to `path`: "escalated.filing" -> ["escalated", "escalated.filing"]. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split(".");
  return parts.map((_, index) => parts.slice(0, index + 1).join("."));
}

/** Transitions declared on `path` or any of its ancestors, innermost first (XState's priority). */
export function transitionsFrom(path: string): TicketWorkflowTransition[] {
  const chain = ancestorPaths(path).reverse();
  return chain.flatMap((from) => WORKFLOW.transitions.filter((t) => t.from === from));
}

/** "awaitingCustomer" -> "AWAITING_CUSTOMER", the GraphQL `TicketState` spelling. */
export function toTicketStateEnum(topLevelState: string): string {
  return topLevelState.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}
