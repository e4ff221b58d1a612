import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import { seesEveryCustomer } from "../../auth/customer-scope";
import { badUserInput, forbidden, notFound, serviceUnavailable } from "../../errors";
import type { GraphQLContext } from "../context";
import { checkFirst } from "../pagination";
import { requiredService } from "../../reporting/required-service";
import type { AlertPayload } from "../../alerts/alert-payload";
import { alertRuleInputSchema } from "../../alerts/alert-rule";
import { AlertDeliveryError } from "../../alerts/alert-sender";
import { alertStream } from "../../alerts/alert-stream";
import type { StoredAlert } from "../../alerts/alert.store";
import { Alert, AlertConnection, AlertDestinationInfo, AlertFilter, AlertKindEnum, AlertRule, AlertRuleInput, AlertTestResult } from "./alert.types";
import { toAlert } from "./alert.view";

/** Alerts about delegated access name only the customer: every reader sees them, access or not (that is the point). */
const ALWAYS_VISIBLE_KINDS = ["DELEGATED_ACCESS_EXPIRING", "DELEGATED_ACCESS_EXPIRED", "DELEGATED_ACCESS_TERMINATED"];

@ArgsType()
class AlertsArgs {
  @Field(() => AlertFilter, { nullable: true })
  filter?: AlertFilter | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ArgsType()
class AlertRaisedArgs {
  @Field(() => ID, { nullable: true, description: "Only this customer's alerts." })
  customerId?: string | null;

  @Field(() => [AlertKindEnum], { nullable: true })
  kinds?: string[] | null;
}

@Resolver()
export class AlertResolver {
  @Authorized(rolesFor("Query.alerts"))
  @Query(() => AlertConnection, { description: "The alert feed, newest first (issue 18)." })
  async alerts(@Args(() => AlertsArgs) args: AlertsArgs, @Ctx() ctx: GraphQLContext): Promise<AlertConnection> {
    const service = requiredService(ctx, "alerts");
    const scope = seesEveryCustomer(ctx.agent.role) ? undefined : { customerIds: await ctx.reads.usableCustomerIds(), alwaysKinds: ALWAYS_VISIBLE_KINDS };
    const page = await service.store.list(
      {
        ...(args.filter?.kinds ? { kinds: args.filter.kinds } : {}),
        ...(args.filter?.customerId ? { customerIds: [args.filter.customerId] } : {}),
        ...(args.filter?.acknowledged != null ? { acknowledged: args.filter.acknowledged } : {}),
        ...(scope ? { scope } : {}),
      },
      checkFirst(args.first, 50),
      args.after ?? null,
    );
    const deliveries = await service.store.deliveriesOf(page.items.map((item) => item.alert.payload.id));
    return {
      edges: page.items.map((item) => ({ cursor: item.cursor, node: toAlert(item.alert, deliveries) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items[page.items.length - 1]?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }

  @Authorized(rolesFor("Mutation.acknowledgeAlert"))
  @Mutation(() => Alert, { description: "Marks an alert as seen by the calling agent (the first acknowledgement is kept)." })
  async acknowledgeAlert(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Alert> {
    const service = requiredService(ctx, "alerts");
    const current = await service.store.get(id);
    if (!current || !(await mayReach(ctx, current))) throw notFound("Alert", id);
    const stored = (await service.store.acknowledge(id, ctx.agent.id, service.now()))!;
    return toAlert(stored, await service.store.deliveriesOf([id]));
  }

  @Authorized(rolesFor("Query.alertRules"))
  @Query(() => [AlertRule], { description: "Every alert routing rule." })
  async alertRules(@Ctx() ctx: GraphQLContext): Promise<AlertRule[]> {
    return (await requiredService(ctx, "alerts").store.rules()).map((rule) => ({ ...rule, kinds: [...rule.kinds], destinations: [...rule.destinations], customerIds: [...rule.customerIds] }));
  }

  @Authorized(rolesFor("Query.alertDestinations"))
  @Query(() => [AlertDestinationInfo], { description: "The destinations rules may name (from ALERT_RULES_FILE and the sandbox sink)." })
  alertDestinations(@Ctx() ctx: GraphQLContext): AlertDestinationInfo[] {
    return [...requiredService(ctx, "alerts").destinations.values()].map((destination) => ({ name: destination.name, channel: destination.channel }));
  }

  @Authorized(rolesFor("Mutation.saveAlertRule"))
  @Mutation(() => AlertRule, { description: "Creates or replaces a rule by id (audited: who, when, before and after)." })
  async saveAlertRule(@Arg("input", () => AlertRuleInput) input: AlertRuleInput, @Ctx() ctx: GraphQLContext): Promise<AlertRule> {
    const service = requiredService(ctx, "alerts");
    const parsed = alertRuleInputSchema.safeParse(withoutNulls(input));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw badUserInput(`input.${issue.path.join(".")}`, issue.message);
    }
    const unknown = parsed.data.destinations.find((name) => !service.destinations.has(name));
    if (unknown !== undefined) throw badUserInput("input.destinations", `No destination named ${unknown}`);
    const rule = await service.store.saveRule(parsed.data, { id: ctx.agent.id, role: ctx.agent.role }, service.now());
    return { ...rule, kinds: [...rule.kinds], destinations: [...rule.destinations], customerIds: [...rule.customerIds] };
  }

  @Authorized(rolesFor("Mutation.deleteAlertRule"))
  @Mutation(() => Boolean, { description: "Deletes a rule (audited); false when there was none." })
  deleteAlertRule(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    const service = requiredService(ctx, "alerts");
    return service.store.deleteRule(id, { id: ctx.agent.id, role: ctx.agent.role }, service.now());
  }

  @Authorized(rolesFor("Mutation.sendTestAlert"))
  @Mutation(() => AlertTestResult, { description: "Sends a test alert to one destination now (not stored, not retried) and says how it went." })
  async sendTestAlert(@Arg("destination", () => String) destination: string, @Ctx() ctx: GraphQLContext): Promise<AlertTestResult> {
    const service = requiredService(ctx, "alerts");
    const target = service.destinations.get(destination);
    if (!target) throw badUserInput("destination", `No destination named ${destination}`);
    const now = service.now();
    const payload: AlertPayload = {
      ...(await service.payloadOf({
        kind: "CUSTOMER_REPLIED",
        subject: `test:${ctx.agent.id}`,
        occurrence: `${destination}:${now.toISOString()}`,
        occurredAt: now,
        customerId: "00000000-0000-0000-0000-000000000000",
        ticketId: null,
        summary: `Test alert sent by ${ctx.agent.displayName}; no action needed.`,
        details: { test: true },
      })),
      title: "Test alert",
    };
    try {
      await requiredService(ctx, "alertSender").send(target, payload);
      return { destination, delivered: true, error: null, alertId: payload.id };
    } catch (error) {
      return { destination, delivered: false, error: error instanceof AlertDeliveryError ? error.message : "the send failed", alertId: payload.id };
    }
  }

  @Authorized(rolesFor("Subscription.alertRaised"))
  @Subscription(() => Alert, {
    description:
      "Alerts as they are raised (on any gateway instance), for customers the caller may see, checked on every alert " +
      "with delegated access at most LIVE_ACCESS_TTL_MS old (like ticketEvents).",
    subscribe: async ({ args, context }) => {
      const { customerId, kinds } = args as AlertRaisedArgs;
      const ctx = context as GraphQLContext;
      const bus = requiredService(ctx, "alertBus");
      const access = requiredService(ctx, "liveAccess");
      // A subscriber joining while delivery is broken would miss alerts from its first moment.
      if (!bus.isLive()) throw serviceUnavailable("Live alerts are interrupted right now; subscribe again shortly", 5);
      const everyCustomer = seesEveryCustomer(ctx.agent.role);
      if (customerId != null && !everyCustomer && !(await access.hasUsableAccess(customerId))) throw accessEnded();
      // The same rule as ticketEvents (issue 13): every alert is checked against access data at
      // most LIVE_ACCESS_TTL_MS old, never the answer the subscription started with. Scoped to one
      // customer, the subscription ends (FORBIDDEN) when access to it ends; unscoped, it withholds.
      return alertStream(bus, async (alert) => {
        if (customerId != null && alert.customer.id !== customerId) return false;
        if (kinds != null && !kinds.includes(alert.kind)) return false;
        if (everyCustomer || ALWAYS_VISIBLE_KINDS.includes(alert.kind)) return true;
        let usable: boolean;
        try {
          usable = await access.hasUsableAccess(alert.customer.id);
        } catch (error) {
          // Access unknown (upstream down): withhold the alert, keep the subscription.
          ctx.log.warn({ err: error, alertId: alert.id }, "live alert withheld: delegated access could not be read");
          return false;
        }
        if (!usable && customerId != null) throw accessEnded();
        return usable;
      });
    },
  })
  alertRaised(@Root() alert: AlertPayload, @Args(() => AlertRaisedArgs) _args: AlertRaisedArgs): Alert {
    return toAlert({ payload: alert, raisedAt: new Date(), acknowledgedBy: null, acknowledgedAt: null }, []);
  }
}

async function mayReach(ctx: GraphQLContext, stored: StoredAlert): Promise<boolean> {
  if (seesEveryCustomer(ctx.agent.role) || ALWAYS_VISIBLE_KINDS.includes(stored.payload.kind)) return true;
  return (await ctx.reads.usableCustomerIds()).includes(stored.payload.customer.id);
}

/** Names no tenant: the subscriber knows which customer it asked for. */
const accessEnded = () => forbidden("The partner holds no usable delegated admin access to this customer");

function withoutNulls(input: AlertRuleInput): Record<string, unknown> {
  return Object.fromEntries(Object.entries({ ...input }).filter(([, value]) => value !== null && value !== undefined));
}
