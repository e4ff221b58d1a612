import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The console (index.html) and the offline GraphQL explorer (explorer.html), built into
// dist/console, which the gateway serves at / and /explorer. Nothing is loaded from a CDN.
const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: "/",
  plugins: [react()],
  build: {
    outDir: resolve(here, "../dist/console"),
    emptyOutDir: true,
    // Budgets are checked by scripts/console-budget (gzip), not by vite's warning.
    chunkSizeWarningLimit: 5_000,
    rollupOptions: {
      input: { index: resolve(here, "index.html"), explorer: resolve(here, "explorer.html") },
      // GraphiQL's React Compiler directives ("use no memo") are harmless when bundled.
      onwarn(warning, warn) {
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite console` during development: API calls go to a gateway on :4000.
    proxy: { "/graphql": { target: "http://localhost:4000", ws: true }, "/exports": "http://localhost:4000", "/console/": "http://localhost:4000" },
  },
});
