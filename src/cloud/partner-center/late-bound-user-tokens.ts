import type { UserTokenExchange } from "../auth/on-behalf-of.exchange";
import { noAgentSignIn } from "./support-topics.adapter";

/**
 * An on-behalf-of exchange that is bound after it is handed out: the composition root builds the
 * read adapters (support topics) before the service request desk that owns the exchange. Until
 * it is bound, calls refuse as "no sign-in at hand", so the topics fall back to the file.
 */
export class LateBoundUserTokens implements UserTokenExchange {
  private target: UserTokenExchange | undefined;

  bind(target: UserTokenExchange): void {
    this.target = target;
  }

  getToken(assertion: string, scope: string): Promise<string> {
    return this.target ? this.target.getToken(assertion, scope) : Promise.reject(noAgentSignIn());
  }

  /** The bound exchange belongs to its owner (the desk), which closes it. */
  async close(): Promise<void> {}
}
