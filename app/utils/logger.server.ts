import pino from "pino";
import { getEnv } from "./env.server";

const g = globalThis as unknown as { __logger?: pino.Logger };

/** One structured JSON logger per process (shared by the server and the Remix build). */
export function getLogger(): pino.Logger {
  g.__logger ??= pino({ level: getEnv().LOG_LEVEL, base: { app: "campaign-board" } });
  return g.__logger;
}
