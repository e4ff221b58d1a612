/**
 * Calls `callback` once when `signal` aborts; answers a function that forgets it. Every signal gets
 * ONE "abort" listener, fanning out to a set of callbacks: Node's EventTarget walks its whole
 * listener list on each addEventListener, so the thousands of reads one request's budget signal
 * guards (a 5,000-tenant board, each read also waiting for a concurrency slot) cost O(n²) with a
 * listener each, about a quarter of the board's CPU.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) {
    let forgotten = false;
    queueMicrotask(() => forgotten || callback());
    return () => void (forgotten = true);
  }
  let callbacks = fanOuts.get(signal);
  if (callbacks === undefined) {
    const created = new Set<() => void>();
    callbacks = created;
    fanOuts.set(signal, created);
    signal.addEventListener(
      "abort",
      () => {
        fanOuts.delete(signal);
        for (const each of created) each();
        created.clear();
      },
      { once: true },
    );
  }
  const registered = callbacks;
  // A fresh function per registration, so one callback registered twice is called twice, like two listeners.
  const entry = () => callback();
  registered.add(entry);
  return () => void registered.delete(entry);
}

const fanOuts = new WeakMap<AbortSignal, Set<() => void>>();
