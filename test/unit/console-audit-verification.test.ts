import { describe, expect, it } from "vitest";
import { withCurrentState } from "../../console/src/audit/current-state";
import { eventHash, verifyHistory, type VerifiableEvent } from "../../console/src/audit/verify-history";
import { toMermaid } from "../../machines/ticket-diagram.mermaid";
import { describeWorkflow } from "../../machines";
import { computeEventHash } from "../../src/tickets/audit-hash";
import { initialScripts } from "../../scripts/console-budget";

/** Three events chained with the server's own hash function, as the API returns them. */
function chain(): VerifiableEvent[] {
  const actor = { id: "agent-hugo", displayName: "Hugo Helpdesk", role: "HELPDESK_AGENT" };
  const base = { ticketId: "t-1", customerId: "c-1", machineVersion: 1, actor };
  const steps = [
    { type: "OPEN", fromState: "", toState: "intake", payload: { title: "Mail delayed", channel: null, nested: { b: 2, a: [1, "x"] } } },
    { type: "START_DIAGNOSIS", fromState: "intake", toState: "diagnosis", payload: { assigneeId: "agent-hugo" } },
    { type: "ADD_DIAGNOSIS_NOTE", fromState: "diagnosis", toState: "diagnosis", payload: { note: "Checked \u00e9 the connector" } },
  ];
  const events: VerifiableEvent[] = [];
  let previous: string | null = null;
  steps.forEach((step, index) => {
    const event = { ...base, ...step, sequence: index + 1, at: new Date(Date.UTC(2026, 0, 1, 9, index)).toISOString() };
    const hash = computeEventHash(event, previous);
    events.push({ ...event, previousHash: previous, hash });
    previous = hash;
  });
  return events;
}

describe("the console's audit verification", () => {
  const transitions = describeWorkflow().transitions.map((t) => ({ event: t.event, from: t.from, to: t.to }));

  it("recomputes the server's event hashes exactly (WebCrypto vs node:crypto, same canonical JSON)", async () => {
    const events = chain();
    for (const event of events) expect(await eventHash(event, event.previousHash ?? null)).toBe(event.hash);
    const verdicts = await verifyHistory(events, transitions);
    expect(verdicts.every((verdict) => verdict.chain.ok && verdict.replay.ok)).toBe(true);
  });

  it("flags an edited payload, a dropped event and a step the machine does not allow", async () => {
    const edited = chain();
    edited[1] = { ...edited[1]!, payload: { assigneeId: "agent-eve" } };
    expect((await verifyHistory(edited, transitions)).map((verdict) => verdict.chain.ok)).toEqual([true, false, true]);

    const dropped = chain().filter((event) => event.sequence !== 2);
    const droppedVerdicts = await verifyHistory(dropped, transitions);
    expect(droppedVerdicts[1]?.chain.reason).toMatch(/sequence 3 after 1/);
    expect(droppedVerdicts[1]?.replay.ok).toBe(false);

    const jumped = chain();
    jumped[1] = { ...jumped[1]!, type: "CLOSE" };
    expect((await verifyHistory(jumped, transitions))[1]?.replay.reason).toMatch(/CLOSE does not lead from intake to diagnosis/);
  });
});

describe("the console's diagram helpers", () => {
  const states = describeWorkflow().states;

  it("marks the current state once, with the diagram's node id for nested states", () => {
    const diagram = toMermaid({ highlight: ["intake", "diagnosis", "escalated.withMicrosoft"] });
    const marked = withCurrentState(diagram, states, "escalated.withMicrosoft");
    expect(marked).toMatch(/\n {2}class withMicrosoft current\n$/);
    expect(withCurrentState(marked, states, "escalated.withMicrosoft")).toBe(marked);
    expect(withCurrentState(diagram, states, "no.such.state")).toBe(diagram);
  });
});

describe("console budget script", () => {
  it("counts the module scripts and modulepreloads of an HTML entry, not lazy chunks or styles", () => {
    const html = `<script type="module" crossorigin src="/assets/index-a.js"></script><link rel="modulepreload" crossorigin href="/assets/react-b.js"><link rel="stylesheet" href="/assets/index-c.css">`;
    expect(initialScripts(html)).toEqual(["/assets/index-a.js", "/assets/react-b.js"]);
    expect(initialScripts("<html></html>")).toEqual([]);
  });
});
