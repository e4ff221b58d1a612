// Builds dist/ only when a source is newer than the last build, so `npm start` and the `npm run`
// helpers answer in about a second on an up-to-date tree. Plain JavaScript: it must run before dist/
// exists. Silent when dist/ is fresh; says on stderr why it builds otherwise.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import process from "node:process";
import { fileURLToPath, URL } from "node:url";

/** Folders compiled by tsconfig.json, and the files whose change changes the build. */
export const SOURCE_DIRS = ["src", "machines", "scripts"];
export const SOURCE_FILES = ["tsconfig.json", "package-lock.json"];
export const STAMP = join("dist", ".build-stamp");

function newestSource(root) {
  let newest = { path: undefined, mtimeMs: 0 };
  const consider = (path) => {
    const { mtimeMs } = statSync(path);
    if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) consider(path);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const file of SOURCE_FILES) if (existsSync(join(root, file))) consider(join(root, file));
  return newest;
}

/** Why dist/ under `root` needs a build, or undefined when it is up to date. */
export function staleReason(root) {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp)) return "no previous build";
  const built = statSync(stamp).mtimeMs;
  const newest = newestSource(root);
  return newest.mtimeMs > built ? `${relative(root, newest.path)} changed` : undefined;
}

function tscPath(root) {
  const local = join(root, "node_modules/typescript/bin/tsc");
  return existsSync(local) ? local : fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
}

/** Runs tsc (incremental, see tsconfig.json) when dist/ is stale, then stamps the build. */
export function ensureBuild(root) {
  const reason = staleReason(root);
  if (reason === undefined) return false;
  process.stderr.write(`Building dist/ (${reason})...\n`);
  const startedAt = Date.now();
  execFileSync(process.execPath, [tscPath(root), "-p", join(root, "tsconfig.json")], { stdio: "inherit" });
  // The stamp carries the time the build started: a source saved during the build stays newer.
  writeFileSync(join(root, STAMP), `${new Date(startedAt).toISOString()}\n`);
  utimesSync(join(root, STAMP), startedAt / 1000, startedAt / 1000);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    // An optional argument names another project root (the tests build a scratch project).
    ensureBuild(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
  } catch {
    process.exit(1); // tsc has printed its errors
  }
}
