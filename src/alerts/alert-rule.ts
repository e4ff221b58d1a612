import { z } from "zod";
import { ALERT_KINDS, ALERT_SEVERITIES, meetsSeverity, type AlertKind, type AlertSeverity } from "./alert-kind";

/** A routing rule as the router reads it (stored in `alert_rule`). */
export interface AlertRule {
  readonly id: string;
  readonly name: string;
  /** Empty: every kind. */
  readonly kinds: readonly AlertKind[];
  readonly destinations: readonly string[];
  readonly customerScope: "ALL" | "INCLUDE" | "EXCLUDE";
  readonly customerIds: readonly string[];
  readonly minSeverity: AlertSeverity;
  readonly enabled: boolean;
}

/** The fields of a rule a file or a mutation sets (zod: the same checks for both). */
export const alertRuleInputSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1-64 letters, digits, _ . or -"),
    name: z.string().trim().min(1).max(200),
    kinds: z.array(z.enum(ALERT_KINDS)).max(ALERT_KINDS.length).default([]),
    destinations: z.array(z.string().min(1).max(128)).min(1).max(20),
    customerScope: z.enum(["ALL", "INCLUDE", "EXCLUDE"]).default("ALL"),
    customerIds: z.array(z.string().min(1).max(64)).max(1000).default([]),
    minSeverity: z.enum(ALERT_SEVERITIES).default("INFO"),
    enabled: z.boolean().default(true),
  })
  .strict()
  .refine((rule) => rule.customerScope === "ALL" || rule.customerIds.length > 0, { message: "INCLUDE and EXCLUDE need customerIds", path: ["customerIds"] });
export type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;

/** Whether `rule` routes an alert of this kind, severity and customer. */
export function ruleMatches(rule: AlertRule, alert: { kind: AlertKind; severity: AlertSeverity; customerId: string }): boolean {
  if (!rule.enabled) return false;
  if (rule.kinds.length > 0 && !rule.kinds.includes(alert.kind)) return false;
  if (!meetsSeverity(alert.severity, rule.minSeverity)) return false;
  if (rule.customerScope === "INCLUDE") return rule.customerIds.includes(alert.customerId);
  if (rule.customerScope === "EXCLUDE") return !rule.customerIds.includes(alert.customerId);
  return true;
}

/** The destinations an alert goes to: the union over matching rules, each once, in rule order. */
export function routeAlert(rules: readonly AlertRule[], alert: { kind: AlertKind; severity: AlertSeverity; customerId: string }): string[] {
  const names = new Set<string>();
  for (const rule of rules) if (ruleMatches(rule, alert)) for (const name of rule.destinations) names.add(name);
  return [...names];
}
