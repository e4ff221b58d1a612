import { setMaxListeners } from "node:events";
import { createPubSub, SlidingBuffer, type PubSub, type PubSubEventTarget, type Repeater } from "@graphql-yoga/subscription";
import { isAlertPayload, type AlertPayload } from "../../alerts/alert-payload";
import { AppError, ErrorCode } from "../../errors";
import type { StoredTicketEvent } from "../../tickets/ticket-store.types";
import { liveStream } from "./live-stream";

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

/**
 * An EventTarget with one listener per open subscription (removed when the stream ends): Node's
 * warning at 11 listeners would call every busy desk a leak.
 */
function listenerTarget(): EventTarget {
  const target = new EventTarget();
  setMaxListeners(0, target);
  return target;
}

const inProcess = (): LiveEventTransport => ({
  eventTarget: listenerTarget() as PubSubEventTarget<TicketEventTopics>,
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
  private readonly gaps = listenerTarget();

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
   * One subscription's events (see {@link liveStream}): those `accept` lets through, ending with
   * SERVICE_UNAVAILABLE at a gap; with `replay` (resuming after a reconnect, issue 16) the events
   * after the client's last one first, then the live ones, without gap or duplicate.
   */
  stream(accept: (event: StoredTicketEvent) => boolean | Promise<boolean>, replay?: () => AsyncIterable<StoredTicketEvent>): Repeater<StoredTicketEvent> {
    const source = {
      // Whatever else arrives on the channel (a foreign publisher's alert payload) is not a ticket event.
      subscribe: (listener: (event: StoredTicketEvent) => void) =>
        this.onEvent((event) => {
          if (!isAlertPayload(event)) listener(event);
        }),
      onGap: (listener: (gap: TicketEventGap) => void) => this.onGap(listener),
    };
    const sequenceOf = (event: StoredTicketEvent) => event.globalSequence;
    return liveStream(source, { accept, interrupted: liveEventsInterrupted, maxBacklog: MAX_BUFFERED, replay, sequenceOf });
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
