// `npm run projection:rebuild`: rebuilds BoardStat/CardRow/ChecklistRow from the stored board
// documents (DATABASE_URL). Safe to run beside a live server: see rebuildProjection.
import { rebuildProjection } from "../app/models/projection.server";
import { configureSqlite, disconnectDb } from "../app/utils/db.server";

const started = Date.now();
try {
  await configureSqlite();
  const report = await rebuildProjection({
    onProgress: (done, total) => {
      if (done % 100 === 0 || done === total) process.stderr.write(`  ${done}/${total} boards\n`);
    },
  });
  console.log(
    JSON.stringify({ ...report, ms: Date.now() - started }),
  );
  if (report.unreadable.length > 0) {
    console.error(`${report.unreadable.length} board(s) cannot be read; they are marked on the overview. See the log lines above.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
