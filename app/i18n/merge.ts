type Tree = { [key: string]: string | Tree };

/** Merges message trees into `target` (in place), subtree by subtree: a page's messages add to the keys the root already has. */
export function mergeMessages<T extends object>(target: T, ...parts: object[]): T {
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const into = (target as Tree)[key];
      if (value && typeof value === "object" && into && typeof into === "object") mergeMessages(into, value);
      else (target as Tree)[key] = value as string | Tree;
    }
  }
  return target;
}
