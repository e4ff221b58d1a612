import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { StoredTicketEvent } from "../../tickets/ticket-store.types";
import { InProcessTicketEventBus } from "./in-process-ticket-event.bus";
import { decodeTicketEvent, encodeTicketEvent, type TicketEventBus, type TicketEventGap } from "./ticket-event-bus";

/** How long `connect` waits for the subscription at start before going on degraded. */
const DEFAULT_CONNECT_WAIT_MS = 2_000;

/**
 * Several gateway instances: every event is published on one Redis pub/sub channel and every
 * instance (this one included) delivers what it receives from Redis to its local listeners, so
 * each listener sees each event once whichever instance made the transition.
 *
 * Redis being down never stops the gateway (issue 14): both clients connect in the background and
 * reconnect forever (ioredis' backoff, at most 2 s apart), the subscription is renewed on every
 * reconnect, a publish fails fast instead of queueing, and every break in delivery (the subscriber
 * connection lost, a publish refused) is reported to `onGap` listeners; `ping()` is the readiness probe.
 */
export class RedisTicketEventBus implements TicketEventBus {
  private readonly local = new InProcessTicketEventBus();
  private readonly channel: string;
  private live = false;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    channelPrefix: string,
    private readonly log: Logger,
  ) {
    this.channel = `${channelPrefix}ticket-events`;
  }

  /**
   * Starts both clients and subscribes; waits up to `connectWaitMs` for the subscription (so no
   * event published after start is missed when Redis is up) and returns degraded when it is down.
   */
  static async connect(options: { url: string; channelPrefix?: string; log: Logger; connectWaitMs?: number }): Promise<RedisTicketEventBus> {
    const common = { retryStrategy: (times: number) => Math.min(times * 100, 2_000), connectTimeout: 2_000 };
    // Publishing while disconnected fails at once (the event is still in the audit trail; a gap is reported).
    const prefix = options.channelPrefix ?? "psg:";
    // Named (CLIENT SETNAME) so an operator sees which connection is which in CLIENT LIST.
    const publisher = new Redis(options.url, { ...common, connectionName: `${prefix}publisher`, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // The subscriber queues its SUBSCRIBE until connected and renews it after every reconnect.
    const subscriber = new Redis(options.url, { ...common, connectionName: `${prefix}subscriber`, enableOfflineQueue: true, maxRetriesPerRequest: null, autoResubscribe: true });
    const bus = new RedisTicketEventBus(publisher, subscriber, prefix, options.log);
    bus.watch();
    // Ready means both: the channel subscribed and the publisher connected (it does not queue, so a
    // publish or readiness ping right after start would otherwise fail while it is still connecting).
    const publisherReady = publisher.status === "ready" ? Promise.resolve() : new Promise<void>((resolve) => publisher.once("ready", () => resolve()));
    const subscribed = Promise.all([subscriber.subscribe(bus.channel), publisherReady]).then(
      () => true,
      () => false,
    );
    let timer: NodeJS.Timeout | undefined;
    const ready = await Promise.race([subscribed, new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), options.connectWaitMs ?? DEFAULT_CONNECT_WAIT_MS)))]);
    clearTimeout(timer);
    if (!ready) options.log.warn({ channel: bus.channel }, "redis unavailable at start: live events degraded until it connects");
    return bus;
  }

  private watch(): void {
    for (const client of [this.publisher, this.subscriber]) {
      // Reconnect attempts fail every second or two while Redis is down: log the first only.
      let failing = false;
      client.on("error", (error: Error) => {
        if (!failing) this.log.warn({ err: error }, "redis connection error");
        failing = true;
      });
      client.on("ready", () => (failing = false));
    }
    this.subscriber.on("message", (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const event = decodeTicketEvent(message);
      if (event) void this.local.publish(event);
      else this.log.warn({ channel }, "ignored a malformed ticket event message");
    });
    // "ready" comes after the connection is up and the channel re-subscribed.
    this.subscriber.on("ready", () => {
      if (!this.live) this.log.info({ channel: this.channel }, "live events flowing through redis");
      this.live = true;
    });
    this.subscriber.on("close", () => {
      if (!this.live) return;
      this.live = false;
      this.log.warn({ channel: this.channel }, "redis subscription lost: live events interrupted");
      this.local.reportGap({ since: new Date(), reason: "REDIS_CONNECTION_LOST" });
    });
  }

  async publish(event: StoredTicketEvent): Promise<void> {
    try {
      await this.publisher.publish(this.channel, encodeTicketEvent(event));
    } catch (error) {
      // Nobody, on any instance, receives this event live: say so to this instance's subscribers.
      this.local.reportGap({ since: event.at, reason: "PUBLISH_FAILED" });
      throw error;
    }
  }

  subscribe(listener: (event: StoredTicketEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  onGap(listener: (gap: TicketEventGap) => void): () => void {
    return this.local.onGap(listener);
  }

  isLive(): boolean {
    return this.live;
  }

  /** Readiness: PING through the publisher (fails at once while disconnected) and the subscription state. */
  async ping(): Promise<void> {
    await this.publisher.ping();
    if (!this.live) throw new Error("redis answers but the live-event subscription is not active");
  }

  /** Idempotent and bounded: QUIT when connected, otherwise (or after 1 s) drop the sockets. */
  async close(): Promise<void> {
    this.live = false;
    await this.local.close();
    await Promise.all(
      [this.subscriber, this.publisher].map(async (client) => {
        if (client.status === "end") return;
        let timer: NodeJS.Timeout | undefined;
        const quit = client.status === "ready" ? client.quit().then(() => undefined, () => undefined) : Promise.resolve();
        await Promise.race([quit, new Promise<void>((resolve) => (timer = setTimeout(resolve, 1_000)))]);
        clearTimeout(timer);
        client.disconnect();
      }),
    );
  }
}
