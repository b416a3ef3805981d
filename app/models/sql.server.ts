import { createRequire } from "node:module";
import { Prisma as SqlitePrisma } from "@prisma/client";
import type { Prisma } from "@prisma/client";
import { dbProvider } from "~/utils/db.server";

// The few places where hand-written SQL differs between SQLite and PostgreSQL. Everything else
// in raw statements is written to run on both: quoted identifiers, CASE instead of summing
// booleans, LIKE instead of instr (docs/decisions/030).

const pg = () => dbProvider() === "postgresql";

let pgNamespace: typeof SqlitePrisma | undefined;
/**
 * Each generated client carries its own runtime, and a client only treats its own runtime's
 * `Sql` objects as SQL (a foreign one would be bound as a parameter). Raw statements therefore
 * build their fragments with `SQL`, which is the namespace of the client in use.
 */
function ns(): typeof SqlitePrisma {
  if (!pg()) return SqlitePrisma;
  pgNamespace ??= (createRequire(import.meta.url)("@prisma/client-pg") as { Prisma: typeof SqlitePrisma }).Prisma;
  return pgNamespace;
}

export const SQL = {
  sql: (strings: readonly string[], ...values: unknown[]): Prisma.Sql => ns().sql(strings, ...values),
  raw: (text: string): Prisma.Sql => ns().raw(text),
  join: (values: readonly unknown[], separator?: string): Prisma.Sql => ns().join(values, separator),
  get empty(): Prisma.Sql {
    return ns().empty;
  },
};

/** A DateTime parameter: Prisma stores SQLite dates as ISO text with "+00:00"; PostgreSQL takes a timestamp. */
export function sqlDate(d: Date): Date | string {
  return pg() ? d : d.toISOString().replace("Z", "+00:00");
}

/** A Boolean parameter: SQLite keeps 0/1. */
export function sqlBool(b: boolean): boolean | number {
  return pg() ? b : b ? 1 : 0;
}

/** String aggregation with a separator character given by its code point. */
export function stringAgg(expr: Prisma.Sql, separatorCode: number): Prisma.Sql {
  return pg()
    ? SQL.sql`string_agg(${expr}, chr(${SQL.raw(String(separatorCode))}))`
    : SQL.sql`group_concat(${expr}, char(${SQL.raw(String(separatorCode))}))`;
}

/** The character with this code point, inside an expression. */
export function sqlChar(code: number): Prisma.Sql {
  return SQL.raw(pg() ? `chr(${code})` : `char(${code})`);
}

/** A set of strings passed as one JSON parameter, usable as `x IN (…)` (no parameter-count limit). */
export function inJsonArray(values: string[]): Prisma.Sql {
  const json = JSON.stringify(values);
  return pg() ? SQL.sql`SELECT json_array_elements_text(${json}::json)` : SQL.sql`SELECT value FROM json_each(${json})`;
}

/** `column` (a comma-separated list) contains `tag`. Tags are validated words, so LIKE needs no escaping. */
export function listHas(column: Prisma.Sql, tag: string): Prisma.Sql {
  return SQL.sql`(',' || ${column} || ',') LIKE ${`%,${tag},%`}`;
}

/**
 * The rows of `query` as one JSON text value, each row an array of `columns` in order: for
 * queries of tens of thousands of rows, where decoding the rows one by one costs far more than
 * the query (50,000 overview lines: ~0.8 s through Prisma against ~40 ms in PostgreSQL). Dates come
 * back as text without a zone on PostgreSQL (UTC, as Prisma stores them): read them with `utcDate`.
 */
export function jsonRows(query: Prisma.Sql, columns: readonly string[]): Prisma.Sql {
  const cols = SQL.raw(columns.map((c) => `q."${c}"`).join(", "));
  return pg()
    ? SQL.sql`SELECT COALESCE(json_agg(json_build_array(${cols})), '[]')::text AS j FROM (${query}) q`
    : SQL.sql`SELECT COALESCE(json_group_array(json_array(${cols})), '[]') AS j FROM (${query}) q`;
}

/** A stored DateTime read as text by `jsonRows` (PostgreSQL: no zone, meaning UTC; SQLite: ISO with an offset). */
export function utcDate(text: string): Date {
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}
