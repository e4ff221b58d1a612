import type { Agent } from "../auth/agent";
import { mayRun } from "../auth/access-matrix";

/**
 * The desk agents the gateway knows by id: the sandbox demo agents or a configured list, plus
 * every agent that has authenticated since start. Used to name an assignee other than the caller
 * and to offer the `agents` picker.
 */
export class AgentDirectory {
  private readonly agents = new Map<string, Agent>();

  constructor(initial: Iterable<Agent> = []) {
    for (const agent of initial) this.remember(agent);
  }

  remember(agent: Agent): void {
    this.agents.set(agent.id, agent);
  }

  find(id: string): Agent | undefined {
    return this.agents.get(id);
  }

  /** The agents who may work tickets, by display name (then id, for a stable order). */
  assignable(): Agent[] {
    return [...this.agents.values()]
      .filter((agent) => mayRun(agent.role, "Mutation.ticket"))
      .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
  }
}
