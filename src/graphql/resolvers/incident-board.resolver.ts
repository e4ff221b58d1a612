import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import { groupIncidents, unreadableCustomers, type CustomerIncidentRead } from "../../customers/incident-board";
import { isAppError } from "../../errors";
import type { TicketRecord } from "../../tickets/ticket-store.types";
import type { GraphQLContext } from "../context";
import { pageOfList } from "../pagination";
import { IncidentBoardConnection, IncidentBoardFilter, type IncidentBoardCustomer } from "../types/incident-board.types";
import { toTicket } from "./ticket.mapper";
import { OPEN_TICKET_STATES } from "../../tickets/ticket-state";

/** The polling contract of the board (README "Incident board"): ask again this often. */
export const INCIDENT_BOARD_POLL_SECONDS = 30;
const MAX_OPEN_TICKETS = 1000;

@Resolver()
export class IncidentBoardResolver {
  /**
   * Active Microsoft incidents over every customer the partner holds usable delegated access to,
   * grouped by Microsoft's incident id. Health comes from the read cache (kept fresh by the
   * background refresher); a tenant whose health cannot be read is listed, not fatal.
   */
  @Authorized(rolesFor("Query.incidentBoard"))
  @Query(() => IncidentBoardConnection)
  async incidentBoard(
    @Arg("filter", () => IncidentBoardFilter, { nullable: true }) filter: IncidentBoardFilter | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<IncidentBoardConnection> {
    const customers = await ctx.reads.listCustomers();
    const usable = new Set(await ctx.reads.usableCustomerIds());
    const visible = customers.filter((customer) => usable.has(customer.id));
    const reads: CustomerIncidentRead[] = await Promise.all(
      visible.map((customer) =>
        ctx.reads.incidents(customer.id, true).then(
          (incidents) => ({ customerId: customer.id, customerName: customer.name, incidents }),
          (error: unknown) => ({ customerId: customer.id, customerName: customer.name, error }),
        ),
      ),
    );
    const page = pageOfList("IncidentBoardEntry", groupIncidents(reads, { products: filter?.products ?? null, services: filter?.services ?? null }), first, after);
    const onPage = new Set(page.edges.flatMap((edge) => edge.node.customers.map((c) => c.customerId)));
    const openByCustomer = await openTicketsOf(ctx, [...onPage]);
    return {
      edges: page.edges.map(({ cursor, node }) => ({
        cursor,
        node: {
        incidentId: node.incidentId,
        title: node.title,
        service: node.service,
        product: node.product,
        startDateTime: node.startDateTime,
        lastModifiedDateTime: node.lastModifiedDateTime,
        affectedCustomerCount: node.customers.length,
        affectedCustomers: node.customers.map((c): IncidentBoardCustomer => {
          const open = openByCustomer.get(c.customerId) ?? [];
          return {
            customerId: c.customerId,
            customerName: c.customerName,
            status: c.incident.status,
            openTickets: open.map(toTicket),
            linkedTickets: open.filter((ticket) => ticket.product === node.product).map(toTicket),
          };
        }),
        },
      })),
      pageInfo: page.pageInfo,
      totalCount: page.totalCount,
      customersRead: visible.length,
      unreadableCustomers: unreadableCustomers(reads).map((read) => ({
        customerId: read.customerId,
        customerName: read.customerName,
        reason: isAppError(read.error) ? read.error.code : "INTERNAL",
      })),
      generatedAt: new Date(),
      pollIntervalSeconds: INCIDENT_BOARD_POLL_SECONDS,
    };
  }
}

/** Open tickets of the board page's customers, in one store query. */
async function openTicketsOf(ctx: GraphQLContext, customerIds: string[]): Promise<Map<string, TicketRecord[]>> {
  const byCustomer = new Map<string, TicketRecord[]>();
  if (customerIds.length === 0) return byCustomer;
  const page = await ctx.services.ticketStore.listTickets({ states: OPEN_TICKET_STATES, customerIds }, { first: MAX_OPEN_TICKETS });
  for (const { node } of page.items) {
    const list = byCustomer.get(node.customerId) ?? [];
    list.push(node);
    byCustomer.set(node.customerId, list);
  }
  return byCustomer;
}
