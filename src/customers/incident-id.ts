/**
 * A Microsoft service health issue id (e.g. "EX123456") is global, but every tenant it affects
 * has its own copy (status, posts, its own customer). A client cache keyed by Microsoft's id
 * would show one customer's copy under another, so the API's `ServiceIncident.id` joins the two:
 * `<customerTenantId>:<incidentId>`. Tenant ids are GUIDs and hold no ":".
 */
export const customerIncidentId = (customerId: string, incidentId: string): string => `${customerId}:${incidentId}`;

/**
 * The Microsoft incident id that `linkIncident` was given for a ticket of `customerId`: either
 * Microsoft's id itself (what the API took before ids were made unique) or a `ServiceIncident.id`.
 * Null when it is the id of another customer's copy.
 */
export function microsoftIncidentIdFor(customerId: string, given: string): string | null {
  const separator = given.indexOf(":");
  if (separator < 0) return given;
  return given.slice(0, separator).toLowerCase() === customerId.toLowerCase() ? given.slice(separator + 1) : null;
}
