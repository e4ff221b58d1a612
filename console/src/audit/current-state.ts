/**
 * Marks the ticket's current state in its diagram when the server's text does not (Ticket.diagram
 * highlights the visited states; the `current` class is declared but today not applied). Node ids
 * follow machines/ticket-diagram.mermaid.ts: a state's own name unless another state shares it,
 * then its path with "_" for ".".
 */
export function withCurrentState(diagram: string, states: readonly string[], current: string): string {
  if (/^\s*class\s+\S+\s+current\s*$/m.test(diagram) || !states.includes(current)) return diagram;
  const nameOf = (path: string) => path.slice(path.lastIndexOf(".") + 1);
  const clashes = states.filter((other) => nameOf(other) === nameOf(current)).length > 1;
  const id = clashes ? current.replace(/\./g, "_") : nameOf(current);
  const declared = /classDef current /.test(diagram) ? "" : "  classDef current fill:#fde68a,stroke:#b45309,stroke-width:3px,color:#451a03\n";
  return `${diagram.replace(/\n*$/, "\n")}${declared}  class ${id} current\n`;
}
