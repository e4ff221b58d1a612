/**
 * Writes the ticket machine's Mermaid diagram to machines/support-ticket.mmd.
 * `--check` writes nothing and exits 1 when the committed file differs from the machine.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toMermaid } from "../machines";

/** Where the generated diagram lives, relative to the repository root. */
export const MACHINE_DIAGRAM_PATH = join("machines", "support-ticket.mmd");

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** Runs the command; returns the process exit code. */
export function runMachineDiagram(args: readonly string[], root: string = process.cwd()): number {
  const path = join(root, MACHINE_DIAGRAM_PATH);
  const expected = toMermaid();
  if (args.includes("--check")) {
    if (readOrNull(path) === expected) return 0;
    process.stderr.write(`${MACHINE_DIAGRAM_PATH} is out of date with the ticket machine; run the machine-diagram script.\n`);
    return 1;
  }
  writeFileSync(path, expected);
  process.stdout.write(`wrote ${MACHINE_DIAGRAM_PATH}\n`);
  return 0;
}

if (require.main === module) {
  process.exitCode = runMachineDiagram(process.argv.slice(2));
}
