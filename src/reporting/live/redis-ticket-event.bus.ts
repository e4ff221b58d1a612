import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { StoredTicketEvent } from "../../tickets/ticket-store.types";
import { InProcessTicketEventBus } from "./in-process-ticket-event.bus";
import { decodeTicketEvent, encodeTicketEvent, type TicketEventBus } from "./ticket-event-bus";

/**
 * Several gateway instances: every event is published on one Redis pub/sub channel and every
 * instance (this one included) delivers what it receives from Redis to its local listeners, so
 * each listener sees each event once whichever instance made the transition.
 */
export class RedisTicketEventBus implements TicketEventBus {
  private readonly local = new InProcessTicketEventBus();
  private readonly channel: string;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    channelPrefix: string,
  ) {
    this.channel = `${channelPrefix}ticket-events`;
  }

  /** Connects both Redis clients and subscribes before returning (no event published later is missed). */
  static async connect(options: { url: string; channelPrefix?: string; log: Logger }): Promise<RedisTicketEventBus> {
    const redisOptions = { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true };
    const publisher = new Redis(options.url, redisOptions);
    const subscriber = new Redis(options.url, redisOptions);
    for (const client of [publisher, subscriber]) client.on("error", (error: Error) => options.log.warn({ err: error }, "redis connection error"));
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
      const bus = new RedisTicketEventBus(publisher, subscriber, options.channelPrefix ?? "psg:");
      subscriber.on("message", (channel: string, message: string) => {
        if (channel !== bus.channel) return;
        const event = decodeTicketEvent(message);
        if (event) void bus.local.publish(event);
        else options.log.warn({ channel }, "ignored a malformed ticket event message");
      });
      await subscriber.subscribe(bus.channel);
      return bus;
    } catch (error) {
      publisher.disconnect();
      subscriber.disconnect();
      throw error;
    }
  }

  async publish(event: StoredTicketEvent): Promise<void> {
    await this.publisher.publish(this.channel, encodeTicketEvent(event));
  }

  subscribe(listener: (event: StoredTicketEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.local.close();
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}
