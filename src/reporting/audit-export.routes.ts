import cors from "cors";
import { Router, type Request, type Response } from "express";
import type { Logger } from "pino";
import type { Agent, AgentRole } from "../auth/agent";
import { mayRun, type GuardedOperation } from "../auth/access-matrix";
import { bearerTokenOf, type BearerTokenVerifier } from "../auth/bearer-token-verifier";
import { bearerChallenge } from "../auth/www-authenticate";
import { isAppError } from "../errors";
import { ErrorCode } from "../errors/error-code";
import { AUDIT_CSV, csvWriter, toNdjsonLine, type AuditExportRow } from "./audit-export";
import { auditQueryFromParams, toAuditEventFilter } from "./audit-filter";
import { ExportLinkRefusal, type ExportFormat, type ExportKind, type ExportLinkSigner } from "./export-link";
import type { ReportingService } from "./reporting.service";
import { TICKET_EXPORT_COLUMNS, type TicketExportRow } from "./ticket-export";
import { ticketExportQueryFromParams, toTicketExportFilter } from "./ticket-export-filter";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  ndjson: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8; header=present",
};

const AUDIT_FORMATS: Record<ExportFormat, { header: () => string; line: (row: AuditExportRow) => string }> = {
  ndjson: { header: () => "", line: toNdjsonLine },
  csv: AUDIT_CSV,
};

const TICKET_FORMATS: Record<ExportFormat, { header: () => string; line: (row: TicketExportRow) => string }> = {
  ndjson: { header: () => "", line: (row) => `${JSON.stringify(row)}\n` },
  csv: csvWriter<TicketExportRow>(TICKET_EXPORT_COLUMNS),
};

const OPERATIONS: Record<ExportKind, GuardedOperation> = { audit: "Export.audit", tickets: "Export.tickets" };

export interface ExportRouterOptions {
  verifier: BearerTokenVerifier;
  reporting: ReportingService;
  log: Logger;
  /** CORS_ORIGINS: pages on these origins may fetch exports (others get no CORS headers). */
  corsOrigins: readonly string[];
  /** Signed download links (`?link=`); without it only a bearer header is accepted. */
  links?: ExportLinkSigner;
}

/**
 * `GET /exports/{audit,tickets}.{ndjson,csv}` (SUPPORT_LEAD only). Authorised by a bearer header,
 * or by a signed link from `createExportLink` (`?link=`, short-lived, for that one export; a
 * bearer token is never read from the URL). With a bearer header the filters are query
 * parameters; with a link they are the link's own. Bodies stream page by page with backpressure.
 */
export function auditExportRouter(options: ExportRouterOptions): Router {
  const router = Router();
  // Simple GETs (a link needs no header, so no preflight); Authorization is allowed for fetch with a bearer.
  router.use(cors({ origin: [...options.corsOrigins], methods: ["GET", "OPTIONS"], exposedHeaders: ["content-disposition", "x-request-id"], maxAge: 600 }));
  for (const exportKind of ["audit", "tickets"] as const) {
    for (const format of ["ndjson", "csv"] as const) {
      router.get(`/${exportKind}.${format}`, (req, res) => {
        void runExport(exportKind, format, req, res, options);
      });
    }
  }
  return router;
}

/** Who asks, and with which parameters: from the bearer header, or from a signed link. */
async function authorise(
  exportKind: ExportKind,
  format: ExportFormat,
  req: Request,
  options: ExportRouterOptions,
): Promise<{ agentId: string; role: AgentRole; params: Record<string, unknown> } | { status: 401 | 403; code: string; message: string }> {
  const link = req.query.link;
  if (link !== undefined) {
    if (typeof link !== "string" || !options.links) return { status: 401, code: ErrorCode.UNAUTHENTICATED, message: "The download link is not valid" };
    try {
      const verified = await options.links.verify(link, exportKind, format);
      return { agentId: verified.agentId, role: verified.role as AgentRole, params: { ...verified.params } };
    } catch (error) {
      if (error instanceof ExportLinkRefusal) {
        return error.reason === "WRONG_PURPOSE"
          ? { status: 403, code: ErrorCode.FORBIDDEN, message: error.message }
          : { status: 401, code: ErrorCode.UNAUTHENTICATED, message: error.message };
      }
      throw error;
    }
  }
  const token = bearerTokenOf(req.headers.authorization);
  if (!token) return { status: 401, code: ErrorCode.UNAUTHENTICATED, message: "A bearer token or a signed download link (createExportLink) is required" };
  let agent: Agent;
  try {
    agent = await options.verifier.verify(token);
  } catch {
    return { status: 401, code: ErrorCode.UNAUTHENTICATED, message: "Token is not valid" };
  }
  return { agentId: agent.id, role: agent.role, params: req.query as Record<string, unknown> };
}

async function runExport(exportKind: ExportKind, format: ExportFormat, req: Request, res: Response, options: ExportRouterOptions): Promise<void> {
  let caller;
  try {
    caller = await authorise(exportKind, format, req, options);
  } catch (error) {
    options.log.error({ err: error }, "export authorisation failed");
    return fail(res, 500, ErrorCode.INTERNAL, "Internal server error");
  }
  if ("status" in caller) {
    if (caller.status === 401) res.setHeader("www-authenticate", bearerChallenge());
    return fail(res, caller.status, caller.code, caller.message);
  }
  if (!mayRun(caller.role, OPERATIONS[exportKind])) return fail(res, 403, ErrorCode.FORBIDDEN, `Role ${caller.role} may not export ${exportKind}`);
  const { link: _link, ...params } = caller.params;
  const timeZone = options.reporting.timeZone;
  let pages: AsyncGenerator<unknown[]>;
  let spec: { header: () => string; line: (row: never) => string };
  try {
    if (exportKind === "audit") {
      pages = options.reporting.exportAudit(toAuditEventFilter(auditQueryFromParams(params, timeZone), ""));
      spec = AUDIT_FORMATS[format];
    } else {
      pages = options.reporting.exportTickets(toTicketExportFilter(ticketExportQueryFromParams(params, timeZone)));
      spec = TICKET_FORMATS[format];
    }
  } catch (error) {
    if (isAppError(error)) return fail(res, 400, error.code, error.message, error.details);
    throw error;
  }

  res.status(200);
  res.setHeader("content-type", CONTENT_TYPES[format]);
  res.setHeader("content-disposition", `attachment; filename="${exportKind}.${format}"`);
  res.setHeader("cache-control", "no-store");
  // The link is in the URL: keep it out of Referer headers of anything the download opens.
  res.setHeader("referrer-policy", "no-referrer");
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  try {
    res.write(spec.header());
    for await (const rows of pages) {
      if (closed) return;
      // One write per page; wait for the client when the socket buffer is full (backpressure).
      if (!res.write((rows as never[]).map(spec.line).join(""))) await drainedOrClosed(res);
    }
    res.end();
  } catch (error) {
    options.log.error({ err: error, agentId: caller.agentId }, `${exportKind} export failed`);
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
