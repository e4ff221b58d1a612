/** The slice of a pino logger the cloud adapters use (structured object first, then message). */
export interface CloudLogger {
  debug(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}
