/**
 * `npm run console:budget` (CI): the console's initial JavaScript, everything index.html loads
 * before any lazy page (its module scripts and modulepreloads), gzipped, must stay within
 * 300 KB; the recorded console build time (dist/console/build-info.json) within 60 s. Prints
 * every figure; exits 1 when a budget is exceeded or the build is missing.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const INITIAL_JS_BUDGET_BYTES = 300 * 1024;
export const BUILD_SECONDS_BUDGET = 60;

/** The JavaScript files an HTML entry loads at once: `<script type="module" src>` and `<link rel="modulepreload" href>`. */
export function initialScripts(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)) found.add(match[1] as string);
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g)) found.add(match[1] as string);
  return [...found];
}

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function entrySize(directory: string, html: string): { files: { file: string; gzip: number }[]; total: number } {
  const files = initialScripts(readFileSync(join(directory, html), "utf8")).map((src) => ({ file: src, gzip: gzipBytes(join(directory, src.replace(/^\//, ""))) }));
  return { files, total: files.reduce((sum, item) => sum + item.gzip, 0) };
}

function main(): number {
  const directory = join(process.cwd(), "dist", "console");
  let failed = false;
  try {
    statSync(join(directory, "index.html"));
  } catch {
    process.stderr.write("dist/console/index.html is missing: run `npm run build:console` first.\n");
    return 1;
  }
  const console = entrySize(directory, "index.html");
  for (const item of console.files) process.stdout.write(`  ${item.file}  ${kb(item.gzip)} gzip\n`);
  const ok = console.total <= INITIAL_JS_BUDGET_BYTES;
  failed ||= !ok;
  process.stdout.write(`Console initial JavaScript: ${kb(console.total)} gzip (budget ${kb(INITIAL_JS_BUDGET_BYTES)}) ${ok ? "ok" : "OVER BUDGET"}\n`);
  const explorer = entrySize(directory, "explorer.html");
  process.stdout.write(`Explorer (/explorer, not budgeted) initial JavaScript: ${kb(explorer.total)} gzip\n`);
  const assets = readdirSync(join(directory, "assets")).filter((name) => name.endsWith(".js"));
  const all = assets.reduce((sum, name) => sum + gzipBytes(join(directory, "assets", name)), 0);
  process.stdout.write(`All JavaScript chunks (lazy pages, mermaid, charts, explorer): ${assets.length} files, ${kb(all)} gzip\n`);
  try {
    const info = JSON.parse(readFileSync(join(directory, "build-info.json"), "utf8")) as { buildSeconds: number };
    const fast = info.buildSeconds <= BUILD_SECONDS_BUDGET;
    failed ||= !fast;
    process.stdout.write(`Console build time: ${info.buildSeconds.toFixed(1)} s (budget ${BUILD_SECONDS_BUDGET} s) ${fast ? "ok" : "OVER BUDGET"}\n`);
  } catch {
    process.stderr.write("dist/console/build-info.json is missing: build with `npm run build:console`, which records the build time.\n");
    failed = true;
  }
  return failed ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
