import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface EmulatorProcess {
  url: string;
  caCertPath: string;
  caCertPem: string;
  close(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;

/**
 * Starts the Microsoft cloud emulator (dist/scripts/emulator.js) as its own process on a free
 * port. The benchmark measures the gateway: Microsoft's work must not share the gateway's event
 * loop, as it would with the in-process emulator of `npm start`.
 */
export function startEmulatorProcess(options: { tenants: number; seed: number; tlsDir: string }): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [join(__dirname, "..", "scripts", "emulator.js")], {
    env: {
      ...process.env,
      EMULATOR_PORT: "0",
      EMULATOR_TENANTS: String(options.tenants),
      EMULATOR_SEED: String(options.seed),
      EMULATOR_TLS_DIR: options.tlsDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`emulator process ${reason}\n${output}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
    child.on("error", (error) => fail(`failed: ${error.message}`));
    child.on("exit", (code) => fail(`exited with ${code}`));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (https:\/\/\S+)/.exec(output)?.[1];
      const caCertPath = /CA certificate:\s+(\S+)/.exec(output)?.[1];
      if (url === undefined || caCertPath === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      child.stdout!.removeAllListeners("data");
      child.stdout!.resume();
      resolve({ url, caCertPath, caCertPem: readFileSync(caCertPath, "utf8"), close: () => stopChild(child) });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
