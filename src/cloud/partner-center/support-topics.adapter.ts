import { AppError, ErrorCode } from "../../errors";
import type { SupportTopic } from "../cloud-types";
import type { SupportTopicCatalog } from "../ports";
import type { OnBehalfOf } from "../service-request.types";
import type { PartnerCenterCollection, PartnerCenterSupportTopic } from "./partner-center-types";
import type { PartnerCenterUserClient } from "./partner-center-user.client";
import { mapSupportTopic } from "./support-topic.mapper";

/** Why topics could not be asked for: no agent is signed in for an App+User call. */
export const NO_AGENT_SIGN_IN = "NO_AGENT_SIGN_IN";

export function noAgentSignIn(): AppError {
  return new AppError(ErrorCode.FORBIDDEN, "Partner Center's support topics need an agent's sign-in (App+User); none is at hand", {
    reason: NO_AGENT_SIGN_IN,
  });
}

/**
 * Support topics from `GET /v1/servicerequests/supporttopics`, App+User only as Microsoft
 * documents it: the signed-in agent's token exchanged on their behalf, as filing does. Without a
 * sign-in (or without an on-behalf-of exchange) it refuses with NO_AGENT_SIGN_IN, and the file
 * fallback answers. Microsoft announced this endpoint as decommissioned (2020), so it may also
 * be refused as retired.
 */
export class PartnerCenterSupportTopicsAdapter implements SupportTopicCatalog {
  constructor(private readonly userClient?: PartnerCenterUserClient) {}

  async listSupportTopics(user?: OnBehalfOf): Promise<SupportTopic[]> {
    if (!user || !this.userClient) throw noAgentSignIn();
    const operation = "listing support topics";
    const body = this.userClient.expectOk(await this.userClient.call("GET", "/v1/servicerequests/supporttopics", user, operation), operation);
    const items = (body as PartnerCenterCollection<PartnerCenterSupportTopic>).items;
    return (Array.isArray(items) ? items : []).map(mapSupportTopic).filter((topic): topic is SupportTopic => topic !== null);
  }
}
