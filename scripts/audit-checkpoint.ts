/**
 * `npm run audit:checkpoint [-- --export FILE.ndjson] [--public-key]`: signs the current head
 * of the global audit chain with AUDIT_SIGNING_KEY_FILE (sandbox: created under DATA_DIR when
 * absent) and stores the checkpoint; `--export` then writes every stored checkpoint as NDJSON,
 * a copy to keep where the database's writers cannot reach; `--public-key` prints the PEM a
 * verifier needs. Exits 1 when the chain since the last checkpoint does not link up (nothing is
 * signed), 2 when it could not run.
 */
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { parseConfig } from "../src/config";
import { openDatabase } from "../src/db/data-source";
import { runCli } from "./run-cli";
import { AuditChainBrokenError, checkpointsToNdjson, listCheckpoints, writeCheckpoint } from "../src/tickets/audit-checkpoint";
import { loadAuditSigningKey, publicKeyFileOf } from "../src/tickets/audit-signing-key";

function option(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index === -1) return undefined;
  const value = argv[index + 1];
  if (!value || value.startsWith("--")) throw new Error(`${name} needs a file name`);
  return value;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const exportFile = option(argv, "--export");
  const config = parseConfig(process.env);
  const keyFile = config.audit.signingKeyFile;
  if (keyFile === null) {
    process.stderr.write("AUDIT_SIGNING_KEY_FILE is not set: there is no key to sign checkpoints with.\n");
    return 2;
  }
  const key = loadAuditSigningKey(keyFile, { create: config.audit.createSigningKey });
  if (argv.includes("--public-key")) process.stdout.write(key.publicKeyPem);
  const dataSource = await openDatabase(config.databaseUrl);
  try {
    try {
      const checkpoint = await writeCheckpoint(dataSource, key);
      process.stderr.write(
        checkpoint === null
          ? "No new audit events since the last checkpoint; nothing signed.\n"
          : `Signed checkpoint at global sequence ${checkpoint.sequence} (${checkpoint.tickets.length} tickets since sequence ${checkpoint.fromSequence}) with key ${key.keyId}; public key: ${publicKeyFileOf(keyFile)}\n`,
      );
    } catch (error) {
      if (!(error instanceof AuditChainBrokenError)) throw error;
      process.stdout.write(`Checkpoint REFUSED at global sequence ${error.globalSequence}${error.ticketId ? ` (ticket ${error.ticketId})` : ""}: ${error.message}\n`);
      return 1;
    }
    if (exportFile !== undefined) {
      const checkpoints = await listCheckpoints(dataSource);
      writeFileSync(exportFile, checkpointsToNdjson(checkpoints));
      process.stderr.write(`Exported ${checkpoints.length} checkpoints to ${exportFile}\n`);
    }
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

runCli("audit:checkpoint", main);
