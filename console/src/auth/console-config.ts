/** What GET /console/config.json says about signing in (src/server/console.routes.ts). */
export type ConsoleConfig =
  | { mode: "sandbox"; demoAgents: { role: string; id: string; displayName: string }[] }
  | { mode: "microsoft"; clientId: string; authority: string; knownAuthorities: string[]; scopes: string[] };

export async function loadConsoleConfig(): Promise<ConsoleConfig> {
  const response = await fetch("/console/config.json");
  if (!response.ok) throw new Error(`GET /console/config.json answered ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}
