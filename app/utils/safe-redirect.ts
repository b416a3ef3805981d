/**
 * Where to send someone after sign-in or a language switch: only a path on this site. Anything
 * else — absolute URLs, protocol-relative `//evil`, `/\evil` (browsers read `\` as `/`),
 * percent-encoded forms of those, tabs or newlines (stripped by browsers, so `/\t/evil` is
 * `//evil`), other control characters — becomes `fallback`.
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  // eslint-disable-next-line no-control-regex -- as above, after one round of decoding
  if (decoded.startsWith("//") || /[\u0000-\u001f\u007f\\]/.test(decoded)) return fallback;
  // The URL parser has the last word: the result must stay on the base's origin.
  const base = "http://campaign-board.invalid";
  const url = new URL(to, base);
  if (url.origin !== base) return fallback;
  return url.pathname + url.search + url.hash;
}
