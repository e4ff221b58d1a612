import { Agent } from "undici";

/**
 * An undici dispatcher that trusts `caCertPem` for its connections only (the emulator's
 * self-signed certificate), so TLS verification stays on and nothing changes process-wide.
 * Passed as `dispatcher` to Node's global fetch (Node 20's fetch is undici 6).
 */
export const createCaDispatcher = (caCertPem: string): Agent => new Agent({ connect: { ca: caCertPem } });

/** Fetch options that route through `dispatcher` when one is given. */
export const dispatcherInit = (dispatcher: Agent | undefined): RequestInit =>
  (dispatcher === undefined ? {} : { dispatcher }) as RequestInit;
