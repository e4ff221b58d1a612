import pino, { type Logger } from "pino";
import pinoPretty from "pino-pretty";

/**
 * Structured JSON logs. Authorization headers, tokens and secrets are redacted wherever they
 * appear in a logged object, so a careless `log.info({ req })` cannot leak them.
 */
/**
 * LOG_FORMAT=pretty: the same entries as readable lines on stdout, written synchronously so they
 * never interleave with the start-up banner.
 */
export function prettyLogDestination(): pino.DestinationStream {
  return pinoPretty({ sync: true, colorize: process.stdout.isTTY === true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname,service" });
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "partner-support-gateway" },
      redact: {
        paths: [
          "req.headers.authorization",
          "headers.authorization",
          "authorization",
          "token",
          "accessToken",
          "access_token",
          "clientSecret",
          "client_secret",
          "*.authorization",
          "*.token",
          "*.clientSecret",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
