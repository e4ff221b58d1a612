import { badUserInput } from "../errors";
import type {
  EmulatorSeed,
  SeedIssue,
  SeedIssuePost,
  SeedPartner,
  SeedRelationship,
  SeedService,
  SeedSubscription,
  SeedTenant,
} from "./emulator-seed.types";
import { GDAP_ROLE } from "./gdap-roles";
import {
  COMPANY_NAMES,
  COMPANY_SUFFIXES,
  DYNAMICS_SERVICES,
  HEALTHY_ROLE_SETS,
  INCIDENT_TEMPLATES,
  M365_SERVICES,
  OFFERS,
  SUPPORT_TOPICS,
  type IncidentTemplate,
  type OfferEntry,
  type ServiceEntry,
} from "./seed-catalog";
import { createSeededRandom, hashString, type SeededRandom } from "./seeded-random";

/** The reference date used when none is given, so that `generateSeed(s, n)` is fully pure. */
const DEFAULT_SEED_AS_OF = "2025-06-02T00:00:00.000Z";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const ALL_SERVICES: readonly ServiceEntry[] = [...M365_SERVICES, ...DYNAMICS_SERVICES];

/**
 * Builds the emulator's world from a seed number and a tenant count. Pure and deterministic: the
 * same arguments give the same data, and tenant `i` does not depend on how many tenants follow it.
 *
 * The GDAP relationship mix is fixed by tenant index, whatever the seed, because tests rely on it:
 * - 0: ACTIVE with every health-reading role (SSA, Helpdesk Admin, Global Reader, Global Admin),
 *      an active Exchange incident and a resolved Teams incident, and Azure + M365 + Dynamics offers
 * - 1: EXPIRED (health -> 403)
 * - 2: APPROVAL_PENDING (health -> 403)
 * - 3: no relationship at all (still a Partner Center customer; health -> 403)
 * - 4: ACTIVE but only Message Center Reader (health -> 403)
 * - 5: TERMINATED (health -> 403)
 * - 6+: ACTIVE or EXPIRING with a realistic role set that includes a health role, sometimes next
 *       to an older EXPIRED relationship.
 *
 * @param asOf the date generated timestamps are relative to; the running emulator passes today
 *   (UTC midnight) so that "active" relationships end in the future.
 */
export function generateSeed(seed: number, tenants: number, asOf: Date | string = DEFAULT_SEED_AS_OF): EmulatorSeed {
  if (!Number.isInteger(seed)) throw badUserInput("seed", "The emulator seed must be an integer");
  if (!Number.isInteger(tenants) || tenants < 1) {
    throw badUserInput("tenants", "The emulator needs at least one tenant (an integer >= 1)");
  }
  const asOfMs = new Date(asOf).getTime();
  if (Number.isNaN(asOfMs)) throw badUserInput("asOf", "The seed reference date is not a valid date");

  const partner = generatePartner(seed);
  const names = createSeededRandom(hashString(`names:${seed}`)).sample(COMPANY_NAMES, COMPANY_NAMES.length);
  const issueStates = INCIDENT_TEMPLATES.map((template, i) => generateIssue(seed, template, i, asOfMs));
  const usedDomains = new Set<string>();

  const tenantList: SeedTenant[] = [];
  for (let index = 0; index < tenants; index += 1) {
    const rng = createSeededRandom(hashString(`tenant:${seed}:${index}`));
    const name = companyName(names, index);
    const domain = uniqueDomain(name, usedDomains);
    const id = rng.guid();
    const subscriptions = generateSubscriptions(rng, index, partner, asOfMs);
    const hasDynamics = subscriptions.some((s) => offerFamily(s.offerId) === "dynamics");
    const services: SeedService[] = (hasDynamics ? ALL_SERVICES : M365_SERVICES).map((s) => ({
      id: s.id,
      service: s.service,
    }));
    tenantList.push({
      index,
      id,
      name,
      domain,
      commerceId: rng.guid(),
      relationships: generateRelationships(rng, index, { id, name }, asOfMs),
      subscriptions,
      services,
      issues: pickIssues(rng, index, services, issueStates),
    });
  }

  return {
    seed,
    asOf: new Date(asOfMs).toISOString(),
    partner,
    tenants: tenantList,
    supportTopics: SUPPORT_TOPICS.map((t) => ({ ...t })),
  };
}

function generatePartner(seed: number): SeedPartner {
  const rng = createSeededRandom(hashString(`partner:${seed}`));
  const tenantId = rng.guid();
  const clientId = rng.guid();
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  // Shaped like an Entra client secret ("xxx8Q~..."); it is a sandbox credential, not a secret.
  const tail = Array.from({ length: 34 }, () => rng.pick([...alphabet])).join("");
  return {
    tenantId,
    name: "Northwind Cloud Partners",
    domain: "northwindcloudpartners.onmicrosoft.com",
    partnerId: String(rng.int(4_000_000, 6_999_999)),
    clientId,
    clientSecret: `emu8Q~${tail}`,
  };
}

function companyName(shuffled: readonly string[], index: number): string {
  const base = shuffled[index % shuffled.length] as string;
  const round = Math.floor(index / shuffled.length);
  if (round === 0) return base;
  const suffix = COMPANY_SUFFIXES[(round - 1) % COMPANY_SUFFIXES.length] as string;
  const lap = Math.floor((round - 1) / COMPANY_SUFFIXES.length);
  return lap === 0 ? `${base} ${suffix}` : `${base} ${suffix} ${lap + 1}`;
}

function uniqueDomain(name: string, used: Set<string>): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 24) || "customer";
  let candidate = slug;
  for (let n = 2; used.has(candidate); n += 1) candidate = `${slug}${n}`;
  used.add(candidate);
  return `${candidate}.onmicrosoft.com`;
}

const iso = (ms: number): string => new Date(ms).toISOString();

interface RelationshipPlan {
  status: string;
  roles: readonly string[];
}

function relationshipPlan(rng: SeededRandom, index: number): RelationshipPlan[] {
  const R = GDAP_ROLE;
  switch (index) {
    case 0:
      return [{ status: "active", roles: [R.SERVICE_SUPPORT_ADMINISTRATOR, R.HELPDESK_ADMINISTRATOR, R.GLOBAL_READER, R.GLOBAL_ADMINISTRATOR] }];
    case 1:
      return [{ status: "expired", roles: [R.SERVICE_SUPPORT_ADMINISTRATOR, R.GLOBAL_READER] }];
    case 2:
      return [{ status: "approvalPending", roles: [R.SERVICE_SUPPORT_ADMINISTRATOR] }];
    case 3:
      return [];
    case 4:
      return [{ status: "active", roles: [R.MESSAGE_CENTER_READER] }];
    case 5:
      return [{ status: "terminated", roles: [R.SERVICE_SUPPORT_ADMINISTRATOR, R.HELPDESK_ADMINISTRATOR] }];
    default: {
      const current = { status: rng.chance(0.2) ? "expiring" : "active", roles: rng.pick(HEALTHY_ROLE_SETS) };
      return rng.chance(0.25) ? [{ status: "expired", roles: [R.GLOBAL_ADMINISTRATOR] }, current] : [current];
    }
  }
}

function generateRelationships(
  rng: SeededRandom,
  index: number,
  customer: { id: string; name: string },
  asOfMs: number,
): SeedRelationship[] {
  const slug = customer.name.replace(/[^A-Za-z0-9]/g, "").slice(0, 20);
  return relationshipPlan(rng, index).map((plan, n) => {
    const durationDays = plan.status === "expired" ? 365 : rng.pick([365, 730]);
    let activatedMs: number;
    switch (plan.status) {
      case "expiring":
        activatedMs = asOfMs + rng.int(3, 25) * DAY_MS - durationDays * DAY_MS;
        break;
      case "expired":
        activatedMs = asOfMs - rng.int(30, 200) * DAY_MS - durationDays * DAY_MS;
        break;
      default:
        activatedMs = asOfMs - rng.int(20, Math.min(300, durationDays - 60)) * DAY_MS;
    }
    const createdMs = activatedMs - rng.int(1, 5) * DAY_MS;
    const pending = plan.status === "approvalPending";
    const terminatedMs = asOfMs - rng.int(5, 60) * DAY_MS;
    const endMs = pending ? null : plan.status === "terminated" ? terminatedMs : activatedMs + durationDays * DAY_MS;
    const lastModifiedMs =
      plan.status === "terminated" ? terminatedMs : pending ? createdMs : plan.status === "expired" ? (endMs as number) : activatedMs;
    return {
      id: `${rng.guid()}-${customer.id}`,
      displayName: `NWCP-${slug}-${n + 1}`,
      duration: `P${durationDays}D`,
      customer: { tenantId: customer.id, displayName: customer.name },
      accessDetails: { unifiedRoles: plan.roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
      status: plan.status,
      autoExtendDuration: plan.roles.includes(GDAP_ROLE.GLOBAL_ADMINISTRATOR) ? "PT0S" : rng.pick(["PT0S", "P180D"]),
      createdDateTime: iso(createdMs),
      lastModifiedDateTime: iso(lastModifiedMs),
      activatedDateTime: pending ? null : iso(activatedMs),
      endDateTime: endMs === null ? null : iso(endMs),
    };
  });
}

function offerFamily(offerId: string): OfferEntry["family"] | undefined {
  return OFFERS.find((o) => o.offerId === offerId)?.family;
}

function pickOffers(rng: SeededRandom, index: number): OfferEntry[] {
  const byFamily = (family: OfferEntry["family"]) => OFFERS.filter((o) => o.family === family);
  const m365 = rng.sample(byFamily("m365"), rng.int(1, 3));
  const wantsAzure = index === 0 || rng.chance(0.6);
  const wantsDynamics = index === 0 || rng.chance(0.4);
  return [
    ...(wantsAzure ? byFamily("azure") : []),
    ...m365,
    ...(wantsDynamics ? rng.sample(byFamily("dynamics"), rng.int(1, 2)) : []),
  ];
}

function subscriptionStatus(rng: SeededRandom): string {
  const roll = rng.next();
  if (roll < 0.75) return "active";
  if (roll < 0.85) return "suspended";
  if (roll < 0.9) return "pending";
  if (roll < 0.94) return "deleted";
  if (roll < 0.97) return "expired";
  if (roll < 0.99) return "disabled";
  return "none";
}

const TERM_BY_CYCLE: Record<string, string> = { monthly: "P1M", annual: "P1Y", triennial: "P3Y" };

function generateSubscriptions(rng: SeededRandom, index: number, partner: SeedPartner, asOfMs: number): SeedSubscription[] {
  return pickOffers(rng, index).map((offer): SeedSubscription => {
    const isAzure = offer.family === "azure";
    const isTrial = !isAzure && rng.chance(0.05);
    const status = index === 0 ? "active" : subscriptionStatus(rng);
    const billingCycle = isTrial ? "none" : rng.pick(offer.billingCycles);
    const termDuration = isAzure ? null : isTrial ? "P1M" : offer.termDuration === "P1M" ? TERM_BY_CYCLE[billingCycle] ?? "P1M" : offer.termDuration === "P1Y" && billingCycle === "triennial" ? "P3Y" : offer.termDuration;
    const termDays = termDuration === "P3Y" ? 1095 : termDuration === "P1Y" ? 365 : 30;
    const startMs = asOfMs - rng.int(10, termDays - 5) * DAY_MS;
    const endMs = startMs + termDays * DAY_MS - DAY_MS;
    const cycleEndMs = asOfMs + rng.int(1, 28) * DAY_MS;
    const recent = asOfMs - startMs < 7 * DAY_MS;
    const quantity = rng.int(offer.minQuantity, offer.maxQuantity);
    return {
      id: rng.guid(),
      entitlementId: rng.guid(),
      offerId: offer.offerId,
      offerName: offer.offerName,
      friendlyName: rng.chance(0.3) ? `${offer.offerName} (${rng.pick(["HQ", "Sales", "Operations", "Pilot"])})` : offer.offerName,
      quantity,
      unitType: offer.unitType,
      parentSubscriptionId: null,
      consumptionType: isAzure ? "consumption" : "none",
      productType: { id: offer.productTypeId, displayName: offer.productTypeName },
      creationDate: iso(startMs - rng.int(0, 2) * DAY_MS),
      effectiveStartDate: iso(startMs),
      commitmentEndDate: iso(endMs),
      commitmentEndDateTime: iso(endMs + DAY_MS - 1000),
      cancellationAllowedUntilDate: recent ? iso(startMs + 7 * DAY_MS) : null,
      billingCycleEndDate: isAzure ? null : iso(cycleEndMs),
      billingCycleEndDateTime: isAzure ? null : iso(cycleEndMs + DAY_MS - 1000),
      status,
      autoRenewEnabled: !isTrial && status === "active" && rng.chance(0.8),
      billingType: isTrial ? "none" : offer.billingType,
      billingCycle,
      hasPurchasableAddons: offer.family === "m365" && rng.chance(0.5),
      isTrial,
      isMicrosoftProduct: true,
      actions: status === "active" ? (recent ? ["edit", "cancel"] : ["edit"]) : [],
      termDuration,
      renewalTermDuration: termDuration,
      refundOptions: recent ? [{ type: "Full", expiresAt: iso(startMs + 7 * DAY_MS) }] : [],
      refundableQuantity: recent ? { totalQuantity: quantity, details: [] } : null,
      partnerId: partner.partnerId,
      publisherName: "Microsoft Corporation",
      promotionId: null,
      migratedFromSubscriptionId: null,
      suspensionReasons: status === "suspended" ? ["PartnerInitiated"] : [],
      contractType: "subscription",
      orderId: rng.guid().replace(/-/g, ""),
    };
  });
}

const ACTIVE_INCIDENT_STATUSES = ["investigating", "serviceDegradation", "serviceInterruption", "restoringService", "extendedRecovery", "verifyingService"];
const ACTIVE_ADVISORY_STATUSES = ["investigating", "serviceDegradation"];

/** One global issue per template (the same id appears in every affected tenant, like Microsoft's). */
function generateIssue(seed: number, template: IncidentTemplate, templateIndex: number, asOfMs: number): SeedIssue {
  const rng = createSeededRandom(hashString(`issue:${seed}:${templateIndex}`));
  const entry = ALL_SERVICES.find((s) => s.id === template.serviceId) as ServiceEntry;
  // Template 0 (Exchange) is always active and template 2 (Teams) always resolved: tenant 0 relies on it.
  const active = templateIndex === 0 ? true : templateIndex === 2 ? false : rng.chance(0.45);
  const startMs = active ? asOfMs - rng.int(1, 40) * HOUR_MS : asOfMs - rng.int(3, 25) * DAY_MS;
  const endMs = active ? null : startMs + rng.int(2, 30) * HOUR_MS;
  const status = active
    ? rng.pick(template.classification === "incident" ? ACTIVE_INCIDENT_STATUSES : ACTIVE_ADVISORY_STATUSES)
    : template.classification === "incident" && rng.chance(0.3) ? "postIncidentReviewPublished" : "serviceRestored";
  const posts: SeedIssuePost[] = [
    post(startMs + 20 * 60_000, template.classification === "incident" ? "quick" : "regular",
      `<p>Title: ${template.title}</p><p>User impact: ${template.impactDescription}</p><p>Current status: We're investigating a potential issue and checking for impact to your organization.</p>`),
    post(startMs + 2 * HOUR_MS, "regular",
      `<p>Current status: We've identified a recent configuration change that may be contributing to the impact and we're reviewing it.</p>`),
  ];
  if (endMs !== null) {
    posts.push(post(endMs, "regular",
      `<p>Final status: We've confirmed that reverting the change resolved the impact.</p><p>Scope of impact: Some users of ${entry.service}.</p>`));
  }
  return {
    id: `${entry.issuePrefix}${100000 + (hashString(`issue-id:${seed}:${templateIndex}`) % 900000)}`,
    title: template.title,
    startDateTime: iso(startMs),
    endDateTime: endMs === null ? null : iso(endMs),
    lastModifiedDateTime: (posts[posts.length - 1] as SeedIssuePost).createdDateTime,
    details: template.classification === "incident" ? [{ name: "NotifyInApp", value: "True" }] : [],
    classification: template.classification,
    feature: template.feature,
    featureGroup: template.featureGroup,
    impactDescription: template.impactDescription,
    isResolved: !active,
    origin: "microsoft",
    status,
    service: entry.service,
    posts,
  };
}

function post(ms: number, postType: string, content: string): SeedIssuePost {
  return { createdDateTime: iso(ms), postType, description: { contentType: "html", content } };
}

function pickIssues(rng: SeededRandom, index: number, services: SeedService[], issues: SeedIssue[]): SeedIssue[] {
  const names = new Set(services.map((s) => s.service));
  const eligible = issues.filter((issue) => names.has(issue.service));
  const chosen = index === 0 ? [issues[0] as SeedIssue, issues[2] as SeedIssue] : [];
  const extra = rng.sample(eligible.filter((i) => !chosen.includes(i)), rng.int(0, 3));
  // Each tenant owns its copy, so resolving an incident in one tenant leaves the others alone.
  return [...chosen, ...extra].map((issue) => structuredClone(issue));
}
