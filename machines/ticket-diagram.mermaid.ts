import type { PersistedTicketSnapshot } from "./ticket-snapshot";
import { statePathOf } from "./ticket-snapshot";
import { describeWorkflow, type TicketWorkflowTransition } from "./ticket-workflow";

/** How the diagram marks states. */
export interface TicketDiagramOptions {
  /** State paths to mark as visited (unknown paths are ignored). */
  highlight?: readonly string[];
  /** The state path the ticket is in now, marked on its own. */
  current?: string | null;
}

const VISITED_STYLE = "fill:#dbeafe,stroke:#1d4ed8,stroke-width:2px,color:#0b1f4d";
const CURRENT_STYLE = "fill:#fde68a,stroke:#b45309,stroke-width:3px,color:#451a03";

const STATE_IDS: ReadonlyMap<string, string> = (() => {
  const states = describeWorkflow().states;
  const nameOf = (path: string) => path.slice(path.lastIndexOf(".") + 1);
  const clashes = (path: string) => states.filter((other) => nameOf(other) === nameOf(path)).length > 1;
  // Mermaid ids are global and its `state "x" as id` aliases break inside composites, so a state
  // is drawn under its own name unless another state shares it.
  return new Map(states.map((path) => [path, clashes(path) ? path.replace(/\./g, "_") : nameOf(path)]));
})();

/** The Mermaid node id of a state path (its own name, e.g. "withMicrosoft", unless ambiguous). */
export function mermaidStateId(path: string): string {
  return STATE_IDS.get(path) ?? path.replace(/\./g, "_");
}

const idOf = mermaidStateId;

function parentOf(path: string): string {
  const at = path.lastIndexOf(".");
  return at < 0 ? "" : path.slice(0, at);
}

function isInside(path: string, container: string): boolean {
  return container === "" || path.startsWith(`${container}.`);
}

/** The innermost compound state holding both ends of an edge ("" for the top level). */
function edgeScope(t: TicketWorkflowTransition): string {
  let scope = parentOf(t.from);
  while (scope !== "" && !(isInside(t.to, scope) && isInside(t.from, scope))) scope = parentOf(scope);
  return scope;
}

function edgeLine(t: TicketWorkflowTransition): string {
  const guard = t.guard && t.guard !== "validEvent" ? ` [${t.guard}]` : "";
  return `${idOf(t.from)} --> ${idOf(t.to)} : ${t.event}${guard}`;
}

/**
 * The workflow as a Mermaid `stateDiagram-v2`, drawn from `describeWorkflow()`. Output depends
 * only on the machine and the options, so the committed `support-ticket.mmd` can be checked.
 */
export function toMermaid(options: TicketDiagramOptions = {}): string {
  const workflow = describeWorkflow();
  const children = (scope: string) => workflow.states.filter((path) => parentOf(path) === scope);
  const compound = new Set(Object.keys(workflow.initialStates));

  const block = (scope: string, indent: string): string[] => {
    const lines: string[] = [];
    const initial = workflow.initialStates[scope];
    if (initial) lines.push(`${indent}[*] --> ${idOf(initial)}`);
    for (const path of children(scope)) {
      if (!compound.has(path)) continue;
      lines.push(`${indent}state ${idOf(path)} {`, ...block(path, `${indent}  `), `${indent}}`);
    }
    lines.push(...workflow.transitions.filter((t) => edgeScope(t) === scope).map((t) => indent + edgeLine(t)));
    for (const path of workflow.finalStates) {
      if (parentOf(path) === scope) lines.push(`${indent}${idOf(path)} --> [*]`);
    }
    return lines;
  };

  const lines = ["stateDiagram-v2", ...block("", "  ")];
  const known = new Set(workflow.states);
  const visited = workflow.states.filter((path) => options.highlight?.includes(path));
  const current = options.current && known.has(options.current) ? options.current : null;
  if (visited.length > 0 || current) {
    lines.push(`  classDef visited ${VISITED_STYLE}`, `  classDef current ${CURRENT_STYLE}`);
    const marked = visited.filter((path) => path !== current);
    if (marked.length > 0) lines.push(`  class ${marked.map(idOf).join(",")} visited`);
    if (current) lines.push(`  class ${idOf(current)} current`);
  }
  return `${lines.join("\n")}\n`;
}

/** `Ticket.diagram`: the workflow with the states this ticket passed through highlighted. */
export function ticketDiagram(snapshot: PersistedTicketSnapshot): string {
  return toMermaid({ highlight: snapshot.context.visitedStates, current: statePathOf(snapshot) });
}
