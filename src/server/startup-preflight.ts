import { accessSync, constants, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname } from "node:path";
import { ConfigError, type Config } from "../config";

/**
 * Checks a start can succeed before it migrates or seeds anything: the ports are free and the
 * files and folders the configuration names are usable. Each failure names its variable and path,
 * so `npm start` fails in a second with one line instead of deep inside SQLite or graphql-ws.
 */
export async function preflightStart(config: Config): Promise<void> {
  checkFiles(config);
  await checkPorts(config);
}

/** The folders and files of the configuration: DATA_DIR, the SQLite file's folder, the config files. */
export function checkFiles(config: Config): void {
  writableFolder("DATA_DIR", config.dataDir);
  if (config.databaseUrl.startsWith("sqlite:") && config.databaseUrl !== "sqlite::memory:") {
    const file = config.databaseUrl.slice("sqlite:".length);
    writableFolder("DATABASE_URL", dirname(file), `the folder of the SQLite file ${file}`);
  }
  readableFile("SUPPORT_OFFERING_FILE", config.supportOfferingFile);
  readableFile("SUPPORT_TOPICS_FILE", config.supportTopicsFile);
}

function writableFolder(variable: string, folder: string, what = "the folder"): void {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    accessSync(folder, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw new ConfigError(variable, `cannot use ${folder} (${what}) for writing: ${reason(error)}`);
  }
}

function readableFile(variable: string, file: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch (error) {
    throw new ConfigError(variable, `cannot read ${file}: ${reason(error)}`);
  }
}

const reason = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined ? String(error) : `${code}${code === "EACCES" || code === "EROFS" ? " (read-only or not ours)" : ""}`;
};

/** PORT, and EMULATOR_PORT when the emulator runs in-process; all taken ports in one line. */
export async function checkPorts(config: Config): Promise<void> {
  const wanted: { variable: string; host: string; port: number }[] = [{ variable: "PORT", host: config.host, port: config.port }];
  if (config.mode === "sandbox" && config.emulator.external === null) wanted.push({ variable: "EMULATOR_PORT", host: "127.0.0.1", port: config.emulator.port });
  const taken: string[] = [];
  for (const item of wanted) {
    if (item.port === 0) continue;
    const failure = await tryListen(item.host, item.port);
    if (failure !== null) taken.push(`${item.variable}=${item.port} on ${item.host} (${failure})`);
  }
  if (taken.length > 0) {
    throw new ConfigError(taken.map((item) => item.split("=")[0]).join(", "), `cannot listen: ${taken.join("; ")}. Stop the other process or choose another port (0 picks a free one).`);
  }
}

function tryListen(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "EADDRINUSE" ? "already in use" : (error.code ?? error.message)));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(null)));
  });
}
