import type { SupportTopic } from "../cloud-types";
import type { CloudLogger } from "../cloud-logger";
import type { SupportTopicCatalog } from "../ports";
import type { OnBehalfOf } from "../service-request.types";

/**
 * Partner Center's topics plus Azure Support's problem classifications. When Azure tickets are
 * filed through Azure Support, Partner Center's AZURE topics are left out (the Azure desk files
 * only under Azure problem classifications). One catalog failing leaves the other's topics,
 * unless both fail.
 */
export function combineSupportTopics(
  partnerCenter: SupportTopicCatalog,
  azure: SupportTopicCatalog,
  options: { azureTicketsViaAzureSupport: boolean; logger?: CloudLogger },
): SupportTopicCatalog {
  return {
    async listSupportTopics(user?: OnBehalfOf): Promise<SupportTopic[]> {
      const [fromPartnerCenter, fromAzure] = await Promise.allSettled([partnerCenter.listSupportTopics(user), azure.listSupportTopics(user)]);
      if (fromPartnerCenter.status === "rejected" && fromAzure.status === "rejected") throw fromPartnerCenter.reason;
      for (const [source, result] of [["Partner Center", fromPartnerCenter], ["Azure Support", fromAzure]] as const) {
        if (result.status === "rejected") options.logger?.warn({ err: result.reason, source }, "support topics could not be read from one catalog");
      }
      const partnerCenterTopics = fromPartnerCenter.status === "fulfilled" ? fromPartnerCenter.value : [];
      return [
        ...partnerCenterTopics.filter((topic) => !options.azureTicketsViaAzureSupport || topic.product !== "AZURE"),
        ...(fromAzure.status === "fulfilled" ? fromAzure.value : []),
      ];
    },
  };
}
