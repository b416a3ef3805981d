import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const proxyAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.enum(["loopback", "linklocal", "uniquelocal"])]);
const trustProxy = z
  .string()
  .trim()
  .refine((v) => v !== "true", "không được là \"true\" (tin mọi proxy cho phép giả địa chỉ); hãy ghi số proxy đứng trước, ví dụ 1, hoặc địa chỉ của chúng (never \"true\": name a hop count such as 1, or the proxies' addresses)")
  .refine(
    (v) => v === "false" || /^\d{1,2}$/.test(v) || v.split(",").every((a) => proxyAddress.safeParse(a.trim()).success),
    "phải là false, một số (1, 2…) hoặc danh sách địa chỉ IP/dải mạng, cách nhau bởi dấu phẩy (must be false, a hop count, or comma-separated IP addresses/subnets)",
  );

/** TRUST_PROXY as Express's "trust proxy" setting. */
export function trustProxySetting(value: string): false | number | string[] {
  if (value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(",").map((a) => a.trim());
}

const envSchema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/,
      "phải là đường dẫn SQLite dạng file:./data/app.db hoặc URL PostgreSQL postgresql://… (must be a SQLite file: URL or a postgres:// URL)",
    )
    .default("file:./data/app.db"),
  /** PostgreSQL connections per instance (ignored on SQLite). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** Redis between instances (fan-out of updates and presence, sign-outs, overview events), e.g. redis://127.0.0.1:6379. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "phải là URL Redis, ví dụ redis://127.0.0.1:6379 (must be a redis:// or rediss:// URL)")
    .optional(),
  /** Prefix of this deployment's Redis channels and keys (several deployments can share one Redis). */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/, "chữ, số, : _ - (letters, digits, : _ -)").default("cb:"),
  /** How many instances serve this deployment. Above 1, PostgreSQL, Redis and BETTER_AUTH_SECRET are required. */
  INSTANCES: z.coerce.number().int().min(1).max(1000).default(1),
  /** Refuse to start without a reachable Redis even as one instance (set on every instance of a cluster). */
  REQUIRE_REDIS: z.enum(["true", "false"]).default("false"),
  /** Name of this instance in logs and Redis messages (default: host name and pid). */
  INSTANCE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional(),
  /**
   * How long a launch/publish job's lease lasts (ms): the instance running a job renews it every
   * third of this; when that instance dies, another takes the job over once the lease lapses.
   */
  /** Open board sockets one person may hold on one instance (server/collab/limits.ts; bench/scale raises it). */
  COLLAB_SOCKETS_PER_USER: z.coerce.number().int().min(1).max(1_000_000).default(20),
  CAMPAIGN_JOB_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /** New boards a launch job writes per transaction (bench/scale/launch.ts; docs/campaigns.md). */
  CAMPAIGN_JOB_BATCH: z.coerce.number().int().min(1).max(1000).default(100),
  /** Bearer token for GET /metrics from other hosts; without it, /metrics answers loopback only. */
  METRICS_TOKEN: z.string().min(16, "cần ít nhất 16 ký tự (at least 16 characters)").optional(),
  /** Local state (generated secret, staged imports). Default: the SQLite file's folder, or ./data. */
  DATA_DIR: z.string().min(1).optional(),
  BETTER_AUTH_SECRET: z.string().min(32, "cần ít nhất 32 ký tự (at least 32 characters)").optional(),
  BASE_URL: z.string().url("phải là một URL đầy đủ, ví dụ http://localhost:3000 (must be a full URL)").optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  DEMO_DATA: z.enum(["on", "off"]).default("on"),
  /**
   * FAILED sign-ins allowed from one client address per 15 minutes before 429. Generous: a
   * school signs in from one NAT address (docs/security.md).
   */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(100),
  /** Failed sign-ins one account may have before it is locked, with a back-off from 30 s. */
  LOGIN_ACCOUNT_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  /**
   * Which reverse proxies may say who the client is (X-Forwarded-For / -Proto): "false" (none,
   * the default), a hop count ("1" = one proxy in front), or the proxies' addresses/subnets,
   * comma-separated ("127.0.0.1, 10.0.0.0/8"). Never "true": trusting every hop lets a client
   * pick its own address by sending the header.
   */
  TRUST_PROXY: trustProxy.default("false"),
  /**
   * SQLite durability. "normal" (WAL): a committed edit survives a crash of the process (kill -9);
   * "full" also survives power loss, at ~2–4 ms of fsync per edit. See docs/decisions/004.
   */
  SQLITE_SYNCHRONOUS: z.enum(["normal", "full"]).default("normal"),
  /** Outgoing mail, e.g. smtp://user:pass@mail.example.org:587; unset = mail is kept in the in-app outbox. */
  SMTP_URL: z
    .string()
    .url("phải là URL SMTP, ví dụ smtp://user:pass@mail.example.org:587 (must be an smtp:// or smtps:// URL)")
    .regex(/^smtps?:\/\//, "phải bắt đầu bằng smtp:// hoặc smtps:// (must start with smtp:// or smtps://)")
    .optional(),
  /** Sender of every mail, e.g. "Phòng GD&ĐT Kiến An <no-reply@kienan.edu.vn>". */
  /** Where evidence files and report PDFs are kept: "local" (a folder) — the seam for an S3-compatible driver. */
  STORAGE_DRIVER: z.enum(["local"]).default("local"),
  /** Folder of the local storage driver; default: files/ beside the SQLite file. */
  STORAGE_DIR: z.string().optional(),
  /** Largest evidence file accepted, in MiB. */
  EVIDENCE_MAX_MB: z.coerce.number().positive().max(100).default(10),
  /** Evidence bytes allowed per board, in MiB. */
  EVIDENCE_QUOTA_MB: z.coerce.number().positive().max(100000).default(500),
  /** Let webhooks reach loopback and private addresses (tests, a closed network). Never this server itself. */
  WEBHOOK_ALLOW_PRIVATE: z.enum(["true", "false"]).default("false"),
  /** A delivery attempt gives up after this long (ms): a slow receiver never holds the app up. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /**
   * How long an instance may use a district's webhook list read earlier (ms) for the board's
   * automatic events (item.ticked, card.done). Creating or deleting a webhook is acknowledged only
   * this long after its commit, so every instance sees it from then on (docs/decisions/050). 0: read every time.
   */
  WEBHOOK_CACHE_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  /** Schools that have not started this many days after a launch are listed to the district. */
  REMIND_NOT_STARTED_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Run the reminder scheduler in this process (on by default; every instance may run it, a lease keeps one active). */
  SCHEDULER: z.enum(["on", "off"]).default("on"),
  MAIL_FROM: z.string().min(3, "cần một địa chỉ người gửi (a sender address is required)").default("Campaign Board <no-reply@localhost>"),
});

export type Env = z.infer<typeof envSchema> & { BETTER_AUTH_SECRET: string; BASE_URL: string };

export class EnvError extends Error {}

/** Validates process.env; throws EnvError naming every bad variable and why. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Cấu hình môi trường không hợp lệ (invalid environment):\n${lines.join("\n")}`);
  }
  const env = result.data;
  const clustered = env.INSTANCES > 1 || env.REQUIRE_REDIS === "true";
  if (clustered) {
    const missing = [
      !/^postgres(ql)?:\/\//.test(env.DATABASE_URL) && "DATABASE_URL: several instances need PostgreSQL (postgresql://…); a SQLite file cannot be shared",
      !env.REDIS_URL && "REDIS_URL: several instances need Redis to share updates, presence and sign-outs",
      !env.BETTER_AUTH_SECRET && "BETTER_AUTH_SECRET: every instance must sign sessions with the same secret",
    ].filter(Boolean);
    if (missing.length) {
      throw new EnvError(`Cấu hình nhiều máy chủ chưa đủ (INSTANCES=${env.INSTANCES}, REQUIRE_REDIS=${env.REQUIRE_REDIS}):\n${missing.map((m) => `  ${m}`).join("\n")}`);
    }
  }
  let secret = env.BETTER_AUTH_SECRET;
  if (!secret) {
    if (env.NODE_ENV === "production" && source.CAMPAIGN_BOARD_STRICT_SECRET === "true") {
      throw new EnvError("BETTER_AUTH_SECRET: required in production");
    }
    secret = loadOrCreateSecret(dataDir(env.DATABASE_URL, env.DATA_DIR));
  }
  return { ...env, BETTER_AUTH_SECRET: secret, BASE_URL: env.BASE_URL ?? `http://localhost:${env.PORT || 3000}` };
}

/** Directory of the SQLite file; generated secrets and other local state live beside it. */
export function dataDir(databaseUrl: string, override?: string): string {
  if (override) return path.resolve(override);
  if (!databaseUrl.startsWith("file:")) return path.resolve("data");
  const file = databaseUrl.replace(/^file:/, "");
  return path.dirname(path.resolve(file));
}

function loadOrCreateSecret(dir: string): string {
  const file = path.join(dir, "auth-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    /* first start: generate below */
  }
  fs.mkdirSync(dir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  generatedSecretWarning = `BETTER_AUTH_SECRET is not set: generated one and kept it in ${file}`;
  return secret;
}

/** Set when a secret was generated, so the server can log the warning once its logger exists. */
export let generatedSecretWarning: string | null = null;

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
