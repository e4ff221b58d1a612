import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { connectionType } from "../types/connection.factory";
import { graphqlEnum } from "../types/enums";
import { ALERT_KINDS, ALERT_SEVERITIES } from "../../alerts/alert-kind";

export const AlertKindEnum = graphqlEnum(ALERT_KINDS, { name: "AlertKind", description: "What an alert is about (schema/alert.v1.schema.json `kind`)." });
export const AlertSeverityEnum = graphqlEnum(ALERT_SEVERITIES, {
  name: "AlertSeverity",
  description: "INFO < WARNING < CRITICAL; every kind has one fixed severity.",
});
export const AlertChannelEnum = graphqlEnum(["WEBHOOK", "EMAIL", "TEAMS", "SLACK"], { name: "AlertChannel", description: "How a destination receives alerts." });
export const AlertDeliveryStatusEnum = graphqlEnum(["PENDING", "DELIVERED", "FAILED"], { name: "AlertDeliveryStatus" });
export const AlertCustomerScopeEnum = graphqlEnum(["ALL", "INCLUDE", "EXCLUDE"], {
  name: "AlertCustomerScope",
  description: "ALL customers, only INCLUDE-d ones, or all but EXCLUDE-d ones.",
});

@ObjectType({ description: "The ticket an alert is about." })
export class AlertTicket {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  title: string;

  @Field(() => String, { description: "The ticket's state path when the alert was raised." })
  state: string;
}

@ObjectType({ description: "One delivery of an alert to one destination (the delivery log)." })
export class AlertDelivery {
  @Field(() => String)
  destination: string;

  @Field(() => AlertChannelEnum)
  channel: string;

  @Field(() => AlertDeliveryStatusEnum)
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;
}

@ObjectType({ description: "An alert raised by the desk (issue 18), as in schema/alert.v1.schema.json." })
export class Alert {
  @Field(() => ID, { description: "Stable: the same occurrence always has this id (also the webhook-id)." })
  id: string;

  @Field(() => AlertKindEnum)
  kind: string;

  @Field(() => AlertSeverityEnum)
  severity: string;

  @Field(() => Date)
  occurredAt: Date;

  @Field(() => Date)
  raisedAt: Date;

  @Field(() => String)
  title: string;

  @Field(() => String)
  summary: string;

  @Field(() => ID)
  customerId: string;

  @Field(() => String, { nullable: true })
  customerName: string | null;

  @Field(() => AlertTicket, { nullable: true })
  ticket: AlertTicket | null;

  @Field(() => String, { description: "Where to act on it in the console." })
  link: string;

  @Field(() => String, { description: "The kind's details, as JSON text." })
  details: string;

  @Field(() => String, { description: "The whole alert.v1 payload, as JSON text (what webhooks receive)." })
  payload: string;

  @Field(() => String, { nullable: true })
  acknowledgedBy: string | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => [AlertDelivery])
  deliveries: AlertDelivery[];
}

export const AlertConnection = connectionType("Alert", Alert);
export type AlertConnection = InstanceType<typeof AlertConnection>;

@InputType({ description: "Filters for the alert feed; every given field must match." })
export class AlertFilter {
  @Field(() => [AlertKindEnum], { nullable: true })
  kinds?: string[] | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => Boolean, { nullable: true })
  acknowledged?: boolean | null;
}

@ObjectType({ description: "A routing rule: which kinds, for which customers, at which minimum severity, go to which destinations." })
export class AlertRule {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => [AlertKindEnum], { description: "Empty: every kind." })
  kinds: string[];

  @Field(() => [String])
  destinations: string[];

  @Field(() => AlertCustomerScopeEnum)
  customerScope: string;

  @Field(() => [ID])
  customerIds: string[];

  @Field(() => AlertSeverityEnum)
  minSeverity: string;

  @Field(() => Boolean)
  enabled: boolean;
}

@InputType({ description: "A rule to create or replace (by id)." })
export class AlertRuleInput {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => [AlertKindEnum], { nullable: true })
  kinds?: string[] | null;

  @Field(() => [String])
  destinations: string[];

  @Field(() => AlertCustomerScopeEnum, { nullable: true })
  customerScope?: string | null;

  @Field(() => [ID], { nullable: true })
  customerIds?: string[] | null;

  @Field(() => AlertSeverityEnum, { nullable: true })
  minSeverity?: string | null;

  @Field(() => Boolean, { nullable: true })
  enabled?: boolean | null;
}

@ObjectType({ description: "A configured destination (its secrets are never exposed)." })
export class AlertDestinationInfo {
  @Field(() => String)
  name: string;

  @Field(() => AlertChannelEnum)
  channel: string;
}

@ObjectType({ description: "The outcome of a test send to one destination." })
export class AlertTestResult {
  @Field(() => String)
  destination: string;

  @Field(() => Boolean)
  delivered: boolean;

  @Field(() => String, { nullable: true })
  error: string | null;

  @Field(() => String, { description: "The test payload's id." })
  alertId: string;
}
