import fc from 'fast-check';

/**
 * The seed of a property-based run: FC_SEED when set (to replay a failure), else a fresh one.
 * Printed either way, so any failing run can be replayed.
 */
export function propertySeed(suite: string): number {
  const raw = process.env['FC_SEED'];
  const given = Number(raw);
  const seed = raw !== undefined && Number.isSafeInteger(given) ? given : Math.floor(Math.random() * 2 ** 31);
  console.log(`${suite}: fast-check seed ${seed} (replay with FC_SEED=${seed})`);
  return seed;
}

export interface SampleRun<T> {
  seed: number;
  runs: number;
  /** Cases checked at once (the order of the sample stays the seed's). */
  concurrency: number;
  /** Why a case breaks the property, or undefined when it holds. */
  check: (value: T) => Promise<string | undefined>;
  /** How a failing case reads in the report. */
  describe: (value: T) => string;
}

/**
 * Checks a property on `runs` values of `arbitrary`, drawn from `seed` (so FC_SEED replays the
 * very same cases), `concurrency` at a time: faster than fc.assert's one by one when each case
 * is a network call. Resolves with the failures found (every case runs), for the caller to assert on.
 */
export async function checkSample<T>(arbitrary: fc.Arbitrary<T>, run: SampleRun<T>): Promise<string[]> {
  const cases = fc.sample(arbitrary, { numRuns: run.runs, seed: run.seed });
  const failures: string[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: run.concurrency }, async () => {
    while (next < cases.length) {
      const value = cases[next++] as T;
      const failure = await run.check(value);
      if (failure) failures.push(`${run.describe(value)} ${failure}`);
    }
  }));
  return failures;
}

/** A store's tables as the SQL client reads them. */
interface Readable {
  readonly dialect: 'sqlite' | 'postgresql';
  all<T = Record<string, unknown>>(sql: string): Promise<T[]>;
}

/** Every row of every table of a SQLite store (migrations' bookkeeping aside), to show that nothing changed. */
export async function tableSnapshot(db: Readable): Promise<Record<string, unknown[]>> {
  if (db.dialect !== 'sqlite') throw new Error('tableSnapshot reads SQLite stores');
  const tables = await db.all<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'mikro_orm_%' and name not like 'sqlite_%' order by name");
  const snapshot: Record<string, unknown[]> = {};
  for (const { name } of tables) snapshot[name] = await db.all(`select * from "${name}" order by 1`);
  return snapshot;
}
