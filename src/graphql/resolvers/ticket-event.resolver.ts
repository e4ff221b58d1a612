import DataLoader from "dataloader";
import { Authorized, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import { seesEveryCustomer } from "../../auth/customer-scope";
import type { TicketRecord } from "../../tickets/ticket-store.types";
import type { GraphQLContext } from "../context";
import { Ticket, TicketEvent } from "../types/ticket.types";
import { toTicket } from "./ticket.mapper";

/**
 * One loader per request (or per subscription operation). No memo (`cache: false`): a live
 * subscription resolves `ticket` for every event over hours and must read the ticket as it is
 * now; batching still turns the tickets of one result (a page of `auditEvents`) into one query.
 */
const loaders = new WeakMap<GraphQLContext, DataLoader<string, TicketRecord | null>>();

function ticketLoader(ctx: GraphQLContext): DataLoader<string, TicketRecord | null> {
  let loader = loaders.get(ctx);
  if (loader === undefined) {
    const log = ctx.services.eventLog;
    if (log === undefined) throw new Error("The eventLog service is not wired into this gateway");
    loader = new DataLoader(
      async (ids) => {
        const byId = new Map((await log.ticketsByIds([...new Set(ids)])).map((record) => [record.id, record]));
        return ids.map((id) => byId.get(id) ?? null);
      },
      { cache: false },
    );
    loaders.set(ctx, loader);
  }
  return loader;
}

/**
 * Whether the caller may see this customer's tickets: a support lead sees every customer; others
 * those the partner holds usable delegated access to, re-read within LIVE_ACCESS_TTL_MS on a
 * subscription (liveAccess) and once per request otherwise (the rule Query.ticket applies).
 */
async function mayReadTicketsOf(ctx: GraphQLContext, customerId: string): Promise<boolean> {
  if (seesEveryCustomer(ctx.agent.role)) return true;
  if (ctx.services.liveAccess) return ctx.services.liveAccess.hasUsableAccess(customerId);
  return (await ctx.reads.usableCustomerIds()).includes(customerId);
}

@Resolver(() => TicketEvent)
export class TicketEventResolver {
  @Authorized(rolesFor("TicketEvent.ticket"))
  @FieldResolver(() => Ticket, {
    nullable: true,
    description:
      "The ticket this event belongs to, as it is now (for updating a client cache from a live event). " +
      "Null when the ticket is outside the caller's scope, exactly as Query.ticket answers.",
  })
  async ticket(@Root() event: TicketEvent, @Ctx() ctx: GraphQLContext): Promise<Ticket | null> {
    const record = await ticketLoader(ctx).load(event.ticketId);
    if (record === null || !(await mayReadTicketsOf(ctx, record.customerId))) return null;
    return toTicket(record);
  }
}
