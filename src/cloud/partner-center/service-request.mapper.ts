import { parseEnumValue } from "../enum-value.mapper";
import type { ServiceRequestDraft, ServiceRequestNote, ServiceRequestRecord, ServiceRequestState } from "../service-request.types";
import { parsePartnerCenterDate } from "./partner-center-date.mapper";

/**
 * Partner Center's ServiceRequest as its responses spell it: camelCase (create 201, get by id,
 * update, list; developer docs "service-request-resources"). Request bodies in the docs are
 * PascalCase; `toCamelCaseKeys` makes both readable.
 */
export interface PartnerCenterServiceRequestContact {
  organization?: PartnerCenterServiceRequestOrganization | null;
  contactId?: string | null;
  lastName?: string | null;
  firstName?: string | null;
  email?: string | null;
  phoneNumber?: string | null;
}

export interface PartnerCenterServiceRequestOrganization {
  id?: string | null;
  name?: string | null;
  phoneNumber?: string | null;
}

/** A note: Microsoft sends no author id, only the author's display name. */
export interface PartnerCenterServiceRequestNote {
  createdByName?: string | null;
  createdDate?: string | null;
  text?: string | null;
}

export interface PartnerCenterServiceRequest {
  id?: string | number | null;
  title?: string | null;
  description?: string | null;
  /** `unknown|critical|moderate|minimal`, or its integer (0..3) as in the customer list example. */
  severity?: string | number | null;
  supportTopicId?: string | number | null;
  supportTopicName?: string | null;
  /** `none|open|closed|attention_needed`, or its integer (0..3). */
  status?: string | number | null;
  organization?: PartnerCenterServiceRequestOrganization | null;
  primaryContact?: PartnerCenterServiceRequestContact | null;
  lastUpdatedBy?: PartnerCenterServiceRequestContact | null;
  productName?: string | null;
  productId?: string | null;
  createdDate?: string | null;
  lastModifiedDate?: string | null;
  lastClosedDate?: string | null;
  notes?: PartnerCenterServiceRequestNote[] | null;
  countryCode?: string | null;
  attributes?: { objectType?: string } | null;
}

/** What the desk knows about its own side of a request, to tell its notes from Microsoft's. */
export interface NoteAuthorship {
  /** Texts the desk sent on this request (notes, the filed description). */
  sentTexts?: readonly string[];
  /** Display names of the partner's side (the agents filing and answering, a shared desk account). */
  partnerNames?: readonly string[];
}

/** Status in Partner Center's integer order. */
const STATUSES: readonly ServiceRequestState[] = ["NONE", "OPEN", "CLOSED", "ATTENTION_NEEDED"];
/** Severity in Partner Center's integer order; `unknown` has no domain value. */
const SEVERITIES = ["UNKNOWN", "CRITICAL", "MODERATE", "MINIMAL"] as const;

/** Status as a string in any casing (`attention_needed`, `AttentionNeeded`) or its integer; else NONE. */
export function mapServiceRequestStatus(value: unknown): ServiceRequestState {
  return parseEnumValue(value, STATUSES, "NONE", STATUSES);
}

function mapSeverity(value: unknown): ServiceRequestRecord["severity"] {
  const severity = parseEnumValue(value, SEVERITIES, "UNKNOWN", SEVERITIES);
  return severity === "UNKNOWN" ? null : severity;
}

/**
 * Lower-cases the first letter of every key, recursively, so a PascalCase body (the docs' request
 * examples, older SDK serialisations) reads like the camelCase responses.
 */
export function toCamelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCamelCaseKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key.charAt(0).toLowerCase() + key.slice(1), toCamelCaseKeys(inner)]),
  );
}

const squash = (text: string): string => text.replace(/\s+/g, " ").trim().toLowerCase();
const present = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

/** The names a contact may appear under in a note's `createdByName`. */
export function contactNames(contact: PartnerCenterServiceRequestContact | null | undefined): string[] {
  if (!contact) return [];
  const parts = [contact.firstName, contact.lastName].filter(present).map((part) => part.trim());
  return parts.length === 0 ? [] : [parts.join(" "), ...(parts.length === 2 ? [`${parts[1]} ${parts[0]}`] : [])];
}

/**
 * Who wrote a note. Partner Center sends only `createdByName`, so:
 * 1. PARTNER when its text is one the desk sent on this request, or its `createdByName` is one of
 *    the partner's names (the request's primary contact, which the desk files as, plus any
 *    configured desk names), compared case- and whitespace-insensitively;
 * 2. MICROSOFT when it has any other `createdByName` (an engineer);
 * 3. UNKNOWN when it names no author.
 */
export function noteAuthor(note: PartnerCenterServiceRequestNote, ours: NoteAuthorship): ServiceRequestNote["author"] {
  const text = present(note.text) ? squash(note.text) : "";
  if (text !== "" && (ours.sentTexts ?? []).some((sent) => squash(sent) === text)) return "PARTNER";
  if (!present(note.createdByName)) return "UNKNOWN";
  const name = squash(note.createdByName);
  return (ours.partnerNames ?? []).some((partner) => present(partner) && squash(partner) === name) ? "PARTNER" : "MICROSOFT";
}

/** Maps one upstream request (camelCase or PascalCase); null when it has no id. */
export function mapServiceRequest(input: unknown, ours: NoteAuthorship = {}): ServiceRequestRecord | null {
  const raw = toCamelCaseKeys(input) as PartnerCenterServiceRequest | null;
  if (!raw || typeof raw !== "object" || raw.id === undefined || raw.id === null || String(raw.id).trim() === "") return null;
  const authorship: NoteAuthorship = {
    sentTexts: ours.sentTexts ?? [],
    partnerNames: [...(ours.partnerNames ?? []), ...contactNames(raw.primaryContact)],
  };
  const notes: ServiceRequestNote[] = (Array.isArray(raw.notes) ? raw.notes : []).map((note) => ({
    text: note?.text ?? "",
    author: noteAuthor(note ?? {}, authorship),
    createdAt: parsePartnerCenterDate(note?.createdDate),
    createdByName: present(note?.createdByName) ? note.createdByName : null,
  }));
  return {
    id: String(raw.id),
    status: mapServiceRequestStatus(raw.status),
    title: raw.title ?? "",
    description: raw.description ?? "",
    severity: mapSeverity(raw.severity),
    customerTenantId: present(raw.organization?.id) ? raw.organization.id.toLowerCase() : null,
    notes,
    createdAt: parsePartnerCenterDate(raw.createdDate),
    lastUpdatedAt: parsePartnerCenterDate(raw.lastModifiedDate),
  };
}

/** A display name split the way Partner Center's contact holds it: the last word is the last name. */
export function splitDisplayName(displayName: string): { firstName: string | null; lastName: string | null } {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { firstName: null, lastName: null };
  if (words.length === 1) return { firstName: null, lastName: words[0]! };
  return { firstName: words.slice(0, -1).join(" "), lastName: words[words.length - 1]! };
}

/** Defaults for the contact when the draft lacks them (the partner desk's e-mail and phone). */
export interface ContactDefaults {
  email?: string | null;
  phoneNumber?: string | null;
}

/**
 * The create body of `POST /v1/servicerequests/{agent-locale}`, PascalCase as the docs' request
 * example: Title, Description, Severity, SupportTopicId are required; Organization names the
 * customer; PrimaryContact is a ServiceRequestContact (FirstName, LastName, Email, PhoneNumber).
 */
export function toPartnerCenterServiceRequest(draft: ServiceRequestDraft, defaults: ContactDefaults = {}): Record<string, unknown> {
  return {
    Title: draft.title,
    Description: draft.description,
    Severity: draft.severity.toLowerCase(),
    SupportTopicId: draft.supportTopicId,
    Organization: { Id: draft.customerTenantId, Name: draft.customerName },
    ...(draft.contact ? { PrimaryContact: toPartnerCenterContact(draft.contact, defaults) } : {}),
  };
}

function toPartnerCenterContact(contact: NonNullable<ServiceRequestDraft["contact"]>, defaults: ContactDefaults): Record<string, string> {
  const split = splitDisplayName(contact.name);
  const fields: Record<string, string | null | undefined> = {
    FirstName: contact.firstName ?? split.firstName,
    LastName: contact.lastName ?? split.lastName,
    Email: contact.email ?? defaults.email,
    PhoneNumber: contact.phoneNumber ?? defaults.phoneNumber,
  };
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => present(entry[1])));
}

/** The PATCH body that adds a note (update-a-service-request: only the changed fields). */
export const toNewNoteBody = (note: string): Record<string, unknown> => ({ NewNote: { Text: note } });

/**
 * Whether a refused create means "this API does not take service requests" (retired contract):
 * 404, 405 or 410, or 403 with Partner Center's "not supported" description. Then the agent files
 * through the portal instead of the worker retrying.
 */
export function isRetiredCreate(status: number, description: string): boolean {
  if (status === 404 || status === 405 || status === 410) return true;
  return status === 403 && /not supported|no longer supported|retired|decommissioned/i.test(description);
}
