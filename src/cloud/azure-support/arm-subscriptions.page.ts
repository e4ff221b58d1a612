import { AppError, ErrorCode } from "../../errors";

/** An Azure subscription as `GET /subscriptions` (Microsoft.Resources 2022-12-01) lists it. */
export interface ArmSubscription {
  subscriptionId: string;
  tenantId: string | null;
  displayName: string | null;
  state: string | null;
}

/** One page of the listing: its subscriptions and the raw `nextLink`, if any. */
export interface ArmSubscriptionPage {
  subscriptions: ArmSubscription[];
  nextLink: string | undefined;
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** A `SubscriptionListResult` body -> its subscriptions (entries without a subscription id are skipped). */
export function parseSubscriptionPage(body: unknown): ArmSubscriptionPage {
  const page = (typeof body === "object" && body !== null ? body : {}) as { value?: unknown; nextLink?: unknown };
  const subscriptions: ArmSubscription[] = [];
  for (const raw of Array.isArray(page.value) ? page.value : []) {
    const item = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const subscriptionId = text(item["subscriptionId"]);
    if (subscriptionId === null) continue;
    subscriptions.push({ subscriptionId, tenantId: text(item["tenantId"]), displayName: text(item["displayName"]), state: text(item["state"]) });
  }
  return { subscriptions, nextLink: text(page.nextLink) ?? undefined };
}

/**
 * The URL of the next page, only when `nextLink` is an absolute URL on the configured ARM origin:
 * the request carries a customer-tenant bearer token, which must never leave for another host
 * (a hostile or broken answer could otherwise collect it). Anything else is refused, typed.
 */
export function nextSubscriptionsPageUrl(nextLink: string, armBaseUrl: string): string {
  const expected = new URL(armBaseUrl).origin;
  let next: URL | undefined;
  try {
    next = new URL(nextLink);
  } catch {
    next = undefined;
  }
  if (!next || next.origin !== expected) {
    throw new AppError(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      `Azure Resource Manager answered a subscriptions page whose nextLink is not on ${expected}; it was not followed`,
      { reason: "FOREIGN_NEXT_LINK", permanent: true },
    );
  }
  return next.toString();
}
