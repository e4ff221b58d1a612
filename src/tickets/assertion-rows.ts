import { toIsoTime } from "../db/iso-time";
import type { AssertionChange } from "./ticket-store.types";

/**
 * The `escalation_assertion` statement a transition runs inside its own transaction (both write
 * paths), written once with `$n` placeholders, each used once and in order.
 *
 * Keep: a stored sign-in that is still usable is replaced only by one that lasts at least as long,
 * so a token seconds from expiry can never push out a colleague's longer-lived one (ISO times
 * compare as text, see iso-time.ts).
 */
const KEEP_SQL = `INSERT INTO escalation_assertion (ticket_id, agent_id, assertion, expires_at, updated_at) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (ticket_id) DO UPDATE SET agent_id = excluded.agent_id, assertion = excluded.assertion,
    expires_at = excluded.expires_at, updated_at = excluded.updated_at
  WHERE escalation_assertion.expires_at <= excluded.updated_at OR excluded.expires_at >= escalation_assertion.expires_at`;
const DROP_SQL = `DELETE FROM escalation_assertion WHERE ticket_id = $1`;

/** The SQL and parameters of one assertion change for `ticketId`. */
export function assertionStatement(ticketId: string, change: AssertionChange): { sql: string; params: string[] } {
  if (change.kind === "drop") return { sql: DROP_SQL, params: [ticketId] };
  return { sql: KEEP_SQL, params: [ticketId, change.agentId, change.sealed, toIsoTime(change.expiresAt), toIsoTime(change.at)] };
}

/** better-sqlite3 binds positional `?`. */
export const sqlitePlaceholders = (sql: string): string => sql.replace(/\$\d+/g, "?");
