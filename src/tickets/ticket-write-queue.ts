import { ErrorCode, isAppError } from "../errors";

/**
 * Runs writes to one ticket one after another inside this process. Writes to different tickets
 * run side by side; the chain for a ticket is dropped once its last write settles.
 */
export class KeyedWriteQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a write queued or running (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}

export interface StaleRetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Upper bound of the random pause between attempts, in milliseconds. */
  maxJitterMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_STALE_RETRY: StaleRetryOptions = { attempts: 10, maxJitterMs: 25 };

const isStaleVersion = (error: unknown): boolean => isAppError(error) && error.code === ErrorCode.VERSION_CONFLICT;

/**
 * Re-runs `attempt` (which must reload what it writes over) while another writer, e.g. another
 * instance, wins the race for the same version. Any other error, and the last conflict, propagate.
 */
export async function retryOnStaleVersion<T>(attempt: () => Promise<T>, options: StaleRetryOptions = DEFAULT_STALE_RETRY): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isStaleVersion(error) || tries >= options.attempts) throw error;
      // Jitter spreads instances that lost the same race so they do not collide again in step.
      await sleep(Math.floor(random() * options.maxJitterMs * tries));
    }
  }
}
