import { spawn } from "node:child_process";
import { join } from "node:path";

/** The q-th percentile (0..100) of `values` by nearest rank; NaN for none. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Milliseconds since `start` (from process.hrtime.bigint()). */
export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** Prints rows as an aligned text table under a title. */
export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padStart(widths[i]!)).join(" | ")} |`;
  console.log(line(columns));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const row of rows) console.log(line(columns.map((column) => String(row[column] ?? ""))));
}

export interface AutocannonSummary {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * Runs autocannon in a child process (so the load generator does not share the gateway's event
 * loop) against one POST endpoint and returns its summary.
 */
export function runAutocannon(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
}): Promise<AutocannonSummary> {
  const bin = join(__dirname, "..", "..", "node_modules", "autocannon", "autocannon.js");
  const args = [
    bin,
    "--json",
    "-m", "POST",
    "-c", String(options.connections),
    "-d", String(options.durationSeconds),
    "-b", options.body,
    ...Object.entries(options.headers).flatMap(([name, value]) => ["-H", `${name}=${value}`]),
    options.url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err}`));
      const json = JSON.parse(out) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
      };
      resolve({
        requestsPerSecond: json.requests.average,
        latencyP50Ms: json.latency.p50,
        latencyP99Ms: json.latency.p99,
        requests: json.requests.total,
        non2xx: json.non2xx,
        errors: json.errors,
      });
    });
  });
}
