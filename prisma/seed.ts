import { configureSqlite, disconnectDb, getDb } from "../app/utils/db.server";
import { seedIfEmpty } from "./seed-data";

// `npm run seed`: fills an empty database with the demo district; leaves a non-empty one alone.
const db = getDb();
await configureSqlite(db);
const result = await seedIfEmpty(db);
console.log(result ? `Seeded demo data: ${result.schools} schools, ${result.users} accounts.` : "Database is not empty: nothing seeded.");
await disconnectDb();
