import { Field, ID, Int, ObjectType } from "type-graphql";
import type {
  DelegatedAccessStatus,
  IncidentClassification,
  Product,
  ServiceHealthStatus,
  SubscriptionStatus,
} from "../../cloud/cloud-types";
import {
  DelegatedAccessStatusEnum,
  IncidentClassificationEnum,
  ProductEnum,
  ServiceHealthStatusEnum,
  SubscriptionStatusEnum,
} from "./enums";
import { connectionType, type ConnectionShape } from "./connection.factory";
import { IncidentPostTypeEnum, type IncidentPostType } from "./vocabulary.enums";

@ObjectType({ description: "A customer tenant of the partner. Its id is the customer's tenant id." })
export class Customer {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  defaultDomain: string | null;
}

@ObjectType({ description: "The partner's GDAP (granular delegated admin) access to a customer tenant." })
export class DelegatedAccess {
  @Field(() => DelegatedAccessStatusEnum)
  status: DelegatedAccessStatus;

  @Field(() => [String], { description: "Entra role template ids granted by the relationship." })
  roles: string[];

  @Field(() => Date, { nullable: true })
  endsAt: Date | null;
}

@ObjectType({ description: "A Microsoft subscription of the customer (named so it never clashes with the root Subscription type)." })
export class CustomerSubscription {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  offerName: string;

  @Field(() => String, { nullable: true })
  friendlyName: string | null;

  @Field(() => Int)
  quantity: number;

  @Field(() => SubscriptionStatusEnum)
  status: SubscriptionStatus;

  @Field(() => ProductEnum)
  product: Product;

  @Field(() => String, {
    nullable: true,
    description: "Partner Center's billing cycle in lower case, e.g. monthly.",
    deprecationReason: "Use billingCycleKind (an enum).",
  })
  billingCycle: string | null;

  @Field(() => Boolean, { nullable: true })
  autoRenewEnabled: boolean | null;

  @Field(() => Date, { nullable: true })
  commitmentEndDate: Date | null;
}

@ObjectType({ description: "The health of one Microsoft service in the customer's tenant." })
export class ServiceHealth {
  @Field(() => ID, { description: "Unique per customer and service: `<customerId>:<serviceId>`." })
  id: string;

  @Field(() => String)
  service: string;

  @Field(() => String, { description: "Graph's service id, e.g. Exchange." })
  serviceId: string;

  @Field(() => ProductEnum)
  product: Product;

  @Field(() => ServiceHealthStatusEnum)
  status: ServiceHealthStatus;

  @Field(() => Int)
  activeIncidentCount: number;
}

@ObjectType({ description: "One update Microsoft posted on an incident." })
export class IncidentPost {
  @Field(() => Date)
  createdAt: Date;

  @Field(() => IncidentPostTypeEnum)
  postType: IncidentPostType;

  @Field(() => String, {
    description: "HTML, as Microsoft publishes it (unsanitised).",
    deprecationReason: "Raw upstream HTML; show contentHtml (sanitised) or contentText instead.",
  })
  content: string;
}

@ObjectType({ description: "A Microsoft service health issue (incident or advisory) affecting a tenant." })
export class ServiceIncident {
  @Field(() => ID, {
    description:
      "Unique per customer (`<customerId>:<incidentId>`): each tenant has its own copy of a Microsoft incident, so a client cache keyed by id never mixes customers.",
  })
  id: string;

  @Field(() => String, { description: "Microsoft's incident id (e.g. EX123456), the same in every tenant it affects." })
  incidentId: string;

  @Field(() => ID, { description: "The customer tenant the incident was read from." })
  customerId: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  service: string;

  @Field(() => ProductEnum)
  product: Product;

  @Field(() => String, { nullable: true })
  feature: string | null;

  @Field(() => IncidentClassificationEnum)
  classification: IncidentClassification;

  @Field(() => ServiceHealthStatusEnum)
  status: ServiceHealthStatus;

  @Field(() => Boolean)
  isResolved: boolean;

  @Field(() => String, { nullable: true })
  impactDescription: string | null;

  @Field(() => Date)
  startDateTime: Date;

  @Field(() => Date, { nullable: true })
  endDateTime: Date | null;

  @Field(() => Date, { nullable: true })
  lastModifiedDateTime: Date | null;

  @Field(() => [IncidentPost])
  posts: IncidentPost[];
}

@ObjectType()
export class HealthSummary {
  @Field(() => ServiceHealthStatusEnum, { description: "The most severe status over the tenant's services." })
  worstStatus: ServiceHealthStatus;

  @Field(() => Int)
  activeIncidentCount: number;

  @Field(() => Int, { description: "Services whose status is not SERVICE_OPERATIONAL." })
  affectedServiceCount: number;
}

@ObjectType({ description: "A deep link a partner agent uses to administer one service for this customer." })
export class AdminPortalLink {
  @Field(() => String)
  name: string;

  @Field(() => ProductEnum)
  product: Product;

  @Field(() => String)
  url: string;
}

@ObjectType()
export class SupportTopic {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => ProductEnum)
  product: Product;
}

export const CustomerConnection = connectionType("Customer", Customer);
export type CustomerConnection = ConnectionShape<Customer>;
