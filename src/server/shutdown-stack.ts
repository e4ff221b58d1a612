/** Where a shutdown step's outcome is reported (pino's Logger fits). */
export interface ShutdownLog {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

interface Step {
  name: string;
  close: () => Promise<void> | void;
  timeoutMs: number;
}

/**
 * What the composition root started, stopped last first. `close()` is idempotent (every caller,
 * concurrent or later, waits for the one run) and bounded: a step that fails is logged, a step
 * that does not finish within its timeout is logged and left behind, and the next one runs, so a
 * hung dependency can neither stop the others from closing nor keep `close()` waiting forever.
 */
export class ShutdownStack {
  private readonly steps: Step[] = [];
  private closing: Promise<void> | undefined;

  constructor(private readonly options: { log: ShutdownLog; defaultStepTimeoutMs: number }) {}

  /** Registers what undoes the thing just started. */
  push(name: string, close: () => Promise<void> | void, timeoutMs = this.options.defaultStepTimeoutMs): void {
    if (this.closing) throw new Error(`Cannot register "${name}": shutdown has begun`);
    this.steps.push({ name, close, timeoutMs });
  }

  /** Names of the steps not yet run, last first (the order `close()` runs them). */
  pending(): string[] {
    return this.steps.map((step) => step.name).reverse();
  }

  close(): Promise<void> {
    this.closing ??= this.run();
    return this.closing;
  }

  private async run(): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      const outcome = await settleWithin(step.close, step.timeoutMs);
      if (outcome.kind === "failed") this.options.log.error({ err: outcome.error, step: step.name }, "shutdown step failed");
      if (outcome.kind === "timedOut") this.options.log.warn({ step: step.name, timeoutMs: step.timeoutMs }, "shutdown step did not finish in time; going on");
    }
  }
}

type Outcome = { kind: "done" } | { kind: "failed"; error: unknown } | { kind: "timedOut" };

/** Runs `fn` and waits at most `timeoutMs` for it; never throws. */
export async function settleWithin(fn: () => Promise<void> | void, timeoutMs: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const work = (async (): Promise<Outcome> => {
    await fn();
    return { kind: "done" };
  })().catch((error: unknown): Outcome => ({ kind: "failed", error }));
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "timedOut" }), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
