import { decodeJwt } from "jose";
import type { Agent } from "../auth/agent";
import type { SealedAssertion } from "../tickets/ticket-store.types";
import { AssertionCipher, loadOrCreateSandboxAssertionKey } from "./assertion-cipher";

/** Used when a token carries no `exp` (it should): keep it at most this long. */
const FALLBACK_LIFETIME_MS = 60 * 60 * 1000;
/** Longest an assertion is kept, whatever its `exp` says (Entra ID access tokens live 60-90 minutes). */
const MAX_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Seals and opens the access token of the agent who escalated (or answers Microsoft on) a ticket,
 * so the background worker can call Partner Center on their behalf (App+User via on-behalf-of).
 * The ticket service stores what `seal` returns in the same transaction as the accepted
 * transition (never before it, never for another ticket); the token is encrypted at rest, bound
 * to its ticket and agent, and never written to the audit trail or logs.
 */
export class AssertionVault {
  constructor(
    private readonly cipher: AssertionCipher,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The sealed token with its expiry; null when there is nothing usable to keep (absent, not a JWT, expired). */
  seal(ticketId: string, agent: Agent, assertion: string | undefined): SealedAssertion | null {
    if (!assertion) return null;
    const now = this.clock().getTime();
    let expiresAt = now + FALLBACK_LIFETIME_MS;
    try {
      const exp = decodeJwt(assertion).exp;
      if (typeof exp === "number") expiresAt = Math.min(exp * 1000, now + MAX_LIFETIME_MS);
    } catch {
      return null; // not a JWT: nothing a token endpoint would accept
    }
    if (expiresAt <= now) return null;
    return { agentId: agent.id, sealed: this.cipher.seal(assertion, bindingOf(ticketId, agent.id)), expiresAt: new Date(expiresAt) };
  }

  /** The token of a stored row, or null when it cannot be opened (retired key, moved or altered row). */
  open(ticketId: string, agentId: string, sealed: string): string | null {
    return this.cipher.open(sealed, bindingOf(ticketId, agentId));
  }

  /** Key ids whose blobs can still be opened. */
  get keyIds(): string[] {
    return this.cipher.keyIds;
  }
}

const bindingOf = (ticketId: string, agentId: string): string => `escalation_assertion\u0000${ticketId}\u0000${agentId}`;

/** The vault of a gateway: the configured key ring, or in sandbox mode the key kept in DATA_DIR. */
export function createAssertionVault(keys: readonly Buffer[] | null, dataDir: string): AssertionVault {
  return new AssertionVault(new AssertionCipher(keys ?? [loadOrCreateSandboxAssertionKey(dataDir)]));
}
