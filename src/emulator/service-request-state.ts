import type { ApiResult } from "./api-errors";

/**
 * The emulator's Partner Center service request state (shared by the routes and the context).
 *
 * Partner Center's service request enums as the docs spell them (service-request-resources):
 * status `none|open|closed|attention_needed`, severity `unknown|critical|moderate|minimal`.
 */
export type EmulatorServiceRequestStatus = "none" | "open" | "closed" | "attention_needed";
export const SEVERITIES = ["minimal", "moderate", "critical"] as const;
/** Partner Center writes unset dates as this placeholder (e.g. `lastClosedDate` of an open request). */
export const UNSET_DATE = "0001-01-01T00:00:00";
/** The display name the emulator's Microsoft engineers sign their notes with. */
export const MICROSOFT_ENGINEER_NAME = "Microsoft Support Engineer";

/** ServiceRequestNote: Microsoft sends the author's display name only, no author id. */
export interface EmulatorServiceRequestNote {
  createdByName: string;
  createdDate: string;
  text: string;
}

/** ServiceRequestContact (the create body's PrimaryContact, answered camelCase). */
export interface EmulatorServiceRequestContact {
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
}

/** One filed request in Partner Center's camelCase ServiceRequest shape, plus what only the control API shows. */
export interface EmulatorServiceRequest {
  id: string;
  title: string;
  description: string;
  severity: string;
  supportTopicId: string;
  status: EmulatorServiceRequestStatus;
  organization: { id: string; name: string | null };
  primaryContact: EmulatorServiceRequestContact | null;
  productName: string | null;
  createdDate: string;
  lastModifiedDate: string;
  lastClosedDate: string;
  notes: EmulatorServiceRequestNote[];
  /** Control API only: the MS-RequestId the request was created with. */
  createdWithRequestId: string | null;
  /** Control API only: who created it (the user's object id from the App+User token, or "portal"). */
  createdBy: string;
}

/** Service requests held by the emulator, with the MS-RequestId replay cache for creates and notes. */
export interface EmulatorServiceRequests {
  items: EmulatorServiceRequest[];
  nextNumber: number;
  /** MS-RequestId -> the first successful answer (a repeat returns it again). */
  replays: Map<string, ApiResult>;
}

const FIRST_SERVICE_REQUEST_NUMBER = 2_501_000_001;

export function createServiceRequestState(): EmulatorServiceRequests {
  return { items: [], nextNumber: FIRST_SERVICE_REQUEST_NUMBER, replays: new Map() };
}
