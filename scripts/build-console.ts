/**
 * `npm run build:console` (and `npm ci` through `prepare`): builds the console and the explorer
 * with vite into dist/console and records how long that took in dist/console/build-info.json,
 * which `npm run console:budget` checks against its 60 s budget (issue 17).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

function main(): number {
  const started = Date.now();
  const vite = join(process.cwd(), "node_modules", "vite", "bin", "vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--config", "console/vite.config.mts", "--logLevel", "warn"], { stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write(`console build failed (vite exited ${result.status ?? result.signal})\n`);
    return 1;
  }
  const buildSeconds = (Date.now() - started) / 1000;
  writeFileSync(join(process.cwd(), "dist", "console", "build-info.json"), `${JSON.stringify({ buildSeconds, builtAt: new Date().toISOString() }, null, 2)}\n`);
  process.stdout.write(`console built in ${buildSeconds.toFixed(1)} s (dist/console)\n`);
  return 0;
}

process.exitCode = main();
