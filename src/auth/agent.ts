/** The four desk roles (CONTRACT.md "Auth"); Entra app roles carry the same names. */
export const AGENT_ROLES = ["ADMIN_AGENT", "HELPDESK_AGENT", "SALES_AGENT", "SUPPORT_LEAD"] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const isAgentRole = (value: unknown): value is AgentRole =>
  typeof value === "string" && (AGENT_ROLES as readonly string[]).includes(value);

/** Who is calling: an authenticated desk agent. */
export interface Agent {
  id: string;
  displayName: string;
  role: AgentRole;
}
