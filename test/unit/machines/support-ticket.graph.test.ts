import { describe, expect, it } from "vitest";
import { adjacencyMapToArray, getAdjacencyMap, getShortestPaths, getSimplePaths } from "xstate/graph";
import type { SnapshotFrom } from "xstate";
import {
  ancestorPaths,
  describeWorkflow,
  replayTicketEvents,
  statePathOf,
  supportTicketMachine,
  TICKET_STATE_PATHS,
  type TicketEvent,
  type TicketMachineEvent,
  type TicketWorkflowTransition,
} from "../../../machines";
import { everyMachineEvent, openFacts } from "./ticket.factory";

type Snapshot = SnapshotFrom<typeof supportTicketMachine>;

function leafPath(snapshot: Snapshot): string {
  return statePathOf({ machineVersion: 1, status: "active", value: snapshot.value, context: snapshot.context });
}

// The context grows with every note; the walk abstracts it to what the guards look at, so the
// graph is finite and every guard outcome is a distinct vertex.
function serializeState(snapshot: Snapshot): string {
  const c = snapshot.context;
  return JSON.stringify([leafPath(snapshot), c.diagnosisNoteCount > 0, c.linkedIncidentIds, c.resolvedIncidentIds]);
}

const traversal = {
  input: openFacts(),
  events: () => everyMachineEvent(),
  filterEvents: (snapshot: Snapshot, event: TicketMachineEvent) => snapshot.can(event),
  serializeState,
};

const OPEN_EVENT: TicketEvent = { type: "OPEN", ...openFacts() };

function edgesOfGraph(): Array<{ from: Snapshot; event: TicketMachineEvent; to: Snapshot }> {
  return adjacencyMapToArray(getAdjacencyMap(supportTicketMachine, traversal)).map((edge) => ({
    from: edge.state,
    event: edge.event,
    to: edge.nextState,
  }));
}

/** The declared transition an observed step took: same event, declared on the state or an ancestor. */
function declaredTransitionOf(from: string, event: string, to: string): TicketWorkflowTransition | undefined {
  const declared = describeWorkflow().transitions.filter((t) => t.event === event);
  return ancestorPaths(from)
    .reverse()
    .flatMap((scope) => declared.filter((t) => t.from === scope))
    .find((t) => (t.to === t.from ? to === from : to === t.to || to.startsWith(`${t.to}.`)));
}

describe("supportTicketMachine graph", () => {
  const shortest = getShortestPaths(supportTicketMachine, traversal);

  it("reaches every state in TICKET_STATE_PATHS", () => {
    const reached = new Set(shortest.flatMap((path) => ancestorPaths(leafPath(path.state))));
    expect([...reached].sort()).toEqual([...TICKET_STATE_PATHS].sort());
  });

  it("exercises every declared transition", () => {
    const key = (t: TicketWorkflowTransition) => `${t.from} --${t.event}--> ${t.to}`;
    const taken = new Set<string>();
    for (const edge of edgesOfGraph()) {
      const declared = declaredTransitionOf(leafPath(edge.from), edge.event.type, leafPath(edge.to));
      expect(declared, `${leafPath(edge.from)} --${edge.event.type}--> ${leafPath(edge.to)}`).toBeDefined();
      if (declared) taken.add(key(declared));
    }
    expect([...taken].sort()).toEqual(describeWorkflow().transitions.map(key).sort());
  });

  it("replays each shortest path through the public API to the same state", () => {
    expect(shortest.length).toBeGreaterThanOrEqual(TICKET_STATE_PATHS.length - 1);
    for (const path of shortest) {
      const events = path.steps.slice(1).map((step) => step.event as TicketEvent);
      expect(statePathOf(replayTicketEvents([OPEN_EVENT, ...events]))).toBe(leafPath(path.state));
    }
  });

  it("takes every graph edge through applyTicketEvent after the shortest path to its source", () => {
    const pathTo = new Map(shortest.map((p) => [serializeState(p.state), p.steps.slice(1).map((s) => s.event)]));
    for (const edge of edgesOfGraph()) {
      const prefix = pathTo.get(serializeState(edge.from));
      expect(prefix, `no path to ${serializeState(edge.from)}`).toBeDefined();
      const history = [OPEN_EVENT, ...(prefix ?? []), edge.event] as TicketEvent[];
      expect(statePathOf(replayTicketEvents(history))).toBe(leafPath(edge.to));
    }
  });

  it("closes a ticket only after the customer confirmed a resolution", () => {
    const toClosed = getSimplePaths(supportTicketMachine, {
      ...traversal,
      toState: (snapshot) => snapshot.matches("closed"),
    });
    expect(toClosed.length).toBeGreaterThan(1);
    for (const path of toClosed) {
      const types = path.steps.map((step) => step.event.type);
      expect(types.at(-1)).toBe("CLOSE");
      expect(types.lastIndexOf("CONFIRM_RESOLUTION")).toBeGreaterThan(types.lastIndexOf("REOPEN"));
      expect(path.state.status).toBe("done");
    }
    // Some simple path closes a ticket that went through Microsoft.
    expect(toClosed.some((p) => p.steps.some((s) => s.event.type === "MICROSOFT_CLOSED"))).toBe(true);
  });
});
