import type { PubSub } from "type-graphql";

/**
 * type-graphql refuses to build a schema with subscriptions unless a PubSub is configured, even
 * when every subscription has its own `subscribe` function (ours read the TicketEventBus). This
 * one is never used for delivery and says so if someone tries topic-based subscriptions.
 */
export const SUBSCRIBE_FUNCTION_PUBSUB: PubSub = {
  publish: () => {
    throw new Error("Topic-based PubSub is not configured: subscriptions read the TicketEventBus");
  },
  subscribe: () => {
    throw new Error("Topic-based PubSub is not configured: subscriptions read the TicketEventBus");
  },
};
