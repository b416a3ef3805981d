import { describe, expect, it } from "vitest";
import { chunkCode, chunkName, initialChunks, pageChunks, pageWeight, readBuild } from "../../bench/pages/chunk-graph";

// Keeps the page weight honest without a clock: reads the production build (npm run build, as
// `npm test` runs before this) and checks what the board and the overview load, in bytes
// (deterministic for a build) and by content. docs/benchmarks.md, "Page weight".

const BOARD = "routes/schools.$slug.($campaign)";
const OVERVIEW = "routes/overview";
const build = readBuild();
/** The chunks among `urls` whose code matches: names only, so a failure reads short. */
const holding = (urls: string[], pattern: RegExp) => urls.filter((u) => pattern.test(chunkCode(build, u))).map(chunkName);

// What a visit loads by itself (before hydration, and every import() no user action waits for),
// gzip. Set just above the figures of docs/benchmarks.md: a feature that adds to them says so
// here, in the same commit, or moves its code behind the action that needs it.
const BUDGET_KB = { [BOARD]: 172, [OVERVIEW]: 240 };

describe("page weight (production build)", () => {
  for (const [route, kb] of Object.entries(BUDGET_KB)) {
    it(`${route} loads at most ${kb} KB of gzipped JavaScript by itself`, () => {
      expect(pageWeight(build, route).bytes / 1024).toBeLessThanOrEqual(kb);
    });

    it(`${route} carries no zod classic API (the browser's schemas are zod/mini)`, () => {
      // The classic API names its constructors "ZodString", mini "ZodMiniString", the core "$ZodString".
      expect(holding(pageWeight(build, route).counted, /["']ZodString["']/)).toEqual([]);
    });

    it(`${route} carries no module of app/domain it does not use (the 2023 plan's template)`, () => {
      expect(holding(pageWeight(build, route).counted, /tpl-action-plan/)).toEqual([]);
    });

    it(`${route} carries no lib0/schema (kept only by lib0/dom's unannotated top-level calls, vite.config.ts)`, () => {
      expect(holding(pageWeight(build, route).counted, /0schema/)).toEqual([]);
    });
  }

  it("the board loads the card dialog's contents, the date picker, drag and drop and the activity feed only when they are used", () => {
    const initial = initialChunks(build, BOARD).map(chunkName);
    const lazy = [...pageChunks(build, BOARD).lazy.keys()].map(chunkName);
    for (const name of ["card-dialog-body", "due-date-calendar.client", "board-dnd", "board-feed-body"]) {
      expect(initial).not.toContain(name);
      expect(lazy).toContain(name);
    }
    // react-day-picker's own attribute, to be sure it did not come in another way.
    expect(holding(pageWeight(build, BOARD).counted, /data-animated-nav/)).toEqual([]);
    // dnd-kit's own live region id, likewise.
    expect(holding(pageWeight(build, BOARD).counted, /DndLiveRegion/)).toEqual([]);
  });
});
