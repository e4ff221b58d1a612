import { SUBSCRIPTION_STATUSES } from "../cloud-types";
import type { CustomerSubscription, SubscriptionStatus } from "../cloud-types";
import { parseEnumValue, parseOptionalEnumValue } from "../enum-value.mapper";
import { productForNames } from "../service-product.mapper";
import { parsePartnerCenterDate } from "./partner-center-date.mapper";
import type { PartnerCenterSubscription } from "./partner-center-types";

/** billingCycle in the SDK's integer order. */
const BILLING_CYCLES = ["unknown", "monthly", "annual", "none", "one_time", "triennial", "biennial"] as const;

/** Subscription status as a string in any casing or the SDK's integer (none=0 … disabled=6); unknown -> NONE. */
export const parseSubscriptionStatus = (status: unknown): SubscriptionStatus =>
  parseEnumValue(status, SUBSCRIPTION_STATUSES, "NONE", SUBSCRIPTION_STATUSES);

/** A Partner Center subscription -> CustomerSubscription, or null without an id. */
export function mapSubscription(subscription: PartnerCenterSubscription): CustomerSubscription | null {
  if (!subscription.id) return null;
  const quantity = Number(subscription.quantity ?? 0);
  const offerName = subscription.offerName ?? subscription.friendlyName ?? subscription.offerId ?? "";
  return {
    id: subscription.id,
    offerId: subscription.offerId ?? null,
    offerName,
    friendlyName: subscription.friendlyName ?? null,
    quantity: Number.isFinite(quantity) ? quantity : 0,
    status: parseSubscriptionStatus(subscription.status),
    product: productForNames(offerName, subscription.friendlyName, subscription.productType?.displayName),
    billingCycle: parseOptionalEnumValue(subscription.billingCycle, BILLING_CYCLES, "unknown"),
    autoRenewEnabled: typeof subscription.autoRenewEnabled === "boolean" ? subscription.autoRenewEnabled : null,
    commitmentEndDate: parsePartnerCenterDate(subscription.commitmentEndDateTime) ?? parsePartnerCenterDate(subscription.commitmentEndDate),
  };
}
