import type { z } from "zod";
import type { ApiResult } from "./api-errors";
import type { ControlCall, ControlHandler, EmulatorContext } from "./emulator-context";

/** The control API's error shape (Graph-like), for every `/_emulator/...` route. */
export function controlError(status: number, message: string): ApiResult {
  return { status, body: { error: { code: status === 404 ? "NotFound" : status === 409 ? "Conflict" : "BadRequest", message } } };
}

/** A control handler that gets the request's JSON body parsed against `schema`; the 400 names the offending field. */
export function withControlBody<T>(
  schema: z.ZodType<T>,
  handler: (body: T, call: ControlCall, ctx: EmulatorContext) => ApiResult,
): ControlHandler {
  return (call, ctx) => {
    let json: unknown;
    try {
      json = call.body.trim() === "" ? {} : JSON.parse(call.body);
    } catch {
      return controlError(400, "The request body is not valid JSON.");
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return handler(parsed.data, call, ctx);
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return controlError(400, `${field}${issue?.message ?? "invalid input"}`);
  };
}
