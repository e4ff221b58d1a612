import {
  ESCALATION_CHANNELS,
  SERVICE_REQUEST_STATUSES,
  SEVERITIES,
  SUPPORT_VEHICLES,
  TICKET_CATEGORIES,
  TICKET_EVENT_TYPES,
} from "../../../machines";
import { TICKET_STATES } from "../../tickets/ticket-state";
import { graphqlEnum } from "./enums";

export const TicketStateEnum = graphqlEnum(TICKET_STATES, { name: "TicketState", description: "A ticket's top-level workflow state." });

export const TicketCategoryEnum = graphqlEnum(TICKET_CATEGORIES, { name: "TicketCategory" });

export const SeverityEnum = graphqlEnum(SEVERITIES, { name: "Severity", description: "Partner Center's service request severities." });

export const TicketEventTypeEnum = graphqlEnum(TICKET_EVENT_TYPES, {
  name: "TicketEventType",
  description: "What happened to a ticket: an agent's command or a fact a gateway worker observed.",
});

export const SupportVehicleEnum = graphqlEnum(SUPPORT_VEHICLES, { name: "SupportVehicle" });

export const EscalationChannelEnum = graphqlEnum(ESCALATION_CHANNELS, { name: "EscalationChannel" });

export const ServiceRequestStatusEnum = graphqlEnum(SERVICE_REQUEST_STATUSES, { name: "ServiceRequestStatus" });
