import dns from "node:dns/promises";
import net from "node:net";
import { getEnv } from "~/utils/env.server";

const g = globalThis as unknown as { __selfOrigins?: Set<string> };

/** The server tells us where it listens, so a webhook can never point back at it. */
export function setSelfOrigins(origins: string[]) {
  g.__selfOrigins = new Set(origins.map((o) => new URL(o).host.toLowerCase()));
}

function selfHosts(): Set<string> {
  const hosts = new Set(g.__selfOrigins ?? []);
  hosts.add(new URL(getEnv().BASE_URL).host.toLowerCase());
  return hosts;
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; code: "webhook_url_scheme" | "webhook_url_self" | "webhook_url_private" | "webhook_url_invalid"; message: string };

/** Loopback, private, link-local and unspecified ranges (IPv4 and IPv6). */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  if (net.isIPv4(v4)) {
    const [a, b] = v4.split(".").map(Number);
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const low = ip.toLowerCase();
  return low === "::1" || low === "::" || low.startsWith("fc") || low.startsWith("fd") || low.startsWith("fe80");
}

/**
 * A webhook URL must be http(s), must not be this server, and (unless WEBHOOK_ALLOW_PRIVATE=true,
 * for tests and closed networks) must not resolve to a loopback or private address. Checked when
 * saved and again before every delivery: a name can be re-pointed after it was saved.
 */
export async function checkWebhookUrl(raw: string): Promise<UrlVerdict> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, code: "webhook_url_invalid", message: "not a URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, code: "webhook_url_scheme", message: "only http:// and https:// URLs" };
  if (url.username || url.password) return { ok: false, code: "webhook_url_invalid", message: "no user or password in the URL" };
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const loopbackName = host === "localhost" || host.endsWith(".localhost");
  const hostPort = url.host.toLowerCase();
  const self = selfHosts();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  const selfPorts = new Set([...self].map((h) => h.split(":").pop()));
  const loopback = loopbackName || (net.isIP(host) > 0 && isPrivateAddress(host) && (host.startsWith("127.") || host === "::1"));
  if (self.has(hostPort) || (loopback && selfPorts.has(port))) return { ok: false, code: "webhook_url_self", message: "the URL points at this server" };
  if (getEnv().WEBHOOK_ALLOW_PRIVATE === "true") return { ok: true, url };
  if (loopbackName) return { ok: false, code: "webhook_url_private", message: "loopback addresses are refused" };
  const addresses = net.isIP(host) ? [host] : await dns.lookup(host, { all: true }).then((r) => r.map((a) => a.address), () => [] as string[]);
  if (addresses.length === 0) return { ok: false, code: "webhook_url_invalid", message: `cannot resolve ${host}` };
  if (addresses.some(isPrivateAddress)) return { ok: false, code: "webhook_url_private", message: "loopback and private addresses are refused" };
  return { ok: true, url };
}
