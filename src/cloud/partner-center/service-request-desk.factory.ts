import { getCloudEndpoints, PARTNER_CENTER_SCOPE, type CloudName } from "../cloud-endpoints";
import { identityConnection } from "../auth/identity-transport";
import { OnBehalfOfExchange, type UserTokenExchange } from "../auth/on-behalf-of.exchange";
import { createCaDispatcher } from "../http-dispatcher";
import type { ServiceRequestDesk } from "../ports";
import type { ContactDefaults } from "./service-request.mapper";
import { PartnerCenterServiceRequestsAdapter } from "./service-requests.adapter";

export type ServiceRequestDeskSettings =
  | {
      mode: "sandbox";
      /** The emulator's root URL: Partner Center and its identity endpoints. */
      emulatorUrl: string;
      partnerTenantId: string;
      clientId: string;
      clientSecret: string;
      caCertPem: string;
      timeoutMs: number;
      maxRetries?: number;
      retryBaseDelayMs?: number;
    }
  | {
      mode: "microsoft";
      cloud: CloudName;
      partnerTenantId: string;
      clientId: string;
      clientSecret?: string | undefined;
      certificatePath?: string | undefined;
      /** PARTNER_CENTER_BASE_URL: overrides the cloud's Partner Center root. */
      partnerCenterBaseUrl?: string | undefined;
      /** AUTHORITY_HOST: overrides the cloud's authority (instance discovery off). */
      authorityHost?: string | undefined;
      /** UPSTREAM_CA_FILE's PEM: trusted for the service request and on-behalf-of calls only. */
      caCertPem?: string | undefined;
      timeoutMs: number;
      maxRetries?: number;
      retryBaseDelayMs?: number;
    };

/**
 * The Partner Center service request desk with App+User tokens from the on-behalf-of flow:
 * @azure/identity's OnBehalfOfCredential in both modes, against Entra ID (or AUTHORITY_HOST) in
 * microsoft mode and the emulator's identity endpoints in sandbox mode, with the same CA for the
 * token and the Partner Center calls.
 */
export function createPartnerCenterServiceRequestDesk(
  settings: ServiceRequestDeskSettings,
  /** The partner desk's e-mail / phone for the primary contact when the agent's own are unknown. */
  options: { contactDefaults?: ContactDefaults } = {},
): {
  desk: ServiceRequestDesk;
  /** The desk's on-behalf-of exchange, for other App+User reads (support topics). Closed with the desk. */
  userTokens: UserTokenExchange;
  close(): Promise<void>;
} {
  const sandbox = settings.mode === "sandbox";
  const caCertPem = settings.caCertPem;
  const baseUrl = sandbox ? settings.emulatorUrl : (settings.partnerCenterBaseUrl ?? getCloudEndpoints(settings.cloud).partnerCenterBaseUrl);
  const connection = identityConnection({
    ...(sandbox ? { authorityHost: settings.emulatorUrl } : { cloud: settings.cloud, authorityHost: settings.authorityHost }),
    caCertPem,
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    retryBaseDelayMs: settings.retryBaseDelayMs,
  });
  const userTokens = new OnBehalfOfExchange({
    partnerTenantId: settings.partnerTenantId,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    ...(settings.mode === "microsoft" ? { certificatePath: settings.certificatePath } : {}),
    connection,
  });
  const dispatcher = caCertPem === undefined ? undefined : createCaDispatcher(caCertPem);
  const desk = new PartnerCenterServiceRequestsAdapter({
    baseUrl,
    scope: PARTNER_CENTER_SCOPE,
    userTokens,
    dispatcher,
    timeoutMs: settings.timeoutMs,
    ...(options.contactDefaults ? { contactDefaults: options.contactDefaults } : {}),
  });
  return {
    desk,
    userTokens,
    async close() {
      await userTokens.close();
      await dispatcher?.close();
    },
  };
}
