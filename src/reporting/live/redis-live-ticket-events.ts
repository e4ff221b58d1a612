import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import type { PubSubEventTarget } from "@graphql-yoga/subscription";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { isAlertPayload } from "../../alerts/alert-payload";
import type { StoredTicketEvent } from "../../tickets/ticket-store.types";
import { LiveTicketEvents, type LiveMessage, type TicketEventTopics } from "./live-ticket-events";

/** How long `connect` waits for the subscription at start before going on degraded. */
const DEFAULT_CONNECT_WAIT_MS = 2_000;

/**
 * Several gateway instances: graphql-yoga's Redis event target carries every event over one Redis
 * pub/sub channel, and every instance (this one included) delivers what it receives to its local
 * subscribers, so each sees each event once whichever instance made the transition. Raised alerts
 * (`alertRaised`) go the same way on a second channel, `<prefix>alerts`, over the same two connections.
 *
 * Redis being down never stops the gateway (issue 14): both clients connect in the background and
 * reconnect forever (ioredis' backoff, at most 2 s apart), the subscription is renewed on every
 * reconnect, a publish fails fast instead of queueing, and every break in delivery (the subscriber
 * connection lost, a publish refused) is reported as a gap; `ping()` is the readiness probe.
 *
 * The library's `dispatchEvent` drops the PUBLISH promise (a refused publish would be an unhandled
 * rejection and nobody would know the event was lost), so sending is done here, awaited.
 */
export async function connectRedisLiveTicketEvents(options: {
  url: string;
  channelPrefix?: string;
  log: Logger;
  connectWaitMs?: number;
}): Promise<LiveTicketEvents> {
  const { log } = options;
  const prefix = options.channelPrefix ?? "psg:";
  const channel = `${prefix}ticket-events`;
  const alertChannel = `${prefix}alerts`;
  const common = { retryStrategy: (times: number) => Math.min(times * 100, 2_000), connectTimeout: 2_000 };
  // Named (CLIENT SETNAME) so an operator sees which connection is which in CLIENT LIST.
  // Publishing while disconnected fails at once (the event is still in the audit trail; a gap is reported).
  const publisher = new Redis(options.url, { ...common, connectionName: `${prefix}publisher`, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // The subscriber queues its SUBSCRIBE until connected and renews it after every reconnect.
  const subscriber = new Redis(options.url, { ...common, connectionName: `${prefix}subscriber`, enableOfflineQueue: true, maxRetriesPerRequest: null, autoResubscribe: true });

  const target = createRedisEventTarget<CustomEvent<StoredTicketEvent | null>>({
    publishClient: publisher,
    subscribeClient: subscriber,
    serializer: { stringify: encodeLiveMessage, parse: (text) => decodeOrWarn(text, log, channel) as StoredTicketEvent | null },
  });
  const send = async (topic: string, message: LiveMessage): Promise<void> => {
    await publisher.publish(topic, encodeLiveMessage(message));
  };
  let live = false;
  let closed = false;
  const eventTarget: PubSubEventTarget<TicketEventTopics> = {
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    // PubSub.publish (type-graphql's topics) goes through the same awaited send; a failure is logged.
    dispatchEvent: (event) => {
      send(event.type, event.detail).catch((error: unknown) => log.warn({ err: error, channel }, "live event not published"));
      return true;
    },
  };
  const events = new LiveTicketEvents(
    channel,
    {
      eventTarget,
      send,
      isLive: () => live,
      ping: async () => {
        await publisher.ping();
        if (!live) throw new Error("redis answers but the live-event subscription is not active");
      },
      // Idempotent and bounded: QUIT when connected, otherwise (or after 1 s) drop the sockets.
      close: async () => {
        closed = true;
        live = false;
        await Promise.all(
          [subscriber, publisher].map(async (client) => {
            if (client.status === "end") return;
            let timer: NodeJS.Timeout | undefined;
            const quit = client.status === "ready" ? client.quit().then(() => undefined, () => undefined) : Promise.resolve();
            await Promise.race([quit, new Promise<void>((resolve) => (timer = setTimeout(resolve, 1_000)))]);
            clearTimeout(timer);
            client.disconnect();
          }),
        );
      },
    },
    alertChannel,
  );

  for (const client of [publisher, subscriber]) {
    // Reconnect attempts fail every second or two while Redis is down: log the first only.
    let failing = false;
    client.on("error", (error: Error) => {
      if (!failing) log.warn({ err: error }, "redis connection error");
      failing = true;
    });
    client.on("ready", () => (failing = false));
  }
  // "ready" comes after the connection is up and (autoResubscribe) the channel re-subscribed.
  subscriber.on("ready", () => {
    if (!live) log.info({ channel }, "live events flowing through redis");
    live = true;
  });
  subscriber.on("close", () => {
    if (!live || closed) return;
    live = false;
    log.warn({ channel }, "redis subscription lost: live events interrupted");
    events.reportGap({ since: new Date(), reason: "REDIS_CONNECTION_LOST" });
  });

  // Ready means both: the channel subscribed and the publisher connected (it does not queue, so a
  // publish or readiness ping right after start would otherwise fail while it is still connecting).
  const publisherReady = publisher.status === "ready" ? Promise.resolve() : new Promise<void>((resolve) => publisher.once("ready", () => resolve()));
  const subscribed = subscriber.subscribe(channel, alertChannel).then(
    () => {
      // The channels stay subscribed for the life of the gateway (the event target would otherwise
      // SUBSCRIBE on the first listener and miss what is published meanwhile): one permanent listener each.
      if (!closed) for (const name of [channel, alertChannel]) target.addEventListener(name, () => undefined);
      return true;
    },
    () => false,
  );
  let timer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([
    Promise.all([subscribed, publisherReady]).then(([ok]) => ok),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), options.connectWaitMs ?? DEFAULT_CONNECT_WAIT_MS))),
  ]);
  clearTimeout(timer);
  if (!ready) log.warn({ channel }, "redis unavailable at start: live events degraded until it connects");
  return events;
}

/**
 * The wire form of either message: an alert payload is JSON already (its times are ISO text); a
 * ticket event is JSON with `at` as ISO text.
 */
export function encodeLiveMessage(message: unknown): string {
  if (isAlertPayload(message)) return JSON.stringify(message);
  const event = message as StoredTicketEvent;
  return JSON.stringify({ ...event, at: event.at.toISOString() });
}

/**
 * Parses either message (the event target's parser does not see the channel): an alert.v1
 * payload, else a ticket event; null for anything malformed (a foreign publisher on the channel).
 * Each topic's listener keeps only its own kind.
 */
export function decodeLiveMessage(text: string): LiveMessage | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (isAlertPayload(value)) return value;
    const event = value as StoredTicketEvent & { at: string };
    const at = new Date(event.at);
    const wellFormed = typeof event.id === "string" && typeof event.ticketId === "string" && typeof event.customerId === "string";
    return wellFormed && !Number.isNaN(at.getTime()) ? { ...event, at } : null;
  } catch {
    return null;
  }
}

function decodeOrWarn(text: string, log: Logger, channel: string): LiveMessage | null {
  const message = decodeLiveMessage(text);
  if (message === null) log.warn({ channel }, "ignored a malformed live event message");
  return message;
}
