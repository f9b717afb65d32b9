// [FEATURE] [Database] — companies in separate storage: a schema per company on PostgreSQL, files on SQLite.
import { Contact } from '../../entities';
import { schemaSet } from '../../ormconfig';
import { Simulator } from '../../src/host/Simulator';
import { seedEmptyCompany } from '../../src/seed/empty';
import { describePg, dropSharedSchemas, PG_DOWN_HINT, pgQuery, sharedPgConfig } from './pg';
import { arrangeScenario, createContact } from './scenario';
import { FILE_PREFIX } from './testDatabase';

const seeds = { empty: seedEmptyCompany };

async function schemas(prefix: string): Promise<string[]> {
  const rows = await pgQuery<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE left(nspname, $1) = $2 ORDER BY nspname`, [
    prefix.length,
    prefix,
  ]);
  return rows.map((x) => x.nspname);
}

describePg('PostgreSQL: a schema per company and one for the system', () => {
  let sim: Simulator;
  afterAll(async () => {
    await sim?.close();
    await dropSharedSchemas();
  });

  test('each company is its own schema; reset and restore of one leave the other\'s rows untouched; delete drops the schema', async () => {
    try {
      sim = await Simulator.start({ dataDir: null, seeds, database: sharedPgConfig('sep') });
    } catch (e) {
      throw new Error(`${PG_DOWN_HINT} (${(e as Error).message})`);
    }
    const one = await sim.createCompany('Een', { seed: 'empty' });
    const two = await sim.createCompany('Twee', { seed: 'empty' });
    const hex = (id: string) => id.replace(/-/g, '');
    expect(await schemas(`${FILE_PREFIX}_sep_`)).toEqual(
      [`${FILE_PREFIX}_sep_c_${hex(one.systemId)}`, `${FILE_PREFIX}_sep_c_${hex(two.systemId)}`, `${FILE_PREFIX}_sep_system`].sort(),
    );
    for (const c of [one, two]) await arrangeScenario(sim, c.systemId, 2);
    await createContact(sim, one.systemId, 'Een');
    await createContact(sim, two.systemId, 'Twee');
    const twoBefore = await sim.snapshot(two.systemId);
    const oneWithContact = await sim.snapshot(one.systemId);

    await sim.resetCompany(one.systemId);
    expect(await sim.run(one.systemId, { userId: 'X' }, (s) => s.count(Contact))).toBe(0);
    expect((await sim.snapshot(two.systemId)).tables).toEqual(twoBefore.tables);

    await sim.restore(one.systemId, oneWithContact);
    expect((await sim.snapshot(one.systemId)).tables).toEqual(oneWithContact.tables);
    expect((await sim.snapshot(two.systemId)).tables).toEqual(twoBefore.tables);

    await sim.deleteCompany(one.systemId);
    expect(await schemas(`${FILE_PREFIX}_sep_`)).toEqual([`${FILE_PREFIX}_sep_c_${hex(two.systemId)}`, `${FILE_PREFIX}_sep_system`]);
  });

  test('a snapshot round-trips every column type exactly (timestamptz, date, time, decimal, bigint, boolean)', async () => {
    const c = await sim.createCompany('Types', { seed: 'empty' });
    await arrangeScenario(sim, c.systemId, 2);
    const snap = await sim.snapshot(c.systemId);
    await sim.restore(c.systemId, snap);
    expect((await sim.snapshot(c.systemId)).tables).toEqual(snap.tables);
    const setup = snap.tables['Simulator_Setup'][0];
    expect(setup.systemCreatedAt).toBeInstanceOf(Date);
  });

  test('an instance without a data folder keeps its schemas under a prefix of its own and drops them on close', async () => {
    const config = { ...sharedPgConfig('eph'), ephemeral: true };
    const eph = await Simulator.start({ dataDir: null, seeds, database: config });
    await eph.createCompany('Tijdelijk', { seed: 'empty' });
    const own = await schemas(`${FILE_PREFIX}_eph_`);
    expect(own).toHaveLength(2);
    expect(eph.databaseDescription).toMatch(/^PostgreSQL postgres@127\.0\.0\.1:5432\/test, schemas t[0-9a-f]{6}_eph_[0-9a-f]{6}_\* \(dropped on close\)$/);
    await eph.close();
    expect(await schemas(`${FILE_PREFIX}_eph_`)).toEqual([]);
  });

  test('start-up in check mode refuses a database that is not migrated, and creates nothing', async () => {
    const config = { ...sharedPgConfig('chk'), migrate: 'check' as const };
    // Every system migration is pending, named in order (the list comes from the migrations themselves).
    const names = schemaSet.systemMigrations.map((m) => new (m as new () => { name: string })().name);
    await expect(Simulator.start({ dataDir: null, seeds, database: config })).rejects.toThrow(
      `The system database is ${names.length} migration(s) behind (${names.join(', ')}). Run \`npm run migrate\`, or start with EMPIRE_SIM_DB_MIGRATE=run.`,
    );
    expect(await schemas(`${FILE_PREFIX}_chk_`)).toEqual([]);
  });
});
