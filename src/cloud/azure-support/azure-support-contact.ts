import type { AzureSupportContact } from "./azure-support.mapper";

/** The slice of the partner's support offering (config/support-offering.json) the contact is made of. */
export interface OfferingContactSource {
  partnerName: string;
  serviceHours: { timeZone: string };
  contactMethods: readonly { kind: string; address: string }[];
}

/**
 * IANA time zone -> [Microsoft time zone index name, ISO 3166-1 alpha-3 country], for the zones
 * partners most often publish; others fall back to UTC / USA (Azure requires both fields).
 */
const ZONES: Readonly<Record<string, readonly [string, string]>> = {
  "Europe/Berlin": ["W. Europe Standard Time", "DEU"],
  "Europe/Vienna": ["W. Europe Standard Time", "AUT"],
  "Europe/Zurich": ["W. Europe Standard Time", "CHE"],
  "Europe/Amsterdam": ["W. Europe Standard Time", "NLD"],
  "Europe/Paris": ["Romance Standard Time", "FRA"],
  "Europe/Madrid": ["Romance Standard Time", "ESP"],
  "Europe/London": ["GMT Standard Time", "GBR"],
  "Europe/Dublin": ["GMT Standard Time", "IRL"],
  "America/New_York": ["Eastern Standard Time", "USA"],
  "America/Chicago": ["Central Standard Time", "USA"],
  "America/Denver": ["Mountain Standard Time", "USA"],
  "America/Los_Angeles": ["Pacific Standard Time", "USA"],
  "America/Toronto": ["Eastern Standard Time", "CAN"],
  "Asia/Tokyo": ["Tokyo Standard Time", "JPN"],
  "Asia/Shanghai": ["China Standard Time", "CHN"],
  "Asia/Kolkata": ["India Standard Time", "IND"],
  "Australia/Sydney": ["AUS Eastern Standard Time", "AUS"],
  UTC: ["UTC", "USA"],
};

/**
 * Azure Support's contact for tickets the desk files: the partner's support e-mail and time zone
 * from its published offering; the escalating agent's name replaces the name when known.
 */
export function contactFromOffering(offering: OfferingContactSource, language = "en-us"): AzureSupportContact {
  const email = offering.contactMethods.find((method) => method.kind === "EMAIL")?.address;
  if (!email) throw new Error("The support offering needs an EMAIL contact method: Azure Support requires a contact e-mail address");
  const [timeZone, country] = ZONES[offering.serviceHours.timeZone] ?? ZONES["UTC"]!;
  const words = offering.partnerName.trim().split(/\s+/);
  return {
    firstName: words[0] ?? "Partner",
    lastName: words.length > 1 ? words.slice(1).join(" ") : "Support",
    email,
    timeZone,
    country,
    language,
  };
}
