import "reflect-metadata";
import { benchTickets } from "./tickets.bench";
async function main() {
  const db = (process.env.DB ?? "sqlite") as "sqlite" | "postgres";
  for (const c of (process.env.CLIENTS ?? "1,4").split(",").map(Number)) {
    console.log(JSON.stringify(await benchTickets(db, c, Number(process.env.N ?? 100))));
  }
}
main().then(() => process.exit(0));
