import { Column, Entity, PrimaryColumn } from "typeorm";
import { isoTime } from "./column-transformers";

/** When the sync poller last read a ticket's Microsoft service request, and what it saw. */
@Entity({ name: "service_request_sync" })
export class ServiceRequestSyncEntity {
  @PrimaryColumn("varchar", { name: "ticket_id", length: 36 })
  ticketId: string;

  @Column("varchar", { name: "service_request_id", length: 32 })
  serviceRequestId: string;

  @Column("varchar", { name: "upstream_status", length: 32 })
  upstreamStatus: string;

  @Column("varchar", { name: "last_synced_at", length: 30, transformer: isoTime })
  lastSyncedAt: Date;

  @Column("text", { name: "last_error", nullable: true })
  lastError: string | null;
}
