import type { SupportTopic } from "../cloud-types";
import { productForNames } from "../service-product.mapper";
import type { PartnerCenterSupportTopic } from "./partner-center-types";

/** A Partner Center support topic (its id is a number in Microsoft's examples) -> SupportTopic; product by name. */
export function mapSupportTopic(topic: PartnerCenterSupportTopic): SupportTopic | null {
  if (topic.id === undefined || topic.id === null || topic.id === "") return null;
  const name = topic.name ?? String(topic.id);
  return {
    id: String(topic.id),
    name,
    description: topic.description ?? null,
    product: productForNames(name),
  };
}
