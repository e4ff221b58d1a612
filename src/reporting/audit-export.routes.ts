import { Router, type Request, type Response } from "express";
import type { Logger } from "pino";
import type { Agent } from "../auth/agent";
import { mayRun } from "../auth/access-matrix";
import type { BearerTokenVerifier } from "../auth/bearer-token-verifier";
import { isAppError } from "../errors";
import { ErrorCode } from "../errors/error-code";
import { csvHeader, toCsvLine, toNdjsonLine, type AuditExportRow } from "./audit-export";
import { auditQueryFromParams, toAuditEventFilter } from "./audit-filter";
import type { ReportingService } from "./reporting.service";

type Format = "ndjson" | "csv";

const FORMATS: Record<Format, { contentType: string; header: () => string; line: (row: AuditExportRow) => string }> = {
  ndjson: { contentType: "application/x-ndjson; charset=utf-8", header: () => "", line: toNdjsonLine },
  csv: { contentType: "text/csv; charset=utf-8; header=present", header: csvHeader, line: toCsvLine },
};

/**
 * `GET /exports/audit.ndjson` and `GET /exports/audit.csv` (SUPPORT_LEAD only), with the
 * `auditEvents` filters as query parameters. The body is streamed page by page and waits for the
 * socket to drain, so a million events export in constant memory.
 */
export function auditExportRouter(options: { verifier: BearerTokenVerifier; reporting: ReportingService; log: Logger }): Router {
  const router = Router();
  for (const format of ["ndjson", "csv"] as const) {
    router.get(`/audit.${format}`, (req, res) => {
      void exportAudit(format, req, res, options);
    });
  }
  return router;
}

async function exportAudit(format: Format, req: Request, res: Response, options: { verifier: BearerTokenVerifier; reporting: ReportingService; log: Logger }): Promise<void> {
  let agent: Agent;
  try {
    const match = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) return fail(res, 401, ErrorCode.UNAUTHENTICATED, "A bearer token is required");
    agent = await options.verifier.verify(match[1]);
  } catch {
    return fail(res, 401, ErrorCode.UNAUTHENTICATED, "Token is not valid");
  }
  if (!mayRun(agent.role, "Export.audit")) return fail(res, 403, ErrorCode.FORBIDDEN, `Role ${agent.role} may not export audit events`);
  let filter;
  try {
    filter = toAuditEventFilter(auditQueryFromParams(req.query as Record<string, unknown>), "");
  } catch (error) {
    if (isAppError(error)) return fail(res, 400, error.code, error.message, error.details);
    throw error;
  }

  const spec = FORMATS[format];
  res.status(200);
  res.setHeader("content-type", spec.contentType);
  res.setHeader("content-disposition", `attachment; filename="audit.${format}"`);
  res.setHeader("cache-control", "no-store");
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  try {
    res.write(spec.header());
    for await (const rows of options.reporting.exportAudit(filter)) {
      if (closed) return;
      // One write per page; wait for the client when the socket buffer is full (backpressure).
      if (!res.write(rows.map(spec.line).join(""))) await drainedOrClosed(res);
    }
    res.end();
  } catch (error) {
    options.log.error({ err: error, agentId: agent.id }, "audit export failed");
    // Headers are out: cut the stream so the client sees an incomplete download, not a clean end.
    res.destroy(error as Error);
  }
}

/** Resolves when the response can take more data or is gone; leaves no listener behind. */
function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

function fail(res: Response, status: number, code: string, message: string, details?: Record<string, unknown>): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...(details ?? {}) } }] });
}
