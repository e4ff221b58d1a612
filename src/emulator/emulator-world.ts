import type { EmulatorSeed, SeedIssue, SeedService, SeedTenant } from "./emulator-seed.types";
import { EFFECTIVE_RELATIONSHIP_STATUSES, HEALTH_READER_ROLES } from "./gdap-roles";
import { DYNAMICS_SERVICES, M365_SERVICES } from "./seed-catalog";

/**
 * The emulator's live data: a copy of the seed that control calls (incidents) may change, plus
 * the rules that Microsoft applies when reading it (GDAP access, derived health status).
 */
export interface EmulatorWorld {
  readonly seed: EmulatorSeed;
  findTenant(idOrDomain: string): SeedTenant | undefined;
  isPartner(tenantId: string): boolean;
  /** A tenant a token may be issued for: the partner or one of its customers (id or domain). */
  resolveTokenTenant(idOrDomain: string): string | undefined;
}

export function createEmulatorWorld(seed: EmulatorSeed): EmulatorWorld {
  const data = structuredClone(seed);
  const byKey = new Map<string, SeedTenant>();
  for (const tenant of data.tenants) {
    byKey.set(tenant.id.toLowerCase(), tenant);
    byKey.set(tenant.domain.toLowerCase(), tenant);
  }
  const partnerKeys = new Set([data.partner.tenantId.toLowerCase(), data.partner.domain.toLowerCase()]);
  return {
    seed: data,
    findTenant: (key) => byKey.get(key.toLowerCase()),
    isPartner: (tenantId) => tenantId.toLowerCase() === data.partner.tenantId.toLowerCase(),
    resolveTokenTenant(key) {
      if (partnerKeys.has(key.toLowerCase())) return data.partner.tenantId;
      return byKey.get(key.toLowerCase())?.id;
    },
  };
}

/** True when at least one relationship is active/expiring: the tenant appears in delegatedAdminCustomers. */
export function hasEffectiveRelationship(tenant: SeedTenant): boolean {
  return tenant.relationships.some((r) => EFFECTIVE_RELATIONSHIP_STATUSES.includes(r.status));
}

/**
 * Emulator policy (MICROSOFT-APIS.md §7): health reads need an ACTIVE or EXPIRING relationship
 * that grants Service Support Admin, Helpdesk Admin, Global Reader or Global Admin.
 */
export function canReadHealth(tenant: SeedTenant): boolean {
  return tenant.relationships.some(
    (r) =>
      EFFECTIVE_RELATIONSHIP_STATUSES.includes(r.status) &&
      r.accessDetails.unifiedRoles.some((role) => HEALTH_READER_ROLES.includes(role.roleDefinitionId)),
  );
}

/** Worst first: the status an overview shows when several incidents are active on one service. */
const STATUS_SEVERITY = [
  "serviceInterruption",
  "serviceDegradation",
  "extendedRecovery",
  "restoringService",
  "investigating",
  "verifyingService",
];

/** A service's overall status, derived from its active issues (serviceOperational when none). */
export function deriveServiceStatus(service: SeedService, issues: readonly SeedIssue[]): string {
  const active = issues.filter((i) => !i.isResolved && i.service === service.service);
  if (active.length === 0) return "serviceOperational";
  const rank = (status: string) => {
    const r = STATUS_SEVERITY.indexOf(status);
    return r < 0 ? STATUS_SEVERITY.length : r;
  };
  return active.map((i) => i.status).sort((a, b) => rank(a) - rank(b))[0] as string;
}

/** The partner's own tenant: every service, no incidents (it can always read its own health). */
export const PARTNER_SERVICES: readonly SeedService[] = M365_SERVICES.map((s) => ({ id: s.id, service: s.service }));

const PREFIX_BY_SERVICE = new Map<string, string>([...M365_SERVICES, ...DYNAMICS_SERVICES].map((s) => [s.id, s.issuePrefix]));

export function issuePrefixFor(serviceId: string): string {
  return PREFIX_BY_SERVICE.get(serviceId) ?? serviceId.slice(0, 2).toUpperCase();
}

/** A service of `tenant` by Graph id or display name (case-insensitive, as the URL key may be either). */
export function findService(services: readonly SeedService[], idOrName: string): SeedService | undefined {
  const key = idOrName.toLowerCase();
  return services.find((s) => s.id.toLowerCase() === key || s.service.toLowerCase() === key);
}
