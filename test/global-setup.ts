import { execFileSync } from "node:child_process";

/**
 * Compiles src/, machines/ and scripts/ to dist/ before the suite when a source is newer than the
 * last build (scripts/ensure-build.mjs, as `npm start` does), so tests that run the command-line
 * scripts (audit:verify, token, the gateway process) exercise the current code.
 */
export default function setup(): void {
  execFileSync(process.execPath, ["scripts/ensure-build.mjs"], { stdio: "inherit" });
}
