/**
 * The Microsoft clouds a partner can run in, and the hosts the gateway talks to in each.
 * Sources: learn.microsoft.com/graph/deployments (authority, Graph, Azure portal),
 * learn.microsoft.com/partner-center/developer/partner-center-rest-urls (Partner Center: the US
 * Government cloud uses the public Partner Center API; 21Vianet has its own), Azure Government
 * and Azure China docs for ARM. Admin portal hosts are for deep links only, never called.
 */
export const CLOUD_NAMES = ["public", "usgov", "usgov-dod", "china"] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

export interface CloudEndpoints {
  name: CloudName;
  /** Entra ID token authority, e.g. https://login.microsoftonline.com */
  authorityHost: string;
  /** Graph service root (no version), e.g. https://graph.microsoft.com */
  graphBaseUrl: string;
  /** Partner Center REST root (no /v1), e.g. https://api.partnercenter.microsoft.com */
  partnerCenterBaseUrl: string;
  /** Azure Resource Manager root (Azure support tickets). */
  armBaseUrl: string;
  /** Admin portals, for deep links in the UI and case packets. */
  portals: {
    microsoft365AdminCenter: string;
    azurePortal: string;
    powerPlatformAdminCenter: string;
  };
}

export const CLOUD_ENDPOINTS: Readonly<Record<CloudName, CloudEndpoints>> = {
  public: {
    name: "public",
    authorityHost: "https://login.microsoftonline.com",
    graphBaseUrl: "https://graph.microsoft.com",
    partnerCenterBaseUrl: "https://api.partnercenter.microsoft.com",
    armBaseUrl: "https://management.azure.com",
    portals: {
      microsoft365AdminCenter: "https://admin.microsoft.com",
      azurePortal: "https://portal.azure.com",
      powerPlatformAdminCenter: "https://admin.powerplatform.microsoft.com",
    },
  },
  // GCC High (US Government L4).
  usgov: {
    name: "usgov",
    authorityHost: "https://login.microsoftonline.us",
    graphBaseUrl: "https://graph.microsoft.us",
    partnerCenterBaseUrl: "https://api.partnercenter.microsoft.com",
    armBaseUrl: "https://management.usgovcloudapi.net",
    portals: {
      microsoft365AdminCenter: "https://portal.office365.us",
      azurePortal: "https://portal.azure.us",
      powerPlatformAdminCenter: "https://gcchigh.admin.powerplatform.microsoft.us",
    },
  },
  // US Government L5 (DoD): its own Graph host, the same authority as GCC High.
  "usgov-dod": {
    name: "usgov-dod",
    authorityHost: "https://login.microsoftonline.us",
    graphBaseUrl: "https://dod-graph.microsoft.us",
    partnerCenterBaseUrl: "https://api.partnercenter.microsoft.com",
    armBaseUrl: "https://management.usgovcloudapi.net",
    portals: {
      microsoft365AdminCenter: "https://portal.apps.mil",
      azurePortal: "https://portal.azure.us",
      powerPlatformAdminCenter: "https://admin.appsplatform.us",
    },
  },
  // Operated by 21Vianet.
  china: {
    name: "china",
    authorityHost: "https://login.chinacloudapi.cn",
    graphBaseUrl: "https://microsoftgraph.chinacloudapi.cn",
    partnerCenterBaseUrl: "https://partner.partnercenterapi.microsoftonline.cn",
    armBaseUrl: "https://management.chinacloudapi.cn",
    portals: {
      microsoft365AdminCenter: "https://portal.partner.microsoftonline.cn",
      azurePortal: "https://portal.azure.cn",
      powerPlatformAdminCenter: "https://admin.powerplatform.azure.cn",
    },
  },
};

/** Looks a cloud up by name; unknown names are a configuration error. */
export function getCloudEndpoints(name: string): CloudEndpoints {
  if (!(CLOUD_NAMES as readonly string[]).includes(name)) {
    throw new Error(`Unknown Microsoft cloud "${name}"; expected one of ${CLOUD_NAMES.join(", ")}`);
  }
  return CLOUD_ENDPOINTS[name as CloudName];
}

/** The `.default` scope of a resource root, e.g. https://graph.microsoft.us/.default. */
export const defaultScope = (resourceBaseUrl: string): string => `${new URL(resourceBaseUrl).origin}/.default`;

/**
 * Partner Center's app-only scope. The token audience stays the public Partner Center resource
 * even in the US Government cloud (which calls the public API).
 */
export const PARTNER_CENTER_SCOPE = "https://api.partnercenter.microsoft.com/.default";
