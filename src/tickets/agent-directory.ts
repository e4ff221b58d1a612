import type { Agent } from "../auth/agent";

/**
 * The desk agents the gateway knows by id: the sandbox demo agents, plus every agent that has
 * authenticated since start. Used to name an assignee other than the caller.
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
}
