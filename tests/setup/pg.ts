import pg from "pg";

/** PostgreSQL test databases: one template per run, one copy per test file (see global-setup). */
export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//.test(url);

/** The URL of database `name` on the server `base` points at. */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `fn` with a client on the server's maintenance database. */
export async function withAdmin<T>(base: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(base, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => {
  if (!/^[a-z0-9_]{1,63}$/.test(name)) throw new Error(`bad database name ${name}`);
  return `"${name}"`;
};

export async function createDatabase(base: string, name: string, template?: string) {
  await withAdmin(base, (c) => c.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ""}`));
}

/** Drops every database whose name starts with `prefix` (a run's own, by its pid). */
export async function dropDatabases(base: string, prefix: string) {
  await withAdmin(base, async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${ident(datname)} WITH (FORCE)`);
  });
}

/** Database names of this project's test runs start with this (TEST_DB_PREFIX lets shared servers tell users apart). */
export const testDbPrefix = () => (process.env.TEST_DB_PREFIX ?? "cb_test_").toLowerCase();
