import { PublicClientApplication, type AuthenticationResult } from "@azure/msal-browser";
import type { ConsoleConfig } from "./console-config";

type MicrosoftConfig = Extract<ConsoleConfig, { mode: "microsoft" }>;

/**
 * Entra ID sign-in with MSAL: authorization code flow with PKCE, redirecting back to /signin.
 * `knownAuthorities` lets MSAL trust a private authority (or the emulator) without calling
 * Microsoft's instance discovery, which fails offline.
 */
async function application(config: MicrosoftConfig): Promise<PublicClientApplication> {
  const msal = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      redirectUri: `${location.origin}/signin`,
      postLogoutRedirectUri: `${location.origin}/signin`,
    },
    cache: { cacheLocation: "sessionStorage" },
  });
  await msal.initialize();
  return msal;
}

/** Sends the browser to the authority's sign-in page. */
export async function startMicrosoftSignIn(config: MicrosoftConfig): Promise<void> {
  const msal = await application(config);
  await msal.loginRedirect({ scopes: config.scopes, prompt: "select_account" });
}

/** On the way back from the authority: the access token for the gateway's API, or null. */
export async function completeMicrosoftSignIn(config: MicrosoftConfig): Promise<string | null> {
  const msal = await application(config);
  const result: AuthenticationResult | null = await msal.handleRedirectPromise();
  if (result === null) return null;
  if (result.accessToken) return result.accessToken;
  const silent = await msal.acquireTokenSilent({ scopes: config.scopes, account: result.account });
  return silent.accessToken;
}
