import { createPubSub, Repeater, SlidingBuffer, type PubSub, type PubSubEventTarget } from "@graphql-yoga/subscription";
import { isAlertPayload, type AlertPayload } from "../../alerts/alert-payload";
import { AppError, ErrorCode } from "../../errors";
import type { StoredTicketEvent } from "../../tickets/ticket-store.types";

/** Most live events held for one slow subscriber; older ones are dropped (live view, not audit). */
const MAX_BUFFERED = 1_000;

/** The topics of the gateway's PubSub: one, named by `topic` (the Redis channel in Redis mode). */
export type TicketEventTopics = Record<string, [StoredTicketEvent]>;

/** Live delivery broke at `since`, for `reason`; it does not say when (or whether) it came back. */
export interface TicketEventGap {
  since: Date;
  reason: "REDIS_CONNECTION_LOST" | "PUBLISH_FAILED";
}

/** What travels on the transport: ticket events, and raised alerts on their own topic (issue 18). */
export type LiveMessage = StoredTicketEvent | AlertPayload;

/** How events travel between publishers and listeners: in-process by default, or Redis pub/sub. */
export interface LiveEventTransport {
  eventTarget: PubSubEventTarget<TicketEventTopics>;
  /** Sends one message and says whether it went out (the event target's `dispatchEvent` cannot). */
  send?(topic: string, message: LiveMessage): Promise<void>;
  isLive(): boolean;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const inProcess = (): LiveEventTransport => ({
  eventTarget: new EventTarget() as PubSubEventTarget<TicketEventTopics>,
  isLive: () => true,
  ping: async () => undefined,
  close: async () => undefined,
});

/**
 * Committed ticket events for live subscribers, on graphql-yoga's PubSub (the one type-graphql is
 * built on), across gateway instances with the Redis event target. What the library does not
 * express is issue 14's rule that a break in delivery is never silent: a lost subscriber
 * connection or a refused publish is a gap, and every stream open at that moment ends with
 * SERVICE_UNAVAILABLE (after the events it received before) so the client re-reads what it missed.
 *
 * Raised alerts (`alertRaised`, issue 18) travel on the same transport under `alertTopic`, so a
 * subscriber on one instance hears of an alert raised on another, and a gap ends their streams too.
 */
export class LiveTicketEvents {
  readonly pubSub: PubSub<TicketEventTopics>;
  private readonly gaps = new EventTarget();

  constructor(
    readonly topic: string = "ticket-events",
    private readonly transport: LiveEventTransport = inProcess(),
    readonly alertTopic: string = "alerts",
  ) {
    this.pubSub = createPubSub<TicketEventTopics>({ eventTarget: transport.eventTarget, repeaterBuffer: new SlidingBuffer(MAX_BUFFERED) });
  }

  /** Publishes after commit; rejects (and reports the gap) when the event could not be sent. */
  async publish(event: StoredTicketEvent): Promise<void> {
    if (!this.transport.send) return this.pubSub.publish(this.topic, event);
    try {
      await this.transport.send(this.topic, event);
    } catch (error) {
      // Nobody, on any instance, receives this event live: say so to this instance's subscribers.
      this.reportGap({ since: event.at, reason: "PUBLISH_FAILED" });
      throw error;
    }
  }

  /** Publishes a raised alert to every instance's `alertRaised` subscribers; rejects (and reports the gap) like `publish`. */
  async publishAlert(alert: AlertPayload): Promise<void> {
    if (!this.transport.send) {
      this.transport.eventTarget.dispatchEvent(new CustomEvent(this.alertTopic, { detail: alert }) as unknown as CustomEvent<StoredTicketEvent>);
      return;
    }
    try {
      await this.transport.send(this.alertTopic, alert);
    } catch (error) {
      this.reportGap({ since: new Date(), reason: "PUBLISH_FAILED" });
      throw error;
    }
  }

  /** Calls `listener` with every alert published on any instance until the returned function is called. */
  onAlert(listener: (alert: AlertPayload) => void): () => void {
    const handler = (event: Event) => {
      const detail = (event as CustomEvent<unknown>).detail;
      // Whatever else arrives on the channel (a foreign publisher) is not an alert.
      if (isAlertPayload(detail)) listener(detail);
    };
    this.transport.eventTarget.addEventListener(this.alertTopic, handler);
    return () => this.transport.eventTarget.removeEventListener(this.alertTopic, handler);
  }

  /**
   * Tells `listener` of every committed ticket event this instance receives (its own and, over
   * Redis, every other instance's) until the returned function is called (the response cache).
   */
  onEvent(listener: (event: StoredTicketEvent) => void): () => void {
    const handler = (event: Event) => {
      const detail = (event as CustomEvent<StoredTicketEvent | null>).detail;
      if (detail !== null) listener(detail);
    };
    this.transport.eventTarget.addEventListener(this.topic, handler);
    return () => this.transport.eventTarget.removeEventListener(this.topic, handler);
  }

  /** Ends every open stream of this instance (live delivery broke). */
  reportGap(gap: TicketEventGap): void {
    this.gaps.dispatchEvent(new CustomEvent("gap", { detail: gap }));
  }

  /** Tells `listener` about every gap until the returned function is called. */
  onGap(listener: (gap: TicketEventGap) => void): () => void {
    const handler = (event: Event) => listener((event as CustomEvent<TicketEventGap>).detail);
    this.gaps.addEventListener("gap", handler);
    return () => this.gaps.removeEventListener("gap", handler);
  }

  /**
   * One subscription's events: those `accept` lets through (it may be async, e.g. a tenant check),
   * in publish order. `accept` throwing ends the stream with that error after the events accepted
   * before; a gap ends it with SERVICE_UNAVAILABLE the same way.
   *
   * With `replay` (resuming after a reconnect, issue 16), the live listener is in place first and
   * holds what arrives while the replay is read; then the held events follow, and every live event
   * the replay already delivered (same global sequence) is skipped: no gap, no duplicate.
   */
  stream(accept: (event: StoredTicketEvent) => boolean | Promise<boolean>, replay?: () => AsyncIterable<StoredTicketEvent>): Repeater<StoredTicketEvent> {
    return new Repeater<StoredTicketEvent>(async (push, stop) => {
      let chain = Promise.resolve();
      let ended = false;
      let held: StoredTicketEvent[] | null = replay ? [] : null;
      const replayed = new Set<number>();
      const end = (error?: unknown) => {
        ended = true;
        stop(error);
      };
      const offer = async (event: StoredTicketEvent): Promise<void> => {
        if (ended) return;
        try {
          if (await accept(event)) await push(event);
        } catch (error) {
          end(error);
        }
      };
      // Live events waiting behind the one being delivered (checks run one after another, so
      // delivery keeps the publish order, and each waits until the client took the one before).
      let backlog = 0;
      const deliver = (event: StoredTicketEvent) => {
        if (event.globalSequence !== null && replayed.has(event.globalSequence)) return;
        backlog++;
        chain = chain.then(async () => {
          backlog--;
          // A subscriber this far behind loses its oldest live events (a live view; the audit log keeps them).
          if (backlog >= MAX_BUFFERED) return;
          await offer(event);
        });
      };
      const listener = (event: Event) => {
        const detail = (event as CustomEvent<StoredTicketEvent | null>).detail;
        if (detail === null || isAlertPayload(detail)) return;
        if (held) held.push(detail);
        else deliver(detail);
      };
      this.transport.eventTarget.addEventListener(this.topic, listener);
      const stopGaps = this.onGap((gap) => {
        chain = chain.then(() => {
          if (!ended) end(liveEventsInterrupted(gap));
        });
      });
      if (replay) {
        chain = chain.then(async () => {
          try {
            for await (const event of replay()) {
              if (ended) return;
              if (event.globalSequence !== null) replayed.add(event.globalSequence);
              await offer(event);
            }
          } catch (error) {
            end(error);
          }
          const caughtUp = held ?? [];
          held = null;
          for (const event of caughtUp) deliver(event);
        });
      }
      await stop;
      ended = true;
      this.transport.eventTarget.removeEventListener(this.topic, listener);
      stopGaps();
      // No buffer: `push` resolves once the client took the value, so a replay is paced by the
      // client and never dropped; the live backlog above is what is bounded.
    });
  }

  /** False while live delivery is known to be broken (a new subscriber would miss events at once). */
  isLive(): boolean {
    return this.transport.isLive();
  }

  /** Readiness of the transport (Redis: PING and the subscription state). */
  ping(): Promise<void> {
    return this.transport.ping();
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

/** The typed end of a subscription whose events may have been lost. */
export function liveEventsInterrupted(gap: TicketEventGap): AppError {
  return new AppError(
    ErrorCode.SERVICE_UNAVAILABLE,
    `Live events were interrupted at ${gap.since.toISOString()}; read what was missed from auditEvents and subscribe again`,
    { reason: gap.reason },
  );
}
