import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * lib0's dom module (Yjs reaches it through lib0/logging) builds four type schemas at its top level,
 * `$.$custom(…)`, without the PURE annotation a bundler needs to drop unused calls: they kept all of
 * lib0/schema (~2.5 KB gzip) on the board page though nothing reads them. The annotation is added
 * here; a lib0 that annotates them itself makes this a no-op (docs/decisions/046-page-weight.md).
 */
const lib0PureSchemas: Plugin = {
  name: "lib0-pure-schemas",
  apply: "build",
  transform(code, id) {
    if (!/\/node_modules\/lib0\/dom\.js$/.test(id)) return null;
    return { code: code.replaceAll("= $.$custom(", "= /* @__PURE__ */ $.$custom("), map: null };
  },
};

export default defineConfig({
  plugins: [
    lib0PureSchemas,
    remix({
      buildDirectory: process.env.BUILD_DIR ?? "build",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
  build: {
    target: "es2022",
    rollupOptions: {
      treeshake: {
        // app/domain is pure by design (docs/STYLE: no I/O, nothing done on import), but rollup
        // cannot tell that top-level data built by calls (plan-2023's template, say) is unused:
        // a module of it that a page imports nothing from is left out (docs/benchmarks.md).
        moduleSideEffects: (id) => !id.includes("/app/domain/"),
      },
    },
  },
});
