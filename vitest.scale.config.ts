import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// The multi-instance suite (npm run test:scale): real instances as child processes on one
// PostgreSQL and one Redis. Files run one after another: each starts its own instances.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/scale/**/*.test.ts"],
    globalSetup: ["tests/scale/global-setup.ts"],
    setupFiles: ["tests/scale/setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
    fileParallelism: false,
  },
});
