import type { z } from "zod";
import type { ApiResult } from "./api-errors";

/** The control API's error shape (Graph-like), for every `/_emulator/...` route. */
export function controlError(status: number, message: string): ApiResult {
  return { status, body: { error: { code: status === 404 ? "NotFound" : status === 409 ? "Conflict" : "BadRequest", message } } };
}

/** Parses a control request's JSON body against `schema`; the 400 names the offending field. */
export function parseControlBody<T>(body: string, schema: z.ZodType<T>): T | ApiResult {
  let json: unknown;
  try {
    json = body.trim() === "" ? {} : JSON.parse(body);
  } catch {
    return controlError(400, "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return controlError(400, `${field}${issue?.message ?? "invalid input"}`);
}

/** True when `parseControlBody` answered with an error instead of the parsed body. */
export const isControlResult = (value: unknown): value is ApiResult =>
  typeof value === "object" && value !== null && "status" in value && typeof (value as ApiResult).status === "number" && "body" in value;
