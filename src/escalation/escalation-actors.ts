import type { TicketActor } from "../../machines";

/** The filing worker, as it appears in the audit trail. */
export const OUTBOX_ACTOR: TicketActor = { id: "system:escalation-outbox", displayName: "Escalation outbox", role: "SYSTEM" };

/** The status sync poller, as it appears in the audit trail. */
export const SYNC_ACTOR: TicketActor = { id: "system:escalation-sync", displayName: "Escalation sync", role: "SYSTEM" };
