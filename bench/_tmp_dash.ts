import "reflect-metadata";
import { benchDashboard } from "./dashboard.bench";
async function main() {
  for (const n of (process.env.T ?? "25").split(",").map(Number)) {
    const r = await benchDashboard(n, { warmSeconds: 2, connections: 4 });
    console.log(JSON.stringify({ n, cold: r.cold, targets: r.targets, naive: r.naive, warm: r.warm, overhead: r.overhead }));
  }
}
main().then(() => process.exit(0));
