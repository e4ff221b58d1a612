import type { SeedIssue } from "./emulator-seed.types";
import { GDAP_ROLE } from "./gdap-roles";

/** Fixed reference data the seed generator draws from: names, offers, services, incidents, topics. */

/** Microsoft's own fictitious company names, so demo data never names a real customer. */
export const COMPANY_NAMES = [
  "Contoso", "Fabrikam", "Adatum", "Litware", "Northwind Traders", "Tailspin Toys", "Wingtip Toys",
  "Woodgrove Bank", "Fourth Coffee", "Coho Winery", "Alpine Ski House", "Relecloud", "Proseware",
  "Trey Research", "Lucerne Publishing", "Humongous Insurance", "Wide World Importers",
  "Blue Yonder Airlines", "City Power & Light", "Consolidated Messenger", "Graphic Design Institute",
  "Lamna Healthcare", "Margie's Travel", "Southridge Video", "VanArsdel", "Best For You Organics",
  "First Up Consultants", "Boulder Innovations", "Nod Publishers", "Bellows College",
] as const;

export const COMPANY_SUFFIXES = ["Ltd", "Inc.", "GmbH", "LLC", "Group", "S.A.", "Pty Ltd", "AB"] as const;

/** Graph serviceHealth ids and display names (the key used by healthOverviews/{serviceName}). */
export const M365_SERVICES = [
  { id: "Exchange", service: "Exchange Online", issuePrefix: "EX" },
  { id: "microsoftteams", service: "Microsoft Teams", issuePrefix: "TM" },
  { id: "SharePoint", service: "SharePoint Online", issuePrefix: "SP" },
  { id: "OneDriveForBusiness", service: "OneDrive for Business", issuePrefix: "OD" },
  { id: "OSDPPlatform", service: "Microsoft 365 suite", issuePrefix: "MO" },
  { id: "Intune", service: "Microsoft Intune", issuePrefix: "IT" },
  { id: "OrgLiveID", service: "Microsoft Entra", issuePrefix: "AAD" },
  { id: "Forms", service: "Microsoft Forms", issuePrefix: "FM" },
  { id: "PowerBIcom", service: "Power BI", issuePrefix: "PBI" },
] as const;

export const DYNAMICS_SERVICES = [
  { id: "DynamicsCRM", service: "Dynamics 365 Apps", issuePrefix: "CR" },
  { id: "PowerApps", service: "Power Apps", issuePrefix: "PA" },
  { id: "MicrosoftFlow", service: "Power Automate", issuePrefix: "MF" },
] as const;

export type ServiceEntry = (typeof M365_SERVICES)[number] | (typeof DYNAMICS_SERVICES)[number];

export interface OfferEntry {
  offerId: string;
  offerName: string;
  family: "azure" | "m365" | "dynamics";
  unitType: string;
  billingType: "usage" | "license" | "none";
  billingCycles: readonly string[];
  termDuration: string | null;
  productTypeId: string;
  productTypeName: string;
  minQuantity: number;
  maxQuantity: number;
}

/** Offers spanning Azure, Microsoft 365 and Dynamics 365 (new-commerce style product:sku ids). */
export const OFFERS: readonly OfferEntry[] = [
  { offerId: "DZH318Z0BPS6:0001", offerName: "Azure plan", family: "azure", unitType: "Usage-based",
    billingType: "usage", billingCycles: ["monthly"], termDuration: null, productTypeId: "Azure",
    productTypeName: "Azure", minQuantity: 1, maxQuantity: 1 },
  { offerId: "CFQ7TTC0LFLX:0002", offerName: "Microsoft 365 E3", family: "m365", unitType: "Licenses",
    billingType: "license", billingCycles: ["monthly", "annual", "triennial"], termDuration: "P1Y",
    productTypeId: "OnlineServicesNCE", productTypeName: "OnlineServicesNCE", minQuantity: 10, maxQuantity: 900 },
  { offerId: "CFQ7TTC0LFK5:0002", offerName: "Microsoft 365 E5", family: "m365", unitType: "Licenses",
    billingType: "license", billingCycles: ["monthly", "annual"], termDuration: "P1Y",
    productTypeId: "OnlineServicesNCE", productTypeName: "OnlineServicesNCE", minQuantity: 5, maxQuantity: 300 },
  { offerId: "CFQ7TTC0LCHC:0002", offerName: "Microsoft 365 Business Premium", family: "m365",
    unitType: "Licenses", billingType: "license", billingCycles: ["monthly", "annual"], termDuration: "P1M",
    productTypeId: "OnlineServicesNCE", productTypeName: "OnlineServicesNCE", minQuantity: 5, maxQuantity: 300 },
  { offerId: "CFQ7TTC0LH16:0001", offerName: "Exchange Online (Plan 1)", family: "m365", unitType: "Licenses",
    billingType: "license", billingCycles: ["monthly", "annual"], termDuration: "P1Y",
    productTypeId: "OnlineServicesNCE", productTypeName: "OnlineServicesNCE", minQuantity: 5, maxQuantity: 500 },
  { offerId: "CFQ7TTC0LHSF:0001", offerName: "Microsoft Teams Essentials", family: "m365", unitType: "Licenses",
    billingType: "license", billingCycles: ["monthly"], termDuration: "P1M",
    productTypeId: "OnlineServicesNCE", productTypeName: "OnlineServicesNCE", minQuantity: 1, maxQuantity: 300 },
  { offerId: "CFQ7TTC0LF8Q:0001", offerName: "Dynamics 365 Sales Enterprise", family: "dynamics",
    unitType: "Licenses", billingType: "license", billingCycles: ["monthly", "annual"], termDuration: "P1Y",
    productTypeId: "OnlineServicesNCE", productTypeName: "OnlineServicesNCE", minQuantity: 5, maxQuantity: 200 },
  { offerId: "CFQ7TTC0LHLF:0001", offerName: "Dynamics 365 Business Central Essentials", family: "dynamics",
    unitType: "Licenses", billingType: "license", billingCycles: ["monthly", "annual"], termDuration: "P1Y",
    productTypeId: "OnlineServicesNCE", productTypeName: "OnlineServicesNCE", minQuantity: 3, maxQuantity: 100 },
  { offerId: "CFQ7TTC0LHXP:0001", offerName: "Dynamics 365 Customer Service Enterprise", family: "dynamics",
    unitType: "Licenses", billingType: "license", billingCycles: ["annual"], termDuration: "P1Y",
    productTypeId: "OnlineServicesNCE", productTypeName: "OnlineServicesNCE", minQuantity: 5, maxQuantity: 150 },
];

/** Realistic GDAP role sets that include a health-reading role (for tenants 6+). */
export const HEALTHY_ROLE_SETS: readonly (readonly string[])[] = [
  [GDAP_ROLE.SERVICE_SUPPORT_ADMINISTRATOR, GDAP_ROLE.GLOBAL_READER],
  [GDAP_ROLE.HELPDESK_ADMINISTRATOR, GDAP_ROLE.SERVICE_SUPPORT_ADMINISTRATOR],
  [GDAP_ROLE.GLOBAL_READER],
  [GDAP_ROLE.SERVICE_SUPPORT_ADMINISTRATOR, GDAP_ROLE.MESSAGE_CENTER_READER],
  [GDAP_ROLE.HELPDESK_ADMINISTRATOR, GDAP_ROLE.GLOBAL_READER, GDAP_ROLE.MESSAGE_CENTER_READER],
  [GDAP_ROLE.GLOBAL_ADMINISTRATOR],
];

/** A global issue to generate: the texts it carries as they are, on the service named by `serviceId`. */
export interface IncidentTemplate extends Pick<SeedIssue, "title" | "feature" | "featureGroup" | "impactDescription"> {
  serviceId: string;
  classification: "incident" | "advisory";
}

export const INCIDENT_TEMPLATES: readonly IncidentTemplate[] = [
  { serviceId: "Exchange", classification: "incident", feature: "E-Mail and calendar access",
    featureGroup: "E-Mail and calendar access", title: "Users may be unable to access their mailbox using Outlook on the web",
    impactDescription: "Users may be unable to access their mailbox using Outlook on the web and may see a 500 error." },
  { serviceId: "Exchange", classification: "advisory", feature: "Mail Flow", featureGroup: "Management and Provisioning",
    title: "Some users may experience delays when sending or receiving email messages",
    impactDescription: "Users may experience delays of up to an hour when sending or receiving email messages." },
  { serviceId: "microsoftteams", classification: "incident", feature: "Meetings", featureGroup: "Teams Components",
    title: "Users may be unable to join Microsoft Teams meetings from the desktop client",
    impactDescription: "Users attempting to join meetings from the desktop client may receive an error." },
  { serviceId: "microsoftteams", classification: "advisory", feature: "Chat", featureGroup: "Teams Components",
    title: "Chat messages may be delayed for some users",
    impactDescription: "Users may notice that chat messages take longer than usual to appear." },
  { serviceId: "SharePoint", classification: "incident", feature: "SharePoint Features", featureGroup: "SharePoint Features",
    title: "Users may see errors when opening SharePoint Online sites",
    impactDescription: "Users may receive a 'Something went wrong' error when opening some sites." },
  { serviceId: "OneDriveForBusiness", classification: "advisory", feature: "Sync", featureGroup: "OneDrive Features",
    title: "OneDrive sync client may stall on files with long paths",
    impactDescription: "Users may notice that some files do not sync to their devices." },
  { serviceId: "OSDPPlatform", classification: "incident", feature: "Portal", featureGroup: "Portal",
    title: "Admins may be unable to load the Microsoft 365 admin center",
    impactDescription: "Admins may see a blank page when loading some pages of the Microsoft 365 admin center." },
  { serviceId: "Intune", classification: "advisory", feature: "Device enrollment", featureGroup: "Device management",
    title: "Delays in device enrollment for some Windows devices",
    impactDescription: "Newly enrolled Windows devices may take longer than usual to appear in the admin center." },
  { serviceId: "OrgLiveID", classification: "incident", feature: "Sign-In", featureGroup: "Authentication",
    title: "Some users may be unable to sign in with multifactor authentication",
    impactDescription: "Users may experience failures when completing MFA prompts on mobile devices." },
  { serviceId: "DynamicsCRM", classification: "incident", feature: "Performance", featureGroup: "Dynamics 365 Apps",
    title: "Users may experience slowness when loading Dynamics 365 Sales forms",
    impactDescription: "Users may experience performance degradation when loading forms in Dynamics 365 Sales." },
  { serviceId: "PowerApps", classification: "advisory", feature: "Canvas apps", featureGroup: "Power Apps",
    title: "Canvas apps may fail to publish",
    impactDescription: "Makers may receive an error when publishing canvas apps." },
];

/** Partner Center support topics (ids are numbers, as in the doc examples). */
export const SUPPORT_TOPICS = [
  // 32444667 and 32444671 as in Microsoft's support topics example; the other ids are the emulator's own.
  { id: 32444667, name: "Partner Center Issues", description: "Office 365 questions from the CSP (Cloud Solution Provider) partners using Partner Center" },
  { id: 32444671, name: "Cannot manage my profile", description: "Issues that are related to errors or problems with managing a profile" },
  { id: 32444670, name: "Exchange Online - Mail flow", description: "Email delivery, delays, NDRs and connectors" },
  { id: 32444672, name: "Exchange Online - Mailbox access", description: "Outlook, Outlook on the web and mobile access" },
  { id: 32444673, name: "Microsoft Teams - Meetings and calling", description: "Joining meetings, audio, video and PSTN" },
  { id: 32444674, name: "SharePoint Online - Sites and permissions", description: "Site access, sharing and permissions" },
  { id: 32444675, name: "OneDrive for Business - Sync", description: "Sync client and file access" },
  { id: 32444676, name: "Microsoft 365 - Licensing and subscriptions", description: "License assignment and subscription management" },
  { id: 32444677, name: "Microsoft 365 - Billing", description: "Invoices, charges and payment questions" },
  { id: 32444678, name: "Microsoft Entra ID - Sign-in and MFA", description: "User sign-in, conditional access and MFA" },
  { id: 32444679, name: "Dynamics 365 Sales - Performance and errors", description: "Forms, views and customizations in Dynamics 365 Sales" },
  { id: 32444680, name: "Dynamics 365 Business Central - Finance", description: "General ledger, posting and reporting" },
  { id: 32444681, name: "Dynamics 365 - Licensing", description: "Dynamics 365 license and capacity questions" },
  { id: 32444682, name: "Azure - Virtual Machine running Windows", description: "Connectivity, performance and startup of Windows VMs" },
  { id: 32444683, name: "Azure - Billing", description: "Azure plan charges, credits and invoices" },
  { id: 32444684, name: "Azure - Subscription management", description: "Azure subscription transfer, quota and access" },
  { id: 32444685, name: "Azure - Storage", description: "Blob, file and disk storage issues" },
] as const;
