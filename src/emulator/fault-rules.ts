import { z } from "zod";

/**
 * Injected upstream failures (`POST /_emulator/faults`). A rule matches a request path (and
 * optionally the tenant it concerns), answers with its status, or never answers when `hang`.
 */
export const faultRequestSchema = z
  .object({
    match: z.string().min(1, "match must be a non-empty path regex"),
    tenant: z.string().min(1).optional(),
    status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    retryAfterSeconds: z.number().nonnegative().max(3600).optional(),
    times: z.number().int().positive().optional(),
    hang: z.boolean().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    try {
      new RegExp(value.match);
    } catch {
      ctx.addIssue({ code: "custom", path: ["match"], message: "match is not a valid regular expression" });
    }
    if (value.hang === true && value.status !== undefined) {
      ctx.addIssue({ code: "custom", path: ["hang"], message: "give either status or hang, not both" });
    }
    if (value.hang !== true && value.status === undefined) {
      ctx.addIssue({ code: "custom", path: ["status"], message: "status (429, 500, 502, 503 or 504) or hang:true is required" });
    }
  });

export type FaultRequest = z.infer<typeof faultRequestSchema>;

export interface FaultRule {
  id: number;
  match: string;
  tenant?: string;
  status?: number;
  retryAfterSeconds?: number;
  hang: boolean;
  /** How many more requests this rule applies to; null = until cleared. */
  remaining: number | null;
}

export function toFaultRule(id: number, request: FaultRequest): FaultRule {
  return {
    id,
    match: request.match,
    ...(request.tenant === undefined ? {} : { tenant: request.tenant.toLowerCase() }),
    ...(request.status === undefined ? {} : { status: request.status }),
    ...(request.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: request.retryAfterSeconds }),
    hang: request.hang === true,
    remaining: request.times ?? null,
  };
}

/**
 * The first rule that applies to `path` for `tenant`, consuming one of its `times`; exhausted
 * rules are removed from `rules` (which is mutated on purpose: it is the emulator's live list).
 */
export function takeFault(rules: FaultRule[], path: string, tenant: string | undefined): FaultRule | undefined {
  const index = rules.findIndex(
    (rule) => new RegExp(rule.match).test(path) && (rule.tenant === undefined || rule.tenant === tenant?.toLowerCase()),
  );
  if (index < 0) return undefined;
  const rule = rules[index] as FaultRule;
  if (rule.remaining !== null) {
    rule.remaining -= 1;
    if (rule.remaining <= 0) rules.splice(index, 1);
  }
  return rule;
}
