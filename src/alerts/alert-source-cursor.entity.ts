import { Column, Entity, PrimaryColumn } from "typeorm";
import { isoTime } from "../db/column-transformers";

/**
 * How far a source of alerts has been processed (issue 18): for committed ticket events, the last
 * global sequence whose alerts are raised, so a restart derives the ones a crash lost after it.
 */
@Entity({ name: "alert_source_cursor" })
export class AlertSourceCursorEntity {
  @PrimaryColumn("varchar", { length: 48, primaryKeyConstraintName: "pk_alert_source_cursor" })
  source: string;

  @Column("integer")
  position: number;

  @Column("varchar", { name: "updated_at", length: 30, transformer: isoTime })
  updatedAt: Date;
}
