import DataLoader from "dataloader";
import { Authorized, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import { requiredService } from "../../reporting/required-service";
import type { TicketRecord } from "../../tickets/ticket-store.types";
import { visibilityOf, type GraphQLContext } from "../context";
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
    const log = requiredService(ctx, "eventLog");
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
    const record = await ctx.services.ticketQueries.visible(visibilityOf(ctx), await ticketLoader(ctx).load(event.ticketId));
    return record && toTicket(record);
  }
}
