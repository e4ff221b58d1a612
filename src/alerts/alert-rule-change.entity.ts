import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { isoTime, jsonText } from "../db/column-transformers";

/** The audit of rule management: who changed which rule, how, and when (before and after). */
@Entity({ name: "alert_rule_change" })
@Index("ix_alert_rule_change_rule_id", ["ruleId"])
export class AlertRuleChangeEntity {
  @PrimaryColumn("varchar", { length: 36, primaryKeyConstraintName: "pk_alert_rule_change" })
  id: string;

  @Column("varchar", { name: "rule_id", length: 64 })
  ruleId: string;

  /** CREATED, UPDATED or DELETED. */
  @Column("varchar", { length: 16 })
  action: "CREATED" | "UPDATED" | "DELETED";

  @Column("varchar", { name: "agent_id", length: 128 })
  agentId: string;

  @Column("varchar", { name: "agent_role", length: 32 })
  agentRole: string;

  @Column("text", { nullable: true, transformer: jsonText })
  before: object | null;

  @Column("text", { nullable: true, transformer: jsonText })
  after: object | null;

  @Column("varchar", { length: 30, transformer: isoTime })
  at: Date;
}
