import type { WorkerLog } from "./escalation-outbox.worker";

/** Something that runs one round of background work. */
export interface PeriodicTask {
  name: string;
  intervalMs: number;
  /** Wait before the first round (default: at most 50 ms, so the first round runs right after start). */
  firstDelayMs?: number;
  runOnce(): Promise<unknown>;
}

/** Running background tasks; `stop` waits for rounds in progress to end. */
export interface RunningTasks {
  stop(): Promise<void>;
}

/**
 * Runs each task every `intervalMs` (a round starts after the previous one ended, so rounds never
 * overlap), logging failures without stopping. Timers are unref'd so they never keep a process alive.
 */
export function startPeriodicTasks(tasks: readonly PeriodicTask[], log: WorkerLog): RunningTasks {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const schedule = (task: PeriodicTask, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const round = task
        .runOnce()
        .then(
          () => undefined,
          (error: unknown) => log.error({ err: error, task: task.name }, "background task round failed"),
        )
        .finally(() => {
          inFlight.delete(round);
          schedule(task, task.intervalMs);
        });
      inFlight.add(round);
    }, delay);
    timer.unref();
    timers.add(timer);
  };
  for (const task of tasks) schedule(task, task.firstDelayMs ?? Math.min(task.intervalMs, 50));
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...inFlight]);
    },
  };
}
