import { Column, Entity, PrimaryColumn } from "typeorm";
import { isoTime } from "./column-transformers";

/** The one row `/ready` writes (issue 14): a committed write proves the database takes writes. */
@Entity({ name: "readiness_probe" })
export class ReadinessProbeEntity {
  @PrimaryColumn("integer")
  id: number;

  @Column("varchar", { name: "probed_at", length: 30, transformer: isoTime })
  probedAt: Date;
}
