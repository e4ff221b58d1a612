import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import type { Severity } from "../../../machines";
import { connectionType } from "../types/connection.factory";
import { SeverityEnum } from "../types/ticket-enums";
import { ContactMethodKindEnum, SlaBreachKindEnum, SlaClockEnum, WeekdayEnum } from "../types/vocabulary.enums";
import type { SlaBreachKind } from "../../sla/sla-breach";
import type { ContactMethodKind, SlaClock, Weekday } from "../../sla/support-offering.schema";

@ObjectType({ description: "Time a ticket spent in one non-final state path (closed and cancelled are left out)." })
export class StateDuration {
  @Field(() => String, { description: 'State path, e.g. "escalated.withMicrosoft".', deprecationReason: "Use status." })
  state: string;

  @Field(() => Float, { description: "Wall-clock seconds." })
  seconds: number;

  @Field(() => Float, { description: "The part of seconds inside the offering's service hours (nights, weekends and holidays excluded)." })
  serviceSeconds: number;
}

@ObjectType({ description: "A missed SLA target, recorded once by the breach sweeper." })
export class SlaBreach {
  @Field(() => SlaBreachKindEnum)
  kind: SlaBreachKind;

  @Field(() => Date, { description: "The deadline that passed." })
  dueAt: Date;

  @Field(() => Date, { description: "When a sweep first recorded it (sweeps run at intervals)." })
  detectedAt: Date;

  @Field(() => ID, { description: "The ticket that missed the target." })
  ticketId: string;

  @Field(() => Int, { description: "The SLA policy version the target came from." })
  policyVersion: number;
}

export const SlaBreachConnection = connectionType("SlaBreach", SlaBreach);

@InputType({ description: "Which recorded breaches slaBreaches lists; all given conditions must match." })
export class SlaBreachFilter {
  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  ticketId?: string | null;

  @Field(() => [String], { nullable: true, description: "FIRST_RESPONSE and/or RESOLUTION; anything else is BAD_USER_INPUT." })
  kinds?: string[] | null;

  @Field(() => [SeverityEnum], { nullable: true })
  severities?: Severity[] | null;

  @Field(() => ID, { nullable: true, description: "The ticket's current assignee." })
  assigneeId?: string | null;

  @Field(() => Date, { nullable: true, description: "Deadline at or after (inclusive)." })
  dueFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: "Deadline before (exclusive)." })
  dueTo?: Date | null;
}

@ObjectType({ description: "A ticket's SLA, recomputed from its audit events and the service-hours calendar." })
export class TicketSla {
  @Field(() => Int, { description: "The SLA policy version in effect when the ticket was opened." })
  policyVersion: number;

  @Field(() => Date, { nullable: true })
  firstResponseDueAt: Date | null;

  @Field(() => Date, { nullable: true, description: "The first agent action after intake." })
  firstRespondedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "Null while the clock is paused (waiting on the customer or Microsoft)." })
  resolutionDueAt: Date | null;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;

  @Field(() => Boolean)
  breached: boolean;

  @Field(() => Date, { nullable: true, description: "When the first target was missed." })
  breachedAt: Date | null;

  @Field(() => Boolean)
  firstResponseBreached: boolean;

  @Field(() => Boolean)
  resolutionBreached: boolean;

  @Field(() => Boolean, { description: "The ticket is in a state the policy pauses." })
  clockPaused: boolean;

  @Field(() => Boolean, { description: "The ticket is resolved, closed or cancelled." })
  clockStopped: boolean;

  @Field(() => Float, { description: "Service-hours seconds counted towards resolution so far." })
  resolutionServiceSeconds: number;

  @Field(() => [StateDuration])
  timeInStates: StateDuration[];

  /** Not a field: lets the `breaches` resolver find the ticket's recorded breaches. */
  ticketId: string;
}

@ObjectType()
export class ServiceWindow {
  @Field(() => String, { description: "Local time HH:MM." })
  from: string;

  @Field(() => String, { description: "Local time HH:MM (24:00 = midnight)." })
  to: string;
}

@ObjectType()
export class WeekdayHours {
  @Field(() => WeekdayEnum)
  weekday: Weekday;

  @Field(() => [ServiceWindow])
  windows: ServiceWindow[];
}

@ObjectType()
export class Holiday {
  @Field(() => String, { description: "Local date YYYY-MM-DD." })
  date: string;

  @Field(() => String)
  name: string;
}

@ObjectType({ description: "When the desk is staffed, in its own time zone." })
export class ServiceHours {
  @Field(() => String, { description: "IANA time zone, e.g. Europe/Berlin." })
  timeZone: string;

  @Field(() => [WeekdayHours])
  weekly: WeekdayHours[];

  @Field(() => [Holiday])
  holidays: Holiday[];
}

@ObjectType()
export class ContactMethod {
  @Field(() => ContactMethodKindEnum)
  kind: ContactMethodKind;

  @Field(() => String)
  address: string;

  @Field(() => SlaClockEnum, { description: "SERVICE_HOURS or ALWAYS (24x7)." })
  availability: SlaClock;

  @Field(() => [SeverityEnum], { nullable: true, description: "Only for these severities (all when null)." })
  severities: Severity[] | null;
}

@ObjectType()
export class SupportPlan {
  @Field(() => String)
  name: string;

  @Field(() => String)
  description: string;

  @Field(() => String)
  priceText: string;

  @Field(() => [SeverityEnum])
  severities: Severity[];
}

@ObjectType()
export class SlaTargetType {
  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => Int)
  firstResponseMinutes: number;

  @Field(() => Int)
  resolutionMinutes: number;

  @Field(() => SlaClockEnum, { description: "SERVICE_HOURS or ALWAYS (24x7)." })
  clock: SlaClock;
}

@ObjectType({ description: "One version of the SLA policy; a ticket keeps the version in effect when it was opened." })
export class SlaPolicyType {
  @Field(() => Int)
  version: number;

  @Field(() => Date)
  effectiveFrom: Date;

  @Field(() => [String], { description: "State paths in which the resolution clock is paused." })
  pausedStates: string[];

  @Field(() => [SlaTargetType])
  targets: SlaTargetType[];
}

@ObjectType({ description: "What support the partner promises its customers." })
export class SupportOfferingType {
  @Field(() => String)
  partnerName: string;

  @Field(() => ServiceHours)
  serviceHours: ServiceHours;

  @Field(() => [ContactMethod])
  contactMethods: ContactMethod[];

  @Field(() => [SupportPlan])
  plans: SupportPlan[];

  @Field(() => [SlaPolicyType], { description: "Oldest first." })
  slaPolicies: SlaPolicyType[];
}
