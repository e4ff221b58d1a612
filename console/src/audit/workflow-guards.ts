/**
 * The guard of each transition, read from the workflow's Mermaid text, where an edge is drawn as
 * `from --> to : EVENT [guard]` (machines/ticket-diagram.mermaid.ts). Keyed by event and the
 * source state's node name; the API's transitions have no guard field yet.
 */
export function guardsFromMermaid(mermaid: string): Map<string, string> {
  const guards = new Map<string, string>();
  for (const match of mermaid.matchAll(/^\s*(\S+)\s+-->\s+\S+\s*:\s*([A-Z_]+)\s*\[([^\]]+)\]\s*$/gm)) {
    guards.set(`${match[2]}|${match[1]}`, match[3] as string);
  }
  return guards;
}

export const guardKey = (event: string, fromPath: string): string => `${event}|${fromPath.slice(fromPath.lastIndexOf(".") + 1)}`;
