import type { SeedTenant } from "./emulator-seed.types";
import { hasEffectiveRelationship } from "./emulator-world";

/**
 * The emulator's Azure Support catalog (`Microsoft.Support/services` and their
 * `problemClassifications`) and the Azure access rules it applies. Names are GUIDs, as in Azure;
 * these are fixed so tests and frontends can rely on them.
 */
export interface EmulatorAzureService {
  name: string;
  displayName: string;
  resourceTypes: string[];
  problemClassifications: { name: string; displayName: string }[];
}

export const AZURE_SERVICES: readonly EmulatorAzureService[] = [
  {
    name: "6f16735c-b0ae-b275-ad3a-03479cfa1396",
    displayName: "Virtual Machine running Windows",
    resourceTypes: ["MICROSOFT.CLASSICCOMPUTE/VIRTUALMACHINES", "MICROSOFT.COMPUTE/VIRTUALMACHINES"],
    problemClassifications: [
      { name: "6a3cf2a2-7a3d-4b3d-a4c8-0a3f0d7e2b11", displayName: "Cannot connect to my VM / RDP" },
      { name: "1c6b3b7e-4b7f-4c0e-9e4e-2f1d5b8a9c22", displayName: "VM start, stop or restart failures" },
      { name: "9e2d4c1a-3b5f-4a6e-8d7c-6b5a4f3e2d33", displayName: "VM performance" },
    ],
  },
  {
    name: "2e9cbf09-3e7c-4d69-bb3e-5b2f7e5a4c01",
    displayName: "Storage Account Management",
    resourceTypes: ["MICROSOFT.STORAGE/STORAGEACCOUNTS"],
    problemClassifications: [
      { name: "b2f1c0d9-8e7a-4b6c-9d5e-1a2b3c4d5e44", displayName: "Blob storage availability" },
      { name: "c3a2b1e0-9f8b-4c7d-8e6f-2b3c4d5e6f55", displayName: "Storage account access keys and SAS" },
    ],
  },
  {
    name: "a7a1b5b6-2f3c-4e9d-9c1b-7d6e5f4a3b02",
    displayName: "Azure SQL Database",
    resourceTypes: ["MICROSOFT.SQL/SERVERS/DATABASES"],
    problemClassifications: [
      { name: "d4b3c2f1-0a9c-4d8e-9f7a-3c4d5e6f7a66", displayName: "Connectivity and login failures" },
      { name: "e5c4d3a2-1b0d-4e9f-8a8b-4d5e6f7a8b77", displayName: "Query performance" },
    ],
  },
  {
    name: "517f2da6-78fd-0498-4e22-ad26996b1dfc",
    displayName: "Billing",
    resourceTypes: [],
    problemClassifications: [
      { name: "f6d5e4b3-2c1e-4f0a-9b9c-5e6f7a8b9c88", displayName: "Refund request" },
      { name: "a7e6f5c4-3d2f-4a1b-8cad-6f7a8b9c0d99", displayName: "Unexpected charges" },
    ],
  },
];

/**
 * Tenant index whose Azure subscriptions the partner can see but where it lacks the role
 * "Support Request Contributor" (tenant 4: active GDAP with Message Center Reader only), so every
 * support ticket call answers 403 AuthorizationFailed.
 */
const TENANT_WITHOUT_SUPPORT_ROLE = 4;

/** The partner reaches a customer's Azure subscriptions only through an active or expiring relationship. */
export const canSeeAzureSubscriptions = (tenant: SeedTenant): boolean => hasEffectiveRelationship(tenant);

/** Whether the partner holds "Support Request Contributor" (or Owner/Contributor) on the tenant's subscriptions. */
export const hasSupportRequestRole = (tenant: SeedTenant): boolean =>
  canSeeAzureSubscriptions(tenant) && tenant.index !== TENANT_WITHOUT_SUPPORT_ROLE;

/** An Azure subscription of a seeded tenant: the Azure plan's entitlement id is the ARM subscription id. */
export interface EmulatorArmSubscription {
  subscriptionId: string;
  tenantId: string;
  displayName: string;
  state: "Enabled" | "Disabled" | "Deleted" | "Warned";
}

export function armSubscriptionsOf(tenant: SeedTenant): EmulatorArmSubscription[] {
  return tenant.subscriptions
    .filter((item) => item.productType.id === "Azure")
    .map((item) => ({
      subscriptionId: item.entitlementId,
      tenantId: tenant.id,
      displayName: item.friendlyName || item.offerName,
      state: item.status === "active" ? "Enabled" : item.status === "deleted" ? "Deleted" : item.status === "suspended" ? "Warned" : "Disabled",
    }));
}
