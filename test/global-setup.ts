import { execFileSync } from "node:child_process";

/**
 * Compiles src/, machines/ and scripts/ to dist/ once before the suite, so tests that run the
 * command-line scripts (audit:verify, token, the gateway process) exercise the current code.
 */
export default function setup(): void {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
}
