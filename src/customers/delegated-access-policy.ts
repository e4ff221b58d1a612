import type { DelegatedAccess, DelegatedAccessStatus } from "../cloud/cloud-types";

/** Statuses under which a GDAP relationship still grants its roles (expiring is still active). */
const USABLE_STATUSES: ReadonlySet<DelegatedAccessStatus> = new Set(["ACTIVE", "EXPIRING"]);

export const hasUsableAccess = (access: DelegatedAccess): boolean => USABLE_STATUSES.has(access.status);

export const noDelegatedAccess = (customerTenantId: string): DelegatedAccess => ({
  customerTenantId,
  status: "NONE",
  roles: [],
  endsAt: null,
});
