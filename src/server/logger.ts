import pino, { type Logger } from "pino";

/**
 * Structured JSON logs. Authorization headers, tokens and secrets are redacted wherever they
 * appear in a logged object, so a careless `log.info({ req })` cannot leak them.
 */
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
