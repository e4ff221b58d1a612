import { onAbort } from "./abort-fan-out";

/** What a read asks of the limiter: whose slot it is (a tenant id) and when to stop waiting. */
export interface SlotRequest {
  /** The tenant the read concerns; reads with a key share at most `perKeyLimit` slots. None: the global cap only. */
  key?: string;
  /** Stops waiting for a slot when aborted (the request's upstream budget); rejects with its reason. */
  signal?: AbortSignal;
}

interface Waiter {
  key: string | undefined;
  start(): void;
}

/**
 * A counting semaphore: at most `limit` upstream reads run at once, and at most `perKeyLimit` of
 * them for one tenant; the rest wait in FIFO order (a waiter whose tenant is at its cap lets the
 * next one pass).
 * Why: a cold dashboard over hundreds of tenants would otherwise open hundreds of connections at
 * once, and Graph throttles per app; a steady 32 in flight keeps latency at about
 * round trip x ceil(calls / 32) without bursts. The per-tenant cap keeps a hung tenant from
 * holding the slots other tenants need (issue 14.5).
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly activeByKey = new Map<string, number>();
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly limit: number,
    readonly perKeyLimit: number = limit,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`Concurrency limit must be a whole number >= 1 (got ${limit})`);
    if (!Number.isInteger(perKeyLimit) || perKeyLimit < 1) throw new Error(`Per-tenant concurrency limit must be a whole number >= 1 (got ${perKeyLimit})`);
  }

  /** Runs `task` when a slot is free for its key; the slot is released however the task ends. */
  async run<T>(task: () => Promise<T>, request: SlotRequest = {}): Promise<T> {
    await this.acquire(request);
    try {
      return await task();
    } finally {
      this.release(request.key);
    }
  }

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Tasks running now for `key`. */
  runningFor(key: string): number {
    return this.activeByKey.get(key) ?? 0;
  }

  private acquire({ key, signal }: SlotRequest): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiting.length === 0 && this.hasRoom(key)) {
      this.take(key);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      let forget = () => {};
      const waiter: Waiter = {
        key,
        start: () => {
          forget();
          this.take(key);
          resolve();
        },
      };
      if (signal) {
        forget = onAbort(signal, () => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(signal.reason);
        });
      }
      this.waiting.push(waiter);
      // A waiter whose tenant has room may pass others that wait on their own tenant's cap.
      this.dispatch();
    });
  }

  private hasRoom(key: string | undefined): boolean {
    return this.active < this.limit && (key === undefined || this.runningFor(key) < this.perKeyLimit);
  }

  private take(key: string | undefined): void {
    this.active += 1;
    if (key !== undefined) this.activeByKey.set(key, this.runningFor(key) + 1);
  }

  private release(key: string | undefined): void {
    this.active -= 1;
    if (key !== undefined) {
      const left = this.runningFor(key) - 1;
      if (left > 0) this.activeByKey.set(key, left);
      else this.activeByKey.delete(key);
    }
    this.dispatch();
  }

  /** Starts waiters in FIFO order while slots are free, skipping those whose tenant is at its cap. */
  private dispatch(): void {
    for (let i = 0; i < this.waiting.length && this.active < this.limit; ) {
      const waiter = this.waiting[i] as Waiter;
      if (this.hasRoom(waiter.key)) {
        this.waiting.splice(i, 1);
        waiter.start();
      } else {
        i += 1;
      }
    }
  }
}
