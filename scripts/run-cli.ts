import { ConfigError } from "../src/config";

/**
 * Runs a command-line script's `main` and exits with its code; a failure exits 2 (the audit
 * scripts keep 1 for "findings"), a configuration error says which variable is wrong.
 */
export function runCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${error instanceof ConfigError ? `Configuration error: ${reason}` : `${name} failed: ${reason}`}\n`);
      process.exit(2);
    },
  );
}
