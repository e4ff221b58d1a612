import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import type { TicketEventType } from "../../../machines";
import { TicketEventTypeEnum } from "../../graphql/types/ticket-enums";

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

  @Field(() => Float)
  medianSeconds: number;

  @Field(() => Int, { description: "Tickets that spent time in this state." })
  ticketCount: number;
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

  @Field(() => [StateTimeMedian])
  timeInStateMedians: StateTimeMedian[];
}
