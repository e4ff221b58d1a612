import { Column, Entity, PrimaryColumn } from "typeorm";
import { isoTime, jsonText } from "../db/column-transformers";

/** Booleans as 0/1 integers: one column type on SQLite and PostgreSQL. */
const flag = { to: (value: boolean | undefined) => (value === undefined ? value : value ? 1 : 0), from: (value: number) => value === 1 };

/** A routing rule: which kinds, for which customers, at which minimum severity, go to which destinations. */
@Entity({ name: "alert_rule" })
export class AlertRuleEntity {
  @PrimaryColumn("varchar", { length: 64, primaryKeyConstraintName: "pk_alert_rule" })
  id: string;

  @Column("varchar", { length: 200 })
  name: string;

  /** Alert kinds (JSON array); empty = every kind. */
  @Column("text", { transformer: jsonText })
  kinds: string[];

  /** Destination names (JSON array), as declared in ALERT_RULES_FILE or the sandbox defaults. */
  @Column("text", { transformer: jsonText })
  destinations: string[];

  /** ALL, INCLUDE (only `customerIds`) or EXCLUDE (all but `customerIds`). */
  @Column("varchar", { name: "customer_scope", length: 16 })
  customerScope: "ALL" | "INCLUDE" | "EXCLUDE";

  @Column("text", { name: "customer_ids", transformer: jsonText })
  customerIds: string[];

  @Column("varchar", { name: "min_severity", length: 16 })
  minSeverity: string;

  @Column("integer", { transformer: flag })
  enabled: boolean;

  /** FILE (seeded from ALERT_RULES_FILE or the sandbox defaults) or API (GraphQL). */
  @Column("varchar", { length: 16 })
  source: "FILE" | "API";

  @Column("varchar", { name: "updated_by", length: 128 })
  updatedBy: string;

  @Column("varchar", { name: "updated_at", length: 30, transformer: isoTime })
  updatedAt: Date;
}
