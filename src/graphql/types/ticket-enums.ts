import { registerEnumType } from "type-graphql";
import {
  ESCALATION_CHANNELS,
  SERVICE_REQUEST_STATUSES,
  SEVERITIES,
  SUPPORT_VEHICLES,
  TICKET_CATEGORIES,
  TICKET_EVENT_TYPES,
} from "../../../machines";
import { TICKET_STATES } from "../../tickets/ticket-state";
import { enumObject } from "./enums";

export const TicketStateEnum = enumObject(TICKET_STATES);
registerEnumType(TicketStateEnum, { name: "TicketState", description: "A ticket's top-level workflow state." });

export const TicketCategoryEnum = enumObject(TICKET_CATEGORIES);
registerEnumType(TicketCategoryEnum, { name: "TicketCategory" });

export const SeverityEnum = enumObject(SEVERITIES);
registerEnumType(SeverityEnum, { name: "Severity", description: "Partner Center's service request severities." });

export const TicketEventTypeEnum = enumObject(TICKET_EVENT_TYPES);
registerEnumType(TicketEventTypeEnum, {
  name: "TicketEventType",
  description: "What happened to a ticket: an agent's command or a fact a gateway worker observed.",
});

export const SupportVehicleEnum = enumObject(SUPPORT_VEHICLES);
registerEnumType(SupportVehicleEnum, { name: "SupportVehicle" });

export const EscalationChannelEnum = enumObject(ESCALATION_CHANNELS);
registerEnumType(EscalationChannelEnum, { name: "EscalationChannel" });

export const ServiceRequestStatusEnum = enumObject(SERVICE_REQUEST_STATUSES);
registerEnumType(ServiceRequestStatusEnum, { name: "ServiceRequestStatus" });
