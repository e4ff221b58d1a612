import type { PartnerCustomer } from "../cloud-types";
import { parseOptionalEnumValue } from "../enum-value.mapper";
import type { PartnerCenterCustomer } from "./partner-center-types";

/** relationshipToPartner values in the SDK's integer order; `unknown` is the SDK's catch-all. */
const RELATIONSHIPS = ["none", "reseller", "advisor", "syndication", "microsoft_support", "unknown"] as const;

/** A Partner Center customer -> PartnerCustomer (id = the customer's tenant id), or null without any id. */
export function mapPartnerCustomer(customer: PartnerCenterCustomer): PartnerCustomer | null {
  const id = customer.id ?? customer.companyProfile?.tenantId;
  if (!id) return null;
  return {
    id: id.toLowerCase(),
    name: customer.companyProfile?.companyName ?? id,
    defaultDomain: customer.companyProfile?.domain ?? null,
    relationshipToPartner: parseOptionalEnumValue(customer.relationshipToPartner, RELATIONSHIPS, "unknown"),
  };
}
