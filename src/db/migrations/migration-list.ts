import { InitialSchema1767225600000 } from "./initial-schema.migration";
import { TicketEventAppendOnly1767225600001 } from "./ticket-event-append-only.migration";
import { EscalationState1767225600200 } from "./escalation-state.migration";
import { SlaBreach1767225600600 } from "./sla-breach.migration";
import { AuditAnchor1767225600814 } from "./audit-anchor.migration";
import { CallerScopedState1767225601300 } from "./caller-scoped-state.migration";
import { ReadinessProbe1767225601400 } from "./readiness-probe.migration";
import { DeskList1767225601650 } from "./desk-list.migration";
import { Alerts1767225601800 } from "./alerts.migration";
import { AlertSourceCursor1767225601900 } from "./alert-source-cursor.migration";
import { TicketChainHead1767225602000 } from "./ticket-chain-head.migration";

/** Every migration, in order. Registered explicitly (no globs) so bundling and tests see the same list. */
export const migrations = [
  InitialSchema1767225600000,
  TicketEventAppendOnly1767225600001,
  EscalationState1767225600200,
  SlaBreach1767225600600,
  AuditAnchor1767225600814,
  CallerScopedState1767225601300,
  ReadinessProbe1767225601400,
  DeskList1767225601650,
  Alerts1767225601800,
  AlertSourceCursor1767225601900,
  TicketChainHead1767225602000,
];
