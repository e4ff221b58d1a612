import type { Product } from "../cloud/cloud-types";

/** Portal base URLs of one Microsoft cloud (public, US Government, China), e.g. https://portal.azure.com. */
export interface AdminPortalHosts {
  microsoft365AdminCenter: string;
  azurePortal: string;
  powerPlatformAdminCenter: string;
}

export interface AdminPortalLinkValue {
  name: string;
  product: Product;
  url: string;
}

/**
 * Deep links a partner agent uses to administer a customer's services "on behalf of" (GDAP):
 * the Microsoft 365 admin center by tenant id, the Azure portal in the customer's directory
 * (by domain when known, so the portal switches directory), and the Power Platform admin center
 * for Dynamics 365.
 */
export function adminPortalLinks(
  hosts: AdminPortalHosts,
  customer: { id: string; defaultDomain: string | null },
): AdminPortalLinkValue[] {
  const tenant = encodeURIComponent(customer.id);
  const directory = encodeURIComponent(customer.defaultDomain ?? customer.id);
  return [
    {
      name: "Microsoft 365 admin center",
      product: "MICROSOFT_365",
      url: `${hosts.microsoft365AdminCenter}/Partner/BeginClientSession.aspx?CTID=${tenant}&CSDEST=o365admincenter`,
    },
    {
      name: "Azure portal",
      product: "AZURE",
      url: `${hosts.azurePortal}/#@${directory}/resource/subscriptions`,
    },
    {
      name: "Power Platform admin center (Dynamics 365)",
      product: "DYNAMICS_365",
      url: `${hosts.powerPlatformAdminCenter}/environments?tenantId=${tenant}`,
    },
  ];
}
