import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { Product, ServiceHealthStatus } from "../../cloud/cloud-types";
import { ProductEnum, ServiceHealthStatusEnum } from "./enums";
import { PageInfo } from "./page-info.type";
import { Ticket } from "./ticket.types";

@ObjectType({ description: "One affected customer of a Microsoft incident on the incident board." })
export class IncidentBoardCustomer {
  @Field(() => ID)
  customerId: string;

  @Field(() => String)
  customerName: string;

  @Field(() => ServiceHealthStatusEnum, { description: "The incident's status as this customer's tenant reports it." })
  status: ServiceHealthStatus;

  @Field(() => [Ticket], { description: "The customer's open tickets (any product)." })
  openTickets: Ticket[];

  @Field(() => [Ticket], { description: "The customer's open tickets about the incident's product: the ones the incident most likely explains." })
  linkedTickets: Ticket[];
}

@ObjectType({ description: "One active Microsoft incident across every customer it affects, keyed by Microsoft's incident id." })
export class IncidentBoardEntry {
  @Field(() => ID, { description: "Microsoft's incident id (e.g. EX123456), the same in every affected tenant." })
  incidentId: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  service: string;

  @Field(() => ProductEnum)
  product: Product;

  @Field(() => Date)
  startDateTime: Date;

  @Field(() => Date, { nullable: true, description: "The latest change reported by any affected tenant." })
  lastModifiedDateTime: Date | null;

  @Field(() => Int)
  affectedCustomerCount: number;

  @Field(() => [IncidentBoardCustomer])
  affectedCustomers: IncidentBoardCustomer[];
}

@ObjectType({ description: "A customer whose service health could not be read: the board may be missing its incidents." })
export class IncidentBoardUnreadableCustomer {
  @Field(() => ID)
  customerId: string;

  @Field(() => String)
  customerName: string;

  @Field(() => String, { description: "The error code of the failed read (e.g. FORBIDDEN, UPSTREAM_UNAVAILABLE)." })
  reason: string;
}

@ObjectType()
export class IncidentBoardEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => IncidentBoardEntry)
  node: IncidentBoardEntry;
}

@ObjectType({
  description:
    "Active Microsoft incidents over every customer the caller can see, grouped by Microsoft's incident id. Live by polling: " +
    "ask again every pollIntervalSeconds (the board is served from the read cache the background refresher keeps, so a poll costs no upstream call).",
})
export class IncidentBoardConnection {
  @Field(() => [IncidentBoardEdge])
  edges: IncidentBoardEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: "Incidents matching the filter, over all pages." })
  totalCount: number;

  @Field(() => Int, { description: "Customers the board was built from (usable delegated access)." })
  customersRead: number;

  @Field(() => [IncidentBoardUnreadableCustomer])
  unreadableCustomers: IncidentBoardUnreadableCustomer[];

  @Field(() => Date, { description: "When this board was built." })
  generatedAt: Date;

  @Field(() => Int, { description: "How often to poll for incidents that start or resolve (seconds)." })
  pollIntervalSeconds: number;
}

@InputType({ description: "Narrows the incident board; absent or empty lists match everything." })
export class IncidentBoardFilter {
  @Field(() => [ProductEnum], { nullable: true })
  products?: Product[] | null;

  @Field(() => [String], { nullable: true, description: "Service names as Microsoft reports them (e.g. Exchange Online), case-insensitive." })
  services?: string[] | null;
}
