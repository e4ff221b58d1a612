import { getCloudEndpoints, PARTNER_CENTER_SCOPE, type CloudName } from "../cloud-endpoints";
import { EntraOnBehalfOfExchange, SandboxOnBehalfOfExchange, type UserTokenExchange } from "../auth/on-behalf-of.exchange";
import { createCaDispatcher } from "../http-dispatcher";
import type { ServiceRequestDesk } from "../ports";
import { PartnerCenterServiceRequestsAdapter } from "./service-requests.adapter";

export type ServiceRequestDeskSettings =
  | {
      mode: "sandbox";
      /** The emulator's root URL: Partner Center and its token endpoint. */
      emulatorUrl: string;
      partnerTenantId: string;
      clientId: string;
      clientSecret: string;
      caCertPem: string;
      timeoutMs: number;
    }
  | {
      mode: "microsoft";
      cloud: CloudName;
      partnerTenantId: string;
      clientId: string;
      clientSecret?: string;
      certificatePath?: string;
      timeoutMs: number;
    };

/**
 * The Partner Center service request desk with App+User tokens from the on-behalf-of flow:
 * OnBehalfOfCredential against Entra ID in microsoft mode, the same grant against the
 * emulator's token endpoint in sandbox mode.
 */
export function createPartnerCenterServiceRequestDesk(settings: ServiceRequestDeskSettings): { desk: ServiceRequestDesk; close(): Promise<void> } {
  let userTokens: UserTokenExchange;
  let baseUrl: string;
  const dispatcher = settings.mode === "sandbox" ? createCaDispatcher(settings.caCertPem) : undefined;
  if (settings.mode === "sandbox") {
    userTokens = new SandboxOnBehalfOfExchange({
      authorityUrl: settings.emulatorUrl,
      partnerTenantId: settings.partnerTenantId,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      caCertPem: settings.caCertPem,
      timeoutMs: settings.timeoutMs,
    });
    baseUrl = settings.emulatorUrl;
  } else {
    userTokens = new EntraOnBehalfOfExchange({
      cloud: settings.cloud,
      partnerTenantId: settings.partnerTenantId,
      clientId: settings.clientId,
      ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
      ...(settings.certificatePath ? { certificatePath: settings.certificatePath } : {}),
    });
    baseUrl = getCloudEndpoints(settings.cloud).partnerCenterBaseUrl;
  }
  const desk = new PartnerCenterServiceRequestsAdapter({ baseUrl, scope: PARTNER_CENTER_SCOPE, userTokens, dispatcher, timeoutMs: settings.timeoutMs });
  return {
    desk,
    async close() {
      await userTokens.close();
      await dispatcher?.close();
    },
  };
}
