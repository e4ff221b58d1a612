import type { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { Product } from "../../../machines";
import { rolesFor } from "../../auth/access-matrix";
import type { IncidentPost as DomainPost } from "../../cloud/cloud-types";
import { incidentPostContent, type IncidentPostContent } from "../../customers/incident-post-content";
import { ErrorCode, isAppError } from "../../errors";
import type { GraphQLContext } from "../context";
import { IncidentPost, ServiceIncident } from "../types/customer.types";
import { ProductEnum } from "../types/enums";
import { toServiceIncident } from "./service-incident.mapper";

@Resolver()
export class ServiceIncidentResolver {
  /**
   * Incidents of one customer, or of every customer. Over all customers, a tenant that cannot be
   * read (no usable delegated access, or its health read failed) does not hide the others: the
   * list holds what could be read and the response's `errors` name each tenant left out
   * (FORBIDDEN or UPSTREAM_UNAVAILABLE with `extensions.customerId`, path `serviceIncidents`).
   */
  @Authorized(rolesFor("Query.serviceIncidents"))
  @Query(() => [ServiceIncident], {
    description:
      "Incidents of one customer, or of every customer; over all customers each tenant that could not be read is named by an error (extensions.customerId) next to the data.",
  })
  async serviceIncidents(
    @Arg("customerId", () => ID, { nullable: true }) customerId: string | null,
    @Arg("activeOnly", () => Boolean, { nullable: true, defaultValue: true }) activeOnly: boolean | null,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ServiceIncident[]> {
    if (customerId != null) {
      await ctx.reads.getCustomer(customerId);
      return (await ctx.reads.incidents(customerId, activeOnly ?? true)).map(toServiceIncident);
    }
    const customers = await ctx.reads.listCustomers();
    const results = await Promise.allSettled(customers.map((customer) => ctx.reads.incidents(customer.id, activeOnly ?? true)));
    const incidents: ServiceIncident[] = [];
    const path = [info.path.key];
    results.forEach((result, index) => {
      if (result.status === "fulfilled") {
        incidents.push(...result.value.map(toServiceIncident));
        return;
      }
      const id = customers[index]!.id;
      const reason: unknown = result.reason;
      const known = isAppError(reason) && (reason.code === ErrorCode.FORBIDDEN || reason.code === ErrorCode.UPSTREAM_UNAVAILABLE);
      if (!known) ctx.log.warn({ customerId: id, err: reason }, "service incidents of a tenant left out");
      (ctx.partialErrors ??= []).push({
        message: known ? reason.message : `The service health of customer ${id} could not be read`,
        path,
        extensions: known ? { ...reason.details, customerId: id, code: reason.code } : { customerId: id, code: ErrorCode.UPSTREAM_UNAVAILABLE },
      });
    });
    return incidents.sort((a, b) => b.startDateTime.getTime() - a.startDateTime.getTime());
  }

  @Authorized(rolesFor("Query.suggestedIncidents"))
  @Query(() => [ServiceIncident], {
    description:
      "Active Microsoft incidents of a customer for a product: what to show while a ticket is being drafted, before it exists. FORBIDDEN (extensions.customerId) without delegated access.",
  })
  async suggestedIncidents(
    @Arg("customerId", () => ID) customerId: string,
    @Arg("product", () => ProductEnum) product: Product,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ServiceIncident[]> {
    await ctx.reads.getCustomer(customerId);
    const incidents = await ctx.reads.incidents(customerId, true);
    return incidents.filter((incident) => incident.product === product).map(toServiceIncident);
  }
}

// Sanitising is per post text; the read cache hands out the same post objects while warm.
const contentOf = new WeakMap<DomainPost, IncidentPostContent>();
function sanitised(post: DomainPost): IncidentPostContent {
  let content = contentOf.get(post);
  if (content === undefined) {
    content = incidentPostContent(post.content);
    contentOf.set(post, content);
  }
  return content;
}

@Resolver(() => IncidentPost)
export class IncidentPostResolver {
  @FieldResolver(() => String, {
    description: "The post's HTML, sanitised (formatting tags only; links to http, https and mailto open in a new tab): safe to insert as HTML.",
  })
  contentHtml(@Root() post: DomainPost): string {
    return sanitised(post).html;
  }

  @FieldResolver(() => String, { description: "The post as plain text, one line per paragraph or list item." })
  contentText(@Root() post: DomainPost): string {
    return sanitised(post).text;
  }
}
