import { createHash } from "node:crypto";
import type { CommunicationDetails, ContactProfile, SupportTicketDetails } from "@azure/arm-support";
import type { SupportTopic } from "../cloud-types";
import type { ServiceRequestDraft, ServiceRequestNote, ServiceRequestRecord, ServiceRequestSeverity, ServiceRequestState } from "../service-request.types";

/**
 * Pure mapping between the desk's channel-neutral service requests and the Azure Support API
 * (Microsoft.Support, api-version 2020-04-01 as @azure/arm-support 2.1.0 sends it).
 */

/** Azure severities (`KnownSeverityLevel`). `highestcriticalimpact` is for Premier/Unified contracts only. */
export type AzureSeverity = "minimal" | "moderate" | "critical" | "highestcriticalimpact";

/** MINIMAL / MODERATE / CRITICAL -> Azure; CRITICAL becomes `highestcriticalimpact` where the contract allows it. */
export function toAzureSeverity(severity: ServiceRequestSeverity, allowHighestCriticalImpact: boolean): AzureSeverity {
  switch (severity) {
    case "MINIMAL":
      return "minimal";
    case "MODERATE":
      return "moderate";
    case "CRITICAL":
      return allowHighestCriticalImpact ? "highestcriticalimpact" : "critical";
  }
}

export function fromAzureSeverity(value: string | undefined): ServiceRequestSeverity | null {
  switch ((value ?? "").toLowerCase()) {
    case "minimal":
      return "MINIMAL";
    case "moderate":
      return "MODERATE";
    case "critical":
    case "highestcriticalimpact":
      return "CRITICAL";
    default:
      return null;
  }
}

/**
 * Support topic ids of Azure problem classifications: `azure:{serviceName}:{problemClassificationName}`.
 * (ARM ids hold slashes, which ticket ids may not; both names are GUIDs in Microsoft's catalog.)
 */
export const AZURE_TOPIC_PREFIX = "azure:";

export const azureTopicId = (serviceName: string, problemClassificationName: string): string =>
  `${AZURE_TOPIC_PREFIX}${serviceName}:${problemClassificationName}`;

/** The ARM ids a topic id stands for, or null when it is not an Azure topic. */
export function parseAzureTopicId(topicId: string): { serviceId: string; problemClassificationId: string } | null {
  const match = /^azure:([A-Za-z0-9._-]+):([A-Za-z0-9._-]+)$/.exec(topicId);
  if (!match) return null;
  const serviceId = `/providers/Microsoft.Support/services/${match[1]}`;
  return { serviceId, problemClassificationId: `${serviceId}/problemClassifications/${match[2]}` };
}

/** One Azure service's problem classifications as support topics (product AZURE). */
export function toSupportTopics(
  service: { name?: string; displayName?: string },
  classifications: readonly { name?: string; displayName?: string }[],
): SupportTopic[] {
  if (!service.name) return [];
  const serviceName = service.displayName ?? service.name;
  return classifications
    .filter((item): item is { name: string; displayName?: string } => typeof item.name === "string" && item.name !== "")
    .map((item) => ({
      id: azureTopicId(service.name as string, item.name),
      name: `${serviceName} - ${item.displayName ?? item.name}`,
      description: `Azure Support: ${serviceName}`,
      product: "AZURE" as const,
    }));
}

/** Deterministic ARM resource name for a request id, so a repeated PUT addresses the same ticket or communication. */
export const resourceNameFor = (prefix: string, requestId: string): string =>
  `${prefix}-${createHash("sha256").update(requestId).digest("hex").slice(0, 32)}`;

/** Who the partner's desk is when it writes to Azure Support (from the partner's support offering). */
export interface AzureSupportContact {
  firstName: string;
  lastName: string;
  email: string;
  /** Microsoft time zone index name, e.g. "W. Europe Standard Time". */
  timeZone: string;
  /** ISO 3166-1 alpha-3, e.g. "DEU". */
  country: string;
  /** e.g. "en-us". */
  language: string;
}

/** The create body: title and description carry the reference; contact is the partner desk (agent name when known). */
export function toSupportTicketDetails(
  draft: ServiceRequestDraft,
  ids: { serviceId: string; problemClassificationId: string },
  contact: AzureSupportContact,
  allowHighestCriticalImpact: boolean,
): SupportTicketDetails {
  const [first, ...rest] = (draft.contact?.name ?? "").trim().split(/\s+/).filter(Boolean);
  const contactDetails: ContactProfile = {
    firstName: first ?? contact.firstName,
    lastName: rest.length > 0 ? rest.join(" ") : contact.lastName,
    preferredContactMethod: "email",
    primaryEmailAddress: draft.contact?.email ?? contact.email,
    preferredTimeZone: contact.timeZone,
    country: contact.country,
    preferredSupportLanguage: contact.language,
  };
  return {
    title: draft.title.slice(0, 200),
    description: draft.description.slice(0, 5000),
    serviceId: ids.serviceId,
    problemClassificationId: ids.problemClassificationId,
    severity: toAzureSeverity(draft.severity, allowHighestCriticalImpact),
    // Critical cases need round-the-clock answers from Microsoft.
    require24X7Response: draft.severity === "CRITICAL",
    contactDetails,
  };
}

const time = (value: Date | string | undefined): Date | null => {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/**
 * Communications oldest first. Direction is the customer's side of the ticket, as Microsoft's
 * examples show it: a message the customer (here the partner's desk) sends is `outbound`
 * (CreateSupportTicketCommunication answers `outbound` for "a test message from a customer"),
 * so `inbound` ones come from Microsoft support.
 */
export function toNotes(communications: readonly CommunicationDetails[]): ServiceRequestNote[] {
  return communications
    .map((item) => ({
      text: item.body ?? item.subject ?? "",
      author: directionAuthor(item.communicationDirection),
      createdAt: time(item.createdDate),
    }))
    .sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
}

function directionAuthor(direction: string | undefined): ServiceRequestNote["author"] {
  switch ((direction ?? "").toLowerCase()) {
    case "inbound":
      return "MICROSOFT";
    case "outbound":
      return "PARTNER";
    default:
      return "UNKNOWN";
  }
}

/**
 * Azure tickets are only `open` or `closed`; an open ticket whose newest communication is
 * Microsoft's is waiting for the partner, which is what ATTENTION_NEEDED means on Partner Center.
 */
export function toServiceRequestState(status: string | undefined, notes: readonly ServiceRequestNote[]): ServiceRequestState {
  const value = (status ?? "").toLowerCase();
  if (value === "closed") return "CLOSED";
  if (value !== "open") return "NONE";
  const latest = [...notes].reverse().find((note) => note.author !== "UNKNOWN");
  return latest?.author === "MICROSOFT" ? "ATTENTION_NEEDED" : "OPEN";
}

/** A ticket and its communications -> the desk's record; id = Azure's support ticket number (name when absent). */
export function toServiceRequestRecord(
  ticket: SupportTicketDetails,
  communications: readonly CommunicationDetails[],
  customerTenantId: string | null,
): ServiceRequestRecord | null {
  const id = ticket.supportTicketId ?? ticket.name;
  if (!id) return null;
  const notes = toNotes(communications);
  const updates = [time(ticket.modifiedDate), ...notes.map((note) => note.createdAt)].filter((value): value is Date => value !== null);
  return {
    id,
    status: toServiceRequestState(ticket.status, notes),
    title: ticket.title ?? "",
    description: ticket.description ?? "",
    severity: fromAzureSeverity(ticket.severity),
    customerTenantId,
    notes,
    createdAt: time(ticket.createdDate),
    lastUpdatedAt: updates.length === 0 ? null : new Date(Math.max(...updates.map((value) => value.getTime()))),
  };
}
