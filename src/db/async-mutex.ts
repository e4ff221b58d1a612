import { AsyncLocalStorage } from "node:async_hooks";

/**
 * A tiny FIFO async mutex. Re-entrant within one async call chain (tracked with
 * AsyncLocalStorage), so a locked section may call other locked helpers without deadlocking.
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();
  private readonly holder = new AsyncLocalStorage<true>();

  /** Runs `fn` once every earlier caller has finished; callers are served in arrival order. */
  async runExclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.holder.getStore() === true) return fn();
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await this.holder.run(true, fn);
    } finally {
      release();
    }
  }

  /**
   * Runs `fn` as a new caller, queued behind every holder, even when called from inside a held
   * section: for work scheduled (setImmediate, timers) from a section it must not inherit.
   */
  runExclusiveAsNewCaller<T>(fn: () => Promise<T>): Promise<T> {
    return this.holder.exit(() => this.runExclusive(fn));
  }
}
