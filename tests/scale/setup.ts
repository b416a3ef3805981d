import { inject } from "vitest";

// The test process reads the same PostgreSQL database as the instances it starts.
const scale = inject("scale");
process.env.DATABASE_URL = scale.databaseUrl;
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "silent";
process.env.BETTER_AUTH_SECRET = "scale-test-secret-scale-test-secret-0123";
if (!/^https?:\/\//.test(process.env.BASE_URL ?? "")) delete process.env.BASE_URL;
