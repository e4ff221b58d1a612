import { describe, expect, it } from "vitest";
import { productForNames, productForService } from "../../../src/cloud/service-product.mapper";

describe("productForService", () => {
  it.each([
    ["Exchange", "Exchange Online", "MICROSOFT_365"],
    ["microsoftteams", "Microsoft Teams", "MICROSOFT_365"],
    ["SharePoint", "SharePoint Online", "MICROSOFT_365"],
    ["OneDriveForBusiness", "OneDrive for Business", "MICROSOFT_365"],
    ["OSDPPlatform", "Microsoft 365 suite", "MICROSOFT_365"],
    ["Intune", "Microsoft Intune", "MICROSOFT_365"],
    ["OrgLiveID", "Microsoft Entra", "MICROSOFT_365"],
    ["Forms", "Microsoft Forms", "MICROSOFT_365"],
    ["RMS", "Azure Information Protection", "MICROSOFT_365"],
    ["DynamicsCRM", "Dynamics 365 Apps", "DYNAMICS_365"],
    ["PowerApps", "Power Apps", "DYNAMICS_365"],
    ["MicrosoftFlow", "Power Automate", "DYNAMICS_365"],
    ["PowerBIcom", "Power BI", "DYNAMICS_365"],
    ["AzureDevOps", "Azure DevOps", "AZURE"],
    ["Contoso", "Contoso Widgets", "OTHER"],
  ] as const)("maps %s (%s) to %s", (id, name, product) => {
    expect(productForService(id, name)).toBe(product);
  });

  it("uses the id when the display name is missing", () => {
    expect(productForService("DynamicsCRM", undefined)).toBe("DYNAMICS_365");
  });
});

describe("productForNames", () => {
  it("maps offer and support topic names", () => {
    expect(productForNames("Azure plan")).toBe("AZURE");
    expect(productForNames("Microsoft 365 Business Premium")).toBe("MICROSOFT_365");
    expect(productForNames("Office 365 E3")).toBe("MICROSOFT_365");
    expect(productForNames("Dynamics 365 Sales Enterprise")).toBe("DYNAMICS_365");
    expect(productForNames("Microsoft Entra ID - Sign-in and MFA")).toBe("MICROSOFT_365");
    expect(productForNames("Partner Center - Account")).toBe("OTHER");
    // "flow" alone is not Power Automate.
    expect(productForNames("Exchange Online - Mail flow")).toBe("MICROSOFT_365");
  });

  it("ignores empty and missing names", () => {
    expect(productForNames(null, undefined, "  ")).toBe("OTHER");
  });
});
