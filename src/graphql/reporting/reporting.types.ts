import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import type { TicketEventType } from "../../../machines";
import { TicketEventTypeEnum } from "../types/ticket-enums";

@InputType({ description: "Audit event filters; all given ones must match." })
export class AuditFilter {
  @Field(() => ID, { nullable: true })
  ticketId?: string | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: "Agent id, or system:<component>." })
  actorId?: string | null;

  @Field(() => [TicketEventTypeEnum], { nullable: true })
  eventTypes?: TicketEventType[] | null;

  @Field(() => Date, { nullable: true, description: "Inclusive." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Exclusive." })
  to?: Date | null;
}

@ObjectType()
export class CountByKey {
  @Field(() => String)
  key: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "Nearest-rank median and 90th percentile of a duration, over the tickets that have it." })
export class DurationStatistics {
  @Field(() => Int)
  count: number;

  @Field(() => Float, { nullable: true })
  medianSeconds: number | null;

  @Field(() => Float, { nullable: true })
  p90Seconds: number | null;
}

@ObjectType()
export class StateTimeMedian {
  @Field(() => String)
  state: string;

  @Field(() => Float, { description: "Wall clock." })
  medianSeconds: number;

  @Field(() => Float, { description: "Median of the time inside the offering's service hours." })
  medianServiceSeconds: number;

  @Field(() => Int, { description: "Tickets that spent time in this state." })
  ticketCount: number;
}

@ObjectType({ description: "The metrics of one group of the tickets opened in the period (one agent, customer, severity or product)." })
export class TicketMetricsGroup {
  @Field(() => String, { description: "Agent id (UNASSIGNED for none), customer id, severity or product." })
  key: string;

  @Field(() => String, { nullable: true, description: "Agent display name or customer name, when known; null for severity and product." })
  label: string | null;

  @Field(() => Int)
  ticketCount: number;

  @Field(() => Int, { description: "Not closed or cancelled now." })
  openCount: number;

  @Field(() => Int, { description: "Tickets with a missed SLA target (as Ticket.sla.breached)." })
  breachCount: number;

  @Field(() => Float)
  breachRate: number;

  @Field(() => DurationStatistics)
  firstResponse: DurationStatistics;

  @Field(() => DurationStatistics)
  resolution: DurationStatistics;
}

@ObjectType({ description: "One local day of the desk (the offering's time zone)." })
export class TicketMetricsDay {
  @Field(() => String, { description: "Local date YYYY-MM-DD." })
  date: string;

  @Field(() => Date, { description: "The day's first instant." })
  start: Date;

  @Field(() => Date, { description: "The next day's first instant (exclusive)." })
  end: Date;

  @Field(() => Int, { description: "Tickets opened that day." })
  opened: number;

  @Field(() => Int, { description: "Tickets that entered closed or cancelled that day." })
  closed: number;

  @Field(() => Int, { description: "Tickets open at the end of the day (opened, not closed or cancelled), whenever they were opened." })
  backlog: number;

  @Field(() => Int, { description: "SLA targets missed that day (first response and resolution count separately)." })
  breaches: number;
}

@ObjectType({ description: "Lifecycle metrics of the tickets opened in a period (SLA as of now)." })
export class TicketMetrics {
  @Field(() => Date)
  from: Date;

  @Field(() => Date)
  to: Date;

  @Field(() => Int)
  ticketCount: number;

  @Field(() => [CountByKey], { description: "By current state (top-level machine state)." })
  byState: CountByKey[];

  @Field(() => [CountByKey])
  byCategory: CountByKey[];

  @Field(() => DurationStatistics, { description: "Open -> first agent action (wall clock)." })
  firstResponse: DurationStatistics;

  @Field(() => DurationStatistics, { description: "Open -> first time resolved (wall clock)." })
  resolution: DurationStatistics;

  @Field(() => Float, { description: "Tickets ever escalated / tickets." })
  escalationRate: number;

  @Field(() => Float, { description: "Tickets ever reopened / tickets ever resolved." })
  reopenRate: number;

  @Field(() => Int)
  breachCount: number;

  @Field(() => Float, { description: "Tickets with a missed SLA target / tickets." })
  breachRate: number;

  @Field(() => [StateTimeMedian], { description: "Non-final states only (closed and cancelled would measure the age of the data)." })
  timeInStateMedians: StateTimeMedian[];

  @Field(() => [TicketMetricsGroup], { description: "By current assignee (key UNASSIGNED for none)." })
  byAgent: TicketMetricsGroup[];

  @Field(() => [TicketMetricsGroup])
  byCustomer: TicketMetricsGroup[];

  @Field(() => [TicketMetricsGroup], { description: "By current severity." })
  bySeverity: TicketMetricsGroup[];

  @Field(() => [TicketMetricsGroup])
  byProduct: TicketMetricsGroup[];

  @Field(() => [TicketMetricsDay], {
    description: "Per local day overlapping [from, to): opened, closed, backlog and breaches over every ticket alive that day (not only those opened in the period).",
  })
  daily: TicketMetricsDay[];
}
