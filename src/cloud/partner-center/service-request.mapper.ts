import type { ServiceRequestDraft, ServiceRequestNote, ServiceRequestRecord, ServiceRequestState } from "../service-request.types";

/** Partner Center's ServiceRequest JSON (the fields the gateway reads). */
export interface PartnerCenterServiceRequest {
  Id?: string | number;
  Title?: string;
  Description?: string;
  Severity?: string | number;
  Status?: string | number;
  Organization?: { Id?: string } | null;
  Notes?: Array<{ Text?: string; CreatedByName?: string; CreatedBy?: string; CreatedDate?: string }> | null;
  CreatedDate?: string;
  LastUpdatedDate?: string;
}

const STATUSES: readonly ServiceRequestState[] = ["NONE", "OPEN", "CLOSED", "ATTENTION_NEEDED"];
const SEVERITIES = ["MINIMAL", "MODERATE", "CRITICAL"] as const;

/** Status as a string in any casing, or the integer of Partner Center's enum (none=0, open, closed, attention_needed). */
export function mapServiceRequestStatus(value: unknown): ServiceRequestState {
  if (typeof value === "number") return STATUSES[value] ?? "NONE";
  const key = String(value ?? "").replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
  return (STATUSES as readonly string[]).includes(key) ? (key as ServiceRequestState) : "NONE";
}

const dateOrNull = (value: unknown): Date | null => {
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** Maps one upstream request; null when it has no id. */
export function mapServiceRequest(raw: PartnerCenterServiceRequest): ServiceRequestRecord | null {
  if (raw.Id === undefined || raw.Id === null || String(raw.Id) === "") return null;
  const severity = String(raw.Severity ?? "").toUpperCase();
  const notes: ServiceRequestNote[] = (raw.Notes ?? []).map((note) => ({
    text: note.Text ?? "",
    author: /^microsoft$/i.test(note.CreatedBy ?? "") ? "MICROSOFT" : /^partner$/i.test(note.CreatedBy ?? "") ? "PARTNER" : "UNKNOWN",
    createdAt: dateOrNull(note.CreatedDate),
  }));
  return {
    id: String(raw.Id),
    status: mapServiceRequestStatus(raw.Status),
    title: raw.Title ?? "",
    description: raw.Description ?? "",
    severity: (SEVERITIES as readonly string[]).includes(severity) ? (severity as ServiceRequestRecord["severity"]) : null,
    customerTenantId: raw.Organization?.Id ?? null,
    notes,
    createdAt: dateOrNull(raw.CreatedDate),
    lastUpdatedAt: dateOrNull(raw.LastUpdatedDate),
  };
}

/** The create body of `POST /v1/servicerequests/{agent-locale}`. */
export function toPartnerCenterServiceRequest(draft: ServiceRequestDraft): Record<string, unknown> {
  return {
    Title: draft.title,
    Description: draft.description,
    Severity: draft.severity.toLowerCase(),
    SupportTopicId: draft.supportTopicId,
    Organization: { Id: draft.customerTenantId, Name: draft.customerName },
    ...(draft.contact ? { PrimaryContact: { Name: draft.contact.name, Email: draft.contact.email } } : {}),
  };
}

/**
 * Whether a refused create means "this API does not take service requests" (retired contract):
 * 404, 405 or 410, or 403 with Partner Center's "not supported" description. Then the agent files
 * through the portal instead of the worker retrying.
 */
export function isRetiredCreate(status: number, description: string): boolean {
  if (status === 404 || status === 405 || status === 410) return true;
  return status === 403 && /not supported|no longer supported|retired|decommissioned/i.test(description);
}
