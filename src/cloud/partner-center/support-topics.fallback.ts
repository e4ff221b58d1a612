import { readFileSync } from "node:fs";
import { z } from "zod";
import { ErrorCode, isAppError } from "../../errors";
import type { SupportTopic } from "../cloud-types";
import type { CloudLogger } from "../cloud-logger";
import type { SupportTopicCatalog } from "../ports";
import type { OnBehalfOf } from "../service-request.types";
import { mapSupportTopic } from "./support-topic.mapper";
import { NO_AGENT_SIGN_IN } from "./support-topics.adapter";

const fileSchema = z.object({
  topics: z
    .array(
      z
        .object({
          id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,18}$/, "must be a numeric id")]),
          name: z.string().trim().min(1).max(200),
          description: z.string().max(1000).nullable().optional(),
        })
        .strict(),
    )
    .min(1, "must list at least one topic"),
});

/**
 * Reads and validates the configured support topics (SUPPORT_TOPICS_FILE) at start, so a broken
 * file stops the gateway instead of surfacing on the first escalation.
 */
export function loadFallbackSupportTopics(path: string): SupportTopic[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`SUPPORT_TOPICS_FILE ${path} could not be read as JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`SUPPORT_TOPICS_FILE ${path}: ${issue.path.join(".")}: ${issue.message}`);
  }
  const topics = parsed.data.topics.map((topic) => mapSupportTopic({ id: topic.id, name: topic.name, description: topic.description ?? null }));
  return topics.filter((topic): topic is SupportTopic => topic !== null);
}

/**
 * Whether Partner Center refused the topics call as retired for this partner: 404/405/410, or 403
 * (Partner Center answers "not supported" with 403 on the archived service request contract).
 * Throttling, timeouts and 5xx are not: those surface as errors, as for any other read.
 */
export function isRetiredEndpointError(error: unknown): boolean {
  if (!isAppError(error)) return false;
  const status = error.details["upstreamStatus"];
  return error.code === ErrorCode.NOT_FOUND || error.code === ErrorCode.FORBIDDEN || status === 405 || status === 410;
}

const isNoSignIn = (error: unknown): boolean => isAppError(error) && error.details["reason"] === NO_AGENT_SIGN_IN;

/**
 * The live topics when the endpoint answers for the signed-in agent, else the configured list:
 * when no agent's sign-in is at hand (the call is App+User only) or the endpoint is refused as
 * retired.
 */
export function withSupportTopicsFallback(catalog: SupportTopicCatalog, fallback: readonly SupportTopic[], logger?: CloudLogger): SupportTopicCatalog {
  return {
    async listSupportTopics(user?: OnBehalfOf): Promise<SupportTopic[]> {
      try {
        return await catalog.listSupportTopics(user);
      } catch (error) {
        if (isNoSignIn(error)) return fallback.map((topic) => ({ ...topic }));
        if (!isRetiredEndpointError(error)) throw error;
        logger?.warn({ err: error }, "support topics endpoint refused as retired; answering from SUPPORT_TOPICS_FILE");
        return fallback.map((topic) => ({ ...topic }));
      }
    },
  };
}
