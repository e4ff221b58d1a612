/**
 * `npm run audit:verify [-- --ticket ID] [--checkpoints FILE.ndjson] [--public-key KEY.pem]`:
 * re-checks every ticket's hash chain, replays its events through the ticket machine (snapshot,
 * state and served row columns must match), then the global chain (gap-free sequence, links,
 * head, event times) and every signed checkpoint (stored, and from an exported copy with
 * --checkpoints). Prints every finding naming ticket and sequence; exits 1 on any finding,
 * 2 when it could not run.
 *
 * Signatures are checked with --public-key, else AUDIT_PUBLIC_KEY_FILE, else the public half of
 * AUDIT_SIGNING_KEY_FILE (sandbox: DATA_DIR/audit-signing-key.pem). Checkpoints that cannot be
 * checked for want of a key are a finding, never a silent pass.
 */
import "reflect-metadata";
import { existsSync, readFileSync } from "node:fs";
import { parseConfig, type Config } from "../src/config";
import { openDatabase } from "../src/db/data-source";
import { runCli } from "./run-cli";
import { listCheckpoints, parseCheckpointsNdjson } from "../src/tickets/audit-checkpoint";
import { loadAuditPublicKey, publicKeyFileOf, type AuditPublicKey } from "../src/tickets/audit-signing-key";
import { verifyAnchoredAuditTrail, type AuditFinding } from "../src/tickets/audit-verifier";
import { TicketStore } from "../src/tickets/ticket.store";

const MAX_PRINTED = 50;

function option(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index === -1) return undefined;
  const value = argv[index + 1];
  if (!value || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

/** The key to check signatures with, or null when none is configured. */
function publicKey(argv: string[], config: Config): AuditPublicKey | null {
  const explicit = option(argv, "--public-key") ?? config.audit.publicKeyFile ?? undefined;
  if (explicit !== undefined) return loadAuditPublicKey(explicit);
  const signing = config.audit.signingKeyFile;
  if (signing === null) return null;
  if (existsSync(publicKeyFileOf(signing))) return loadAuditPublicKey(publicKeyFileOf(signing));
  return existsSync(signing) ? loadAuditPublicKey(signing) : null;
}

function describe(finding: AuditFinding): string {
  const place =
    finding.ticketId === null
      ? `at global sequence ${finding.globalSequence ?? "-"}`
      : `for ticket ${finding.ticketId} at sequence ${finding.sequence}${finding.globalSequence === null ? "" : ` (global sequence ${finding.globalSequence})`}`;
  return `Audit verification FAILED ${place}: [${finding.kind}] ${finding.reason}\n`;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const ticketId = option(argv, "--ticket");
  const checkpointFile = option(argv, "--checkpoints");
  const config = parseConfig(process.env);
  const key = publicKey(argv, config);
  const externalCheckpoints = checkpointFile === undefined ? [] : parseCheckpointsNdjson(readFileSync(checkpointFile, "utf8"));
  const dataSource = await openDatabase(config.databaseUrl);
  try {
    const started = Date.now();
    const store = new TicketStore(dataSource);
    const storedCount = (await listCheckpoints(dataSource)).length;
    if (key === null && storedCount + externalCheckpoints.length > 0 && ticketId === undefined) {
      process.stdout.write("Audit verification FAILED: checkpoints exist but no public key to check their signatures (--public-key, AUDIT_PUBLIC_KEY_FILE or AUDIT_SIGNING_KEY_FILE)\n");
      return 1;
    }
    const report = await verifyAnchoredAuditTrail(store, {
      ...(ticketId === undefined ? {} : { ticketId }),
      externalCheckpoints,
      ...(key === null ? {} : { publicKeys: [key] }),
      onProgress: (count) => process.stderr.write(`... ${count} tickets verified\n`),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const scope = `${report.ticketsChecked} tickets, ${report.eventsChecked} events`;
    if (report.findings.length > 0) {
      for (const finding of report.findings.slice(0, MAX_PRINTED)) process.stdout.write(describe(finding));
      if (report.findings.length > MAX_PRINTED) process.stdout.write(`... and ${report.findings.length - MAX_PRINTED} more findings\n`);
      process.stdout.write(`(${report.findings.length} findings; checked ${scope}, ${report.checkpointsChecked} checkpoints)\n`);
      return 1;
    }
    const anchored =
      ticketId !== undefined
        ? "one ticket only, global chain not checked"
        : report.checkpointsChecked === 0
          ? `global chain of ${report.globalSequence} events intact; NO checkpoints yet, so nothing is anchored (npm run audit:checkpoint)`
          : `global chain of ${report.globalSequence} events intact; ${report.checkpointsChecked} checkpoints verified with key ${key!.keyId}`;
    process.stdout.write(
      `Audit verification passed: ${scope}; hash chains intact and every replay matches its stored snapshot and row; ${anchored} (${seconds}s).\n`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

runCli("audit:verify", main);
