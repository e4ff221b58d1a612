import { createActor, type AnyActorScope, type AnyStateMachine } from "xstate";
import { supportTicketMachine } from "./support-ticket.machine";

type MachineSnapshot = ReturnType<typeof supportTicketMachine.resolveState>;
type MachineInput = Parameters<typeof supportTicketMachine.getInitialSnapshot>[1];
type MachineEvent = Parameters<typeof supportTicketMachine.transition>[1];

/** An action the machine declared; collected, never executed here. */
export interface DeclaredAction {
  type: string;
  params?: unknown;
}

let scope: AnyActorScope | undefined;

/**
 * XState's pure `transition()` and `initialTransition()` build a throwaway actor, and with it the
 * machine's initial snapshot, on every call: most of the cost of a ticket transition. The ticket
 * machine spawns no children, schedules nothing and only has its actions collected, so one inert
 * scope serves every call. The results are the same; the functions stay pure.
 */
function inertScope(): AnyActorScope {
  if (scope === undefined) {
    // As xstate's own helper does: an actor that is never started, only lent as `self`.
    const self = createActor(supportTicketMachine as AnyStateMachine);
    const noop = () => undefined;
    scope = { self, system: self.system, id: "", sessionId: "", logger: noop, defer: noop, stopChild: noop, emit: noop, actionExecutor: noop } as unknown as AnyActorScope;
  }
  return scope;
}

function collecting<T>(run: (actorScope: AnyActorScope) => T): [T, DeclaredAction[]] {
  const actorScope = inertScope();
  const actions: DeclaredAction[] = [];
  actorScope.actionExecutor = (action) => void actions.push(action as DeclaredAction);
  try {
    return [run(actorScope), actions];
  } finally {
    actorScope.actionExecutor = () => undefined;
  }
}

/** The snapshot after `event`, and the actions it declared (like xstate's `transition`). */
export function transitionTicket(snapshot: MachineSnapshot, event: MachineEvent): [MachineSnapshot, DeclaredAction[]] {
  return collecting((actorScope) => supportTicketMachine.transition(snapshot, event, actorScope));
}

/** The first snapshot for `input`, and the actions it declared (like xstate's `initialTransition`). */
export function initialTicketTransition(input: MachineInput): [MachineSnapshot, DeclaredAction[]] {
  return collecting((actorScope) => supportTicketMachine.getInitialSnapshot(actorScope, input));
}
