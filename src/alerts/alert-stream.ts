import type { AlertBus } from "./alert-bus";
import type { AlertPayload } from "./alert-payload";

const MAX_BUFFERED = 500;

/** The bus as an async iterator for one subscription: alerts that pass `accept`, in raise order; `return()` unsubscribes. */
export function alertStream(bus: AlertBus, accept: (alert: AlertPayload) => Promise<boolean>): AsyncIterableIterator<AlertPayload> {
  const buffered: AlertPayload[] = [];
  let waiting: ((result: IteratorResult<AlertPayload>) => void) | null = null;
  let done = false;
  let chain = Promise.resolve();
  const unsubscribe = bus.subscribe((alert) => {
    chain = chain.then(async () => {
      if (done || !(await accept(alert).catch(() => false)) || done) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value: alert, done: false });
      } else {
        buffered.push(alert);
        if (buffered.length > MAX_BUFFERED) buffered.shift();
      }
    });
  });
  const finish = (): Promise<IteratorResult<AlertPayload>> => {
    done = true;
    unsubscribe();
    buffered.length = 0;
    waiting?.({ value: undefined, done: true });
    waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next: () => {
      if (buffered.length > 0) return Promise.resolve({ value: buffered.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return: finish,
    throw: (error: unknown) => {
      void finish();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
