/** What a finding says happened (README "Audit trail: threat model"). */
export type AuditFindingKind =
  /** A ticket's own hash chain does not recompute (an event edited in place). */
  | "CHAIN"
  /** The machine refuses the history, or the replay differs from the stored snapshot. */
  | "REPLAY"
  /** A served column of the ticket row differs from what its events say. */
  | "ROW"
  /** Events are missing from the end of a ticket's history. */
  | "TRUNCATED"
  /** A whole ticket (row and events) is gone, or global sequences are missing. */
  | "DELETED"
  /** Events or a ticket that the global chain or a checkpoint does not account for. */
  | "INSERTED"
  /** Event times run backwards against the global sequence or a checkpoint. */
  | "BACK_DATED"
  /** The global chain was recomputed: hashes no longer match a signed checkpoint. */
  | "RECHAINED"
  /** The global chain itself does not link up (or its head row disagrees). */
  | "GLOBAL_CHAIN"
  /** A checkpoint is forged, unverifiable, or missing from the database. */
  | "CHECKPOINT";

export interface AuditFinding {
  readonly kind: AuditFindingKind;
  /** The ticket concerned, or null when nothing names one (e.g. a gap in the global sequence). */
  readonly ticketId: string | null;
  /** The ticket's event sequence (0: the ticket as a whole). */
  readonly sequence: number;
  readonly globalSequence: number | null;
  readonly reason: string;
}
