import { createHash } from "node:crypto";

/**
 * The stored form of an `openTicket` idempotency key: SHA-256 over (agent, customer, key), so a
 * key never crosses callers or customers (another agent's key is simply unknown) and the key the
 * client sent is not stored.
 */
export function scopedIdempotencyKey(agentId: string, customerId: string, key: string): string {
  return createHash("sha256").update(`${agentId}\u0000${customerId}\u0000${key}`).digest("hex");
}
