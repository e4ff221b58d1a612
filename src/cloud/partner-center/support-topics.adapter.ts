import type { SupportTopic } from "../cloud-types";
import type { SupportTopicCatalog } from "../ports";
import type { PartnerCenterClient } from "./partner-center.client";
import type { PartnerCenterSupportTopic } from "./partner-center-types";
import { mapSupportTopic } from "./support-topic.mapper";

/**
 * Support topics from `GET /v1/servicerequests/supporttopics`. Microsoft announced this endpoint
 * as decommissioned (2020); it can fail in microsoft mode, so callers treat topics as optional.
 */
export class PartnerCenterSupportTopicsAdapter implements SupportTopicCatalog {
  constructor(private readonly client: PartnerCenterClient) {}

  async listSupportTopics(): Promise<SupportTopic[]> {
    const items = await this.client.getAllItems<PartnerCenterSupportTopic>("/v1/servicerequests/supporttopics", {
      operation: "listing support topics",
    });
    return items.map(mapSupportTopic).filter((topic): topic is SupportTopic => topic !== null);
  }
}
