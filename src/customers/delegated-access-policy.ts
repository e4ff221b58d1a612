import { isUsableStatus, type DelegatedAccess } from "../cloud/cloud-types";

/** Whether the access grants its roles now (ACTIVE or EXPIRING). */
export const hasUsableAccess = (access: DelegatedAccess): boolean => isUsableStatus(access.status);

export const noDelegatedAccess = (customerTenantId: string): DelegatedAccess => ({
  customerTenantId,
  status: "NONE",
  roles: [],
  endsAt: null,
});
