/**
 * @mentions in a comment: "@Nguyễn Thị A" names a person by their full name (what the comment
 * box inserts), "@giaovien.th-bac-son@kienan.demo" by email. Longest names win, so "@Lê Văn An"
 * is not read as "@Lê Văn". Pure: the caller passes the people who could be meant.
 */
export interface Mentionable {
  id: string;
  name: string;
  email: string;
}

const fold = (s: string) => s.normalize("NFC").toLocaleLowerCase("vi");
/** After a name: the end, whitespace or punctuation, never another letter (so "@An" is not "@Anh"). */
const boundary = /^$|^[\s.,;:!?)\]}»"'”’-]/u;

export function findMentions(text: string, people: readonly Mentionable[]): Mentionable[] {
  const hay = fold(text);
  const found = new Map<string, Mentionable>();
  const candidates = people.flatMap((p) => [
    { p, key: fold(p.email) },
    { p, key: fold(p.name) },
  ]).filter((c) => c.key.length > 0).sort((a, b) => b.key.length - a.key.length);
  const taken: [number, number][] = [];
  for (const { p, key } of candidates) {
    let from = 0;
    for (;;) {
      const at = hay.indexOf(`@${key}`, from);
      if (at < 0) break;
      const end = at + key.length + 1;
      from = end;
      if (!boundary.test(hay.slice(end, end + 1))) continue;
      if (taken.some(([s, e]) => at < e && end > s)) continue;
      taken.push([at, end]);
      found.set(p.id, p);
    }
  }
  return [...found.values()];
}

export const COMMENT_MAX = 2000;
