import { AlertDeliveryEntity } from "../alerts/alert-delivery.entity";
import { AlertRuleChangeEntity } from "../alerts/alert-rule-change.entity";
import { AlertRuleEntity } from "../alerts/alert-rule.entity";
import { AlertSourceCursorEntity } from "../alerts/alert-source-cursor.entity";
import { AlertEntity } from "../alerts/alert.entity";
import { AuditCheckpointEntity } from "./audit-checkpoint.entity";
import { AuditHeadEntity } from "./audit-head.entity";
import { EscalationAssertionEntity } from "./escalation-assertion.entity";
import { OutboxJobEntity } from "./outbox-job.entity";
import { ReadinessProbeEntity } from "./readiness-probe.entity";
import { ServiceRequestSyncEntity } from "./service-request-sync.entity";
import { TicketEventEntity } from "./ticket-event.entity";
import { TicketSlaBreachEntity } from "./ticket-sla-breach.entity";
import { TicketEntity } from "./ticket.entity";
import { TicketSlaDueEntity } from "../sla/ticket-sla-due.entity";

/** Every table the gateway persists, one entity each (the migrations create them). */
export const entities = [
  TicketEntity,
  TicketEventEntity,
  OutboxJobEntity,
  AuditHeadEntity,
  AuditCheckpointEntity,
  EscalationAssertionEntity,
  ServiceRequestSyncEntity,
  TicketSlaBreachEntity,
  ReadinessProbeEntity,
  TicketSlaDueEntity,
  AlertEntity,
  AlertDeliveryEntity,
  AlertRuleEntity,
  AlertRuleChangeEntity,
  AlertSourceCursorEntity,
];
