import type { Product } from "./cloud-types";

/**
 * Which of the three online services a Microsoft service, offer or support topic belongs to, by
 * its names. Rules are checked in order; the first one that matches any of the names wins.
 * Power Platform (Power Apps, Power Automate, Power BI, Copilot Studio) is sold and supported
 * with Dynamics 365, so it maps to DYNAMICS_365.
 */
const RULES: ReadonlyArray<{ product: Product; pattern: RegExp }> = [
  {
    product: "DYNAMICS_365",
    pattern:
      /dynamics|\bcrm\b|power\s*apps?\b|powerapps|power\s*automate|microsoft\s*flow|power\s*platform|power\s*bi\b|powerbi|power\s*pages|power\s*virtual\s*agents|copilot\s*studio|dataverse|\bd365/i,
  },
  // Azure Information Protection and Azure AD (Entra) are Microsoft 365 workloads despite their names.
  { product: "MICROSOFT_365", pattern: /azure\s*information\s*protection|\brms\b|azure\s*active\s*directory|azure\s*ad\b/i },
  { product: "AZURE", pattern: /azure/i },
  {
    product: "MICROSOFT_365",
    pattern:
      /microsoft\s*365|\bm365\b|office|\bo365\b|osdp|exchange|sharepoint|onedrive|teams|intune|entra|orgliveid|active\s*directory|\bforms\b|planner|bookings|\bviva|yammer|\bsway\b|\bstream\b|skype|lync|defender|purview|copilot|windows|\bproject\b|projectfortheweb|visio|whiteboard|\bto\s*do\b|cloudappsecurity|information\s*protection/i,
  },
];

/**
 * Maps names (Graph service id and display name, an offer name, a support topic name) to a Product.
 *
 * @example productForNames("Exchange", "Exchange Online") // "MICROSOFT_365"
 * @example productForNames("Azure plan") // "AZURE"
 */
export function productForNames(...names: ReadonlyArray<string | null | undefined>): Product {
  const present = names.filter((name): name is string => typeof name === "string" && name.trim() !== "");
  for (const rule of RULES) {
    if (present.some((name) => rule.pattern.test(name))) return rule.product;
  }
  return "OTHER";
}

/** A Graph serviceHealth / issue's product from its service id (e.g. "DynamicsCRM") and display name. */
export const productForService = (serviceId: string | null | undefined, serviceName: string | null | undefined): Product =>
  productForNames(serviceName, serviceId);
