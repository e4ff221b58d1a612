/** Every kind of alert the desk raises (payload `kind`, rule `kinds`). */
export const ALERT_KINDS = [
  "SLA_BREACHED",
  "SLA_AT_RISK",
  "MICROSOFT_ACTION_REQUIRED",
  "FILING_FAILED",
  "AWAITING_PORTAL_FILING",
  "ESCALATION_CLOSED_BY_MICROSOFT",
  "CUSTOMER_REPLIED",
  "MICROSOFT_INCIDENT_STARTED",
  "MICROSOFT_INCIDENT_RESOLVED",
  "DELEGATED_ACCESS_EXPIRING",
  "DELEGATED_ACCESS_EXPIRED",
  "DELEGATED_ACCESS_TERMINATED",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Lowest first: a rule's minimum severity lets through its own level and every higher one. */
export const ALERT_SEVERITIES = ["INFO", "WARNING", "CRITICAL"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Each kind's fixed severity (one place, so rules and payloads agree). */
export const ALERT_SEVERITY: Record<AlertKind, AlertSeverity> = {
  SLA_BREACHED: "CRITICAL",
  SLA_AT_RISK: "WARNING",
  MICROSOFT_ACTION_REQUIRED: "WARNING",
  FILING_FAILED: "CRITICAL",
  AWAITING_PORTAL_FILING: "WARNING",
  ESCALATION_CLOSED_BY_MICROSOFT: "INFO",
  CUSTOMER_REPLIED: "INFO",
  MICROSOFT_INCIDENT_STARTED: "WARNING",
  MICROSOFT_INCIDENT_RESOLVED: "INFO",
  DELEGATED_ACCESS_EXPIRING: "WARNING",
  DELEGATED_ACCESS_EXPIRED: "CRITICAL",
  DELEGATED_ACCESS_TERMINATED: "CRITICAL",
};

/** A headline per kind, for mail subjects and chat cards. */
export const ALERT_HEADLINE: Record<AlertKind, string> = {
  SLA_BREACHED: "SLA breached",
  SLA_AT_RISK: "SLA at risk",
  MICROSOFT_ACTION_REQUIRED: "Microsoft needs an answer",
  FILING_FAILED: "Filing with Microsoft failed",
  AWAITING_PORTAL_FILING: "Escalation waits for a portal filing",
  ESCALATION_CLOSED_BY_MICROSOFT: "Microsoft closed the escalation",
  CUSTOMER_REPLIED: "Customer replied",
  MICROSOFT_INCIDENT_STARTED: "Microsoft incident started",
  MICROSOFT_INCIDENT_RESOLVED: "Microsoft incident resolved",
  DELEGATED_ACCESS_EXPIRING: "Delegated access expires soon",
  DELEGATED_ACCESS_EXPIRED: "Delegated access expired",
  DELEGATED_ACCESS_TERMINATED: "Delegated access terminated",
};

/** Whether `severity` is at least `minimum`. */
export const meetsSeverity = (severity: AlertSeverity, minimum: AlertSeverity): boolean =>
  ALERT_SEVERITIES.indexOf(severity) >= ALERT_SEVERITIES.indexOf(minimum);
