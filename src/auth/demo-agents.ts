import type { Agent, AgentRole } from "./agent";

/** One demo agent per role for sandbox mode; `npm start` prints a token for each. */
export const DEMO_AGENTS: Readonly<Record<AgentRole, Agent>> = {
  ADMIN_AGENT: { id: "agent-ada", displayName: "Ada Admin", role: "ADMIN_AGENT" },
  HELPDESK_AGENT: { id: "agent-hugo", displayName: "Hugo Helpdesk", role: "HELPDESK_AGENT" },
  SALES_AGENT: { id: "agent-sam", displayName: "Sam Sales", role: "SALES_AGENT" },
  SUPPORT_LEAD: { id: "agent-lea", displayName: "Lea Lead", role: "SUPPORT_LEAD" },
};
