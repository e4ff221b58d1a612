import type { Product } from "./cloud-types";

/**
 * Channel-neutral shapes of a service request filed with Microsoft (Partner Center today, Azure
 * Support later). Adapters map their upstream JSON into these in pure functions.
 */

export type ServiceRequestState = "NONE" | "OPEN" | "CLOSED" | "ATTENTION_NEEDED";
export type ServiceRequestSeverity = "MINIMAL" | "MODERATE" | "CRITICAL";

export interface ServiceRequestNote {
  text: string;
  /** MICROSOFT for Microsoft's engineers, PARTNER for the desk, UNKNOWN when upstream does not say. */
  author: "MICROSOFT" | "PARTNER" | "UNKNOWN";
  createdAt: Date | null;
  /** The name upstream shows as the note's author (Partner Center's `createdByName`), when it sends one. */
  createdByName?: string | null;
}

export interface ServiceRequestRecord {
  /** Microsoft's numeric request number. */
  id: string;
  status: ServiceRequestState;
  title: string;
  description: string;
  severity: ServiceRequestSeverity | null;
  customerTenantId: string | null;
  notes: ServiceRequestNote[];
  createdAt: Date | null;
  lastUpdatedAt: Date | null;
}

/** What the desk files: built from the ticket's escalation. */
export interface ServiceRequestDraft {
  customerTenantId: string;
  customerName: string | null;
  product: Product;
  title: string;
  /** Starts with the reference line that `findByReference` looks for. */
  description: string;
  severity: ServiceRequestSeverity;
  supportTopicId: string;
  /**
   * Who Microsoft should contact: the escalating agent. Partner Center's ServiceRequestContact has
   * FirstName / LastName / Email / PhoneNumber; `name` is the display name they came from.
   */
  contact: { name: string; email: string | null; firstName?: string | null; lastName?: string | null; phoneNumber?: string | null } | null;
  /**
   * Idempotency key of this filing (MS-RequestId on Partner Center): the same on every retry of
   * one escalation, so a repeated create returns the first request instead of a second one.
   */
  requestId: string;
}

/** The signed-in agent on whose behalf App+User calls are made (their access token). Never logged or stored in audit. */
export interface OnBehalfOf {
  assertion: string;
}

/** Result of a filing attempt; refusals other than "channel unavailable" are thrown as AppError. */
export type FileServiceRequestResult =
  | { outcome: "filed"; serviceRequest: ServiceRequestRecord }
  /** The channel does not take API filings (retired create): the agent files through the portal. */
  | { outcome: "unavailable"; reason: string };
