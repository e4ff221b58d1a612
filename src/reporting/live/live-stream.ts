import { Repeater } from "@graphql-yoga/subscription";

/** Where a live stream's values come from: each value as it is published, and breaks in delivery. */
export interface LiveSource<T, G> {
  subscribe(listener: (value: T) => void): () => void;
  onGap(listener: (gap: G) => void): () => void;
}

export interface LiveStreamOptions<T, G> {
  /** Whether the subscriber receives a value (it may be async, e.g. a tenant check). */
  accept: (value: T) => boolean | Promise<boolean>;
  /** The error a gap ends the stream with. */
  interrupted: (gap: G) => unknown;
  /** Most live values held for one slow subscriber; older ones are dropped (a live view, not the record). */
  maxBacklog: number;
  /** Values to deliver before the live ones (resuming after a reconnect). */
  replay?: (() => AsyncIterable<T>) | undefined;
  /** A value's position (the same for its replayed and its live copy); null when it has none. */
  sequenceOf?: (value: T) => number | null;
}

/**
 * One subscription's stream (live ticket events, live alerts): the values `accept` lets through,
 * in publish order. `accept` throwing ends the stream with that error after the values accepted
 * before; a gap ends it with `interrupted(gap)` the same way.
 *
 * With `replay`, the live listener is in place first and holds what arrives while the replay is
 * read; then the held values follow, and every live value the replay already delivered (same
 * `sequenceOf`) is skipped: no gap, no duplicate.
 */
export function liveStream<T, G>(source: LiveSource<T, G>, options: LiveStreamOptions<T, G>): Repeater<T> {
  const { accept, replay, sequenceOf = () => null } = options;
  return new Repeater<T>(async (push, stop) => {
    let chain = Promise.resolve();
    let ended = false;
    let held: T[] | null = replay ? [] : null;
    const replayed = new Set<number>();
    const end = (error?: unknown) => {
      ended = true;
      stop(error);
    };
    const offer = async (value: T): Promise<void> => {
      if (ended) return;
      try {
        if (await accept(value)) await push(value);
      } catch (error) {
        end(error);
      }
    };
    // Live values waiting behind the one being delivered (checks run one after another, so
    // delivery keeps the publish order, and each waits until the client took the one before).
    let backlog = 0;
    const deliver = (value: T) => {
      const sequence = sequenceOf(value);
      if (sequence !== null && replayed.has(sequence)) return;
      backlog++;
      chain = chain.then(async () => {
        backlog--;
        // A subscriber this far behind loses its oldest live values.
        if (backlog >= options.maxBacklog) return;
        await offer(value);
      });
    };
    const unsubscribe = source.subscribe((value) => {
      if (held) held.push(value);
      else deliver(value);
    });
    const stopGaps = source.onGap((gap) => {
      chain = chain.then(() => {
        if (!ended) end(options.interrupted(gap));
      });
    });
    if (replay) {
      chain = chain.then(async () => {
        try {
          for await (const value of replay()) {
            if (ended) return;
            const sequence = sequenceOf(value);
            if (sequence !== null) replayed.add(sequence);
            await offer(value);
          }
        } catch (error) {
          end(error);
        }
        const caughtUp = held ?? [];
        held = null;
        for (const value of caughtUp) deliver(value);
      });
    }
    await stop;
    ended = true;
    unsubscribe();
    stopGaps();
    // No buffer: `push` resolves once the client took the value, so a replay is paced by the
    // client and never dropped; the live backlog above is what is bounded.
  });
}
