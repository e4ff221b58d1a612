import type { Agent } from "../../../src/auth/agent";
import { buildGatewaySchema } from "../../../src/graphql/schema";
import { createLogger } from "../../../src/server/logger";
import { startGateway, type RunningGateway } from "../../../src/server/gateway";
import type { TestGateway } from "./test-gateway";

/**
 * The HTTP/WebSocket gateway as microsoft mode runs it (sandbox off: introspection off, field
 * suggestions hidden, no landing page) over a sandbox test gateway's cloud, with every bearer token
 * accepted as the agent `agentFor` gives (no services: for limit and schema-rule tests only).
 */
export async function startNonSandboxGateway(gw: TestGateway, agentFor: (token: string) => Agent): Promise<RunningGateway> {
  return startGateway({
    schema: await buildGatewaySchema(),
    host: "127.0.0.1",
    port: 0,
    sandbox: false,
    corsOrigins: [],
    log: createLogger("silent"),
    verifier: { verify: async (token) => agentFor(token) },
    cloud: gw.app.cloud,
    portalHosts: { microsoft365AdminCenter: "https://admin.microsoft.com", azurePortal: "https://portal.azure.com", powerPlatformAdminCenter: "https://admin.powerplatform.microsoft.com" },
    services: { tickets: undefined as never, ticketStore: undefined as never, ticketQueries: undefined as never, agents: undefined as never },
    readinessChecks: [],
  });
}
