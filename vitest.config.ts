import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // type-graphql loads graphql's CommonJS build; make every import use that one copy
    // (otherwise graphql-js throws "Cannot use GraphQLObjectType from another module or realm").
    alias: { graphql: "graphql/index.js" },
  },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default (one worker fewer than the CPUs) runs the files one by one on CI's 2 cores;
    // most of an e2e file's time is spent waiting on sockets, child processes and timers, so two
    // files at a time there halve the suite's wall time (432 s -> 240 s measured).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
