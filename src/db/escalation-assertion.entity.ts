import { Column, Entity, PrimaryColumn } from "typeorm";
import { isoTime } from "./column-transformers";

/**
 * The sealed access token of the agent on whose behalf a ticket's service request calls are made
 * (issue 13: AES-256-GCM, see src/escalation/assertion-cipher.ts). Written only with an accepted
 * transition (the ticket store), read and swept by the escalation workers. Never audited or logged.
 */
@Entity({ name: "escalation_assertion" })
export class EscalationAssertionEntity {
  @PrimaryColumn("varchar", { name: "ticket_id", length: 36 })
  ticketId: string;

  @Column("varchar", { name: "agent_id", length: 128 })
  agentId: string;

  /** The sealed blob (`a1.<keyId>.<...>`). */
  @Column("text")
  assertion: string;

  @Column("varchar", { name: "expires_at", length: 30, transformer: isoTime })
  expiresAt: Date;

  @Column("varchar", { name: "updated_at", length: 30, transformer: isoTime })
  updatedAt: Date;
}
