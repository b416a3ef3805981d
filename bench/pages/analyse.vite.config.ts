// The app's Vite config plus one plugin that writes, beside the client build, which modules each
// chunk holds (bench/pages/chunks.ts reads it):
//   BUILD_DIR=/tmp/wbuild npx remix vite:build --config bench/pages/analyse.vite.config.ts
import fs from "node:fs";
import path from "node:path";
import { mergeConfig, transformWithEsbuild, type Plugin } from "vite";
import config from "../../vite.config";

/** chunk file → [module id, bytes once minified] for every module rendered into it. */
export type ChunkModules = Record<string, [string, number][]>;

const chunkModules: Plugin = {
  name: "chunk-modules",
  apply: "build",
  async generateBundle(options, bundle) {
    if (!options.dir || path.basename(options.dir) !== "client") return;
    const out: ChunkModules = {};
    for (const [file, chunk] of Object.entries(bundle)) {
      if (chunk.type !== "chunk") continue;
      out[file] = await Promise.all(
        Object.entries(chunk.modules).map(async ([id, m]): Promise<[string, number]> => {
          if (!m.code) return [id, 0];
          // Minified alone, as the chunk minifies it (names shorten a little more in the chunk).
          const min = await transformWithEsbuild(m.code, "module.js", { minify: true, loader: "js" }).catch(() => null);
          return [id, min ? min.code.length : m.renderedLength];
        }),
      );
    }
    fs.writeFileSync(path.join(options.dir, "..", "chunk-modules.json"), JSON.stringify(out));
  },
};

export default mergeConfig(config, { plugins: [chunkModules] });
