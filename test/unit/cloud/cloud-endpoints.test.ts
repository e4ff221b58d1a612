import { describe, expect, it } from "vitest";
import { CLOUD_ENDPOINTS, CLOUD_NAMES, defaultScope, getCloudEndpoints } from "../../../src/cloud/cloud-endpoints";

describe("cloud endpoints", () => {
  it("has https hosts for every cloud", () => {
    for (const name of CLOUD_NAMES) {
      const endpoints = CLOUD_ENDPOINTS[name];
      const urls = [endpoints.authorityHost, endpoints.graphBaseUrl, endpoints.partnerCenterBaseUrl, endpoints.armBaseUrl, ...Object.values(endpoints.portals)];
      for (const url of urls) expect(new URL(url).protocol).toBe("https:");
      expect(endpoints.name).toBe(name);
    }
  });

  it("uses the national Graph and authority hosts", () => {
    expect(getCloudEndpoints("usgov").graphBaseUrl).toBe("https://graph.microsoft.us");
    expect(getCloudEndpoints("usgov-dod").graphBaseUrl).toBe("https://dod-graph.microsoft.us");
    expect(getCloudEndpoints("china").authorityHost).toBe("https://login.chinacloudapi.cn");
    expect(getCloudEndpoints("china").partnerCenterBaseUrl).toBe("https://partner.partnercenterapi.microsoftonline.cn");
  });

  it("refuses an unknown cloud name", () => {
    expect(() => getCloudEndpoints("germany")).toThrow(/Unknown Microsoft cloud/);
  });

  it("builds a resource's .default scope from its origin", () => {
    expect(defaultScope("https://graph.microsoft.us")).toBe("https://graph.microsoft.us/.default");
    expect(defaultScope("https://graph.microsoft.com/v1.0/")).toBe("https://graph.microsoft.com/.default");
  });
});
