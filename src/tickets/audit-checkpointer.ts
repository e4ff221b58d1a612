import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { AuditChainBrokenError, writeCheckpoint, type AuditCheckpoint } from "./audit-checkpoint";
import { loadAuditSigningKey, publicKeyFileOf, type AuditSigningKey } from "./audit-signing-key";

/**
 * Writes a signed checkpoint of the global audit chain every `intervalMs` (when the head moved)
 * and a last one on stop, so the window in which a database-level rewrite goes unanchored is at
 * most one interval. One checkpoint at a time per instance; instances race harmlessly (the
 * unique `from_sequence` keeps the first).
 */
export class AuditCheckpointer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<AuditCheckpoint | null> | null = null;

  constructor(
    private readonly options: { dataSource: DataSource; key: AuditSigningKey; intervalMs: number; log: Logger },
  ) {}

  start(): void {
    if (this.timer !== null || this.options.intervalMs === 0) return;
    this.timer = setInterval(() => void this.checkpointNow().catch(() => undefined), this.options.intervalMs);
    this.timer.unref();
  }

  /** Signs the current head now (waits for a checkpoint already being written, then writes its own). */
  async checkpointNow(): Promise<AuditCheckpoint | null> {
    while (this.running !== null) await this.running.catch(() => undefined);
    const run = writeCheckpoint(this.options.dataSource, this.options.key).then(
      (checkpoint) => {
        if (checkpoint !== null) this.options.log.info({ sequence: checkpoint.sequence, keyId: checkpoint.keyId }, "audit checkpoint signed");
        return checkpoint;
      },
      (error: unknown) => {
        // A chain that no longer links up is an integrity alarm, not a routine failure.
        if (error instanceof AuditChainBrokenError) {
          this.options.log.error({ globalSequence: error.globalSequence, ticketId: error.ticketId }, `audit chain broken, checkpoint refused: ${error.message}`);
        } else {
          this.options.log.warn({ err: error }, "audit checkpoint not written");
        }
        throw error;
      },
    );
    this.running = run;
    try {
      return await run;
    } finally {
      if (this.running === run) this.running = null;
    }
  }

  /** Stops the interval and signs what was appended since the last checkpoint (before the database closes). */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.checkpointNow().catch(() => undefined);
  }
}

/**
 * The app's checkpointer: null (with a warning) when no signing key is configured (microsoft
 * mode without AUDIT_SIGNING_KEY_FILE); in sandbox mode the key is created under DATA_DIR.
 * Logs the key id and public key so operators can keep a copy elsewhere.
 */
export function startAuditCheckpointer(
  config: { audit: { signingKeyFile: string | null; createSigningKey: boolean; checkpointIntervalMs: number } },
  dataSource: DataSource,
  log: Logger,
): AuditCheckpointer | null {
  const { signingKeyFile, createSigningKey, checkpointIntervalMs } = config.audit;
  if (signingKeyFile === null) {
    log.warn("AUDIT_SIGNING_KEY_FILE is not set: no signed audit checkpoints (the audit trail is not anchored)");
    return null;
  }
  const key = loadAuditSigningKey(signingKeyFile, { create: createSigningKey });
  log.info({ keyId: key.keyId, publicKeyFile: publicKeyFileOf(signingKeyFile), intervalMs: checkpointIntervalMs }, "audit checkpoints signed with Ed25519 key");
  const checkpointer = new AuditCheckpointer({ dataSource, key, intervalMs: checkpointIntervalMs, log: log.child({ component: "audit-checkpoints" }) });
  checkpointer.start();
  return checkpointer;
}
