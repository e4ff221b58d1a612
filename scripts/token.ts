/**
 * `npm run --silent token -- ROLE`: prints a sandbox bearer token for the demo agent of ROLE
 * (and nothing else on stdout), signed with the same local key the gateway verifies with.
 */
import { AGENT_ROLES, isAgentRole } from "../src/auth/agent";
import { DEMO_AGENTS } from "../src/auth/demo-agents";
import { loadOrCreateSandboxSigningKey } from "../src/auth/sandbox-signing-key";
import { issueSandboxToken } from "../src/auth/sandbox-token";
import { ConfigError, parseConfig } from "../src/config";

async function main(): Promise<number> {
  const role = process.argv[2] ?? "HELPDESK_AGENT";
  if (!isAgentRole(role)) {
    process.stderr.write(`Unknown role "${role}". Use one of: ${AGENT_ROLES.join(", ")}\n`);
    return 2;
  }
  const config = parseConfig(process.env);
  if (config.mode !== "sandbox") {
    process.stderr.write("Tokens are minted locally only in sandbox mode; in microsoft mode use Entra ID.\n");
    return 2;
  }
  const key = await loadOrCreateSandboxSigningKey(config.dataDir);
  process.stdout.write(`${await issueSandboxToken(key, DEMO_AGENTS[role])}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? `Configuration error: ${error.message}` : String(error)}\n`);
    process.exit(1);
  },
);
