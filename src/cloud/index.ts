export type {
  CustomerDirectory,
  MicrosoftCloud,
  ServiceHealthFeed,
  SubscriptionCatalog,
  SupportTopicCatalog,
} from "./ports";
export { CLOUD_ENDPOINTS, CLOUD_NAMES, getCloudEndpoints, defaultScope, PARTNER_CENTER_SCOPE } from "./cloud-endpoints";
export type { CloudEndpoints, CloudName } from "./cloud-endpoints";
export type { CloudLogger } from "./cloud-logger";
export { createMicrosoftCloud } from "./microsoft-cloud.factory";
export type { MicrosoftCloudHandle, MicrosoftCloudSettings } from "./microsoft-cloud.factory";
export { createTokenCredential } from "./auth/token-credential.factory";
export type { TokenCredentialSettings } from "./auth/token-credential.factory";
export { CachingTokenCredential } from "./auth/caching-token.credential";
export { isTransientError, isTransientStatus } from "./is-transient-error";
export { productForNames, productForService } from "./service-product.mapper";
