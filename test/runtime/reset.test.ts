// [FEATURE] [Runtime] [Companies] — reset to the seed, snapshot and restore: exactly the seed's rows again,
// stored exactly as TypeORM's insert stores them, one company at a time, all or nothing.
import type { DataSource } from 'typeorm';
import { Contact, SalespersonPurchaser, Team, Todo } from '../../entities';
import { NoSeriesCodeunit } from '../../codeunits/foundation/NoSeries.Codeunit';
import { ScriptedDialogs } from '../../src/runtime/Dialogs';
import { Session } from '../../src/runtime/Session';
import { Simulator, Snapshot } from '../../src/host/Simulator';
import { seedDemoCompany } from '../../src/seed/demo';
import { seedEmptyCompany } from '../../src/seed/empty';
import { testDatabase } from '../db/testDatabase';

let sim: Simulator;
let fresh: string;

beforeAll(async () => {
  sim = await Simulator.start({
    dataDir: null,
    database: testDatabase(),
    seeds: { demo: seedDemoCompany, empty: seedEmptyCompany },
    seedMoment: new Date('2026-01-05T08:00:00Z'),
  });
  // Never changed: what every company of the demo seed starts with.
  fresh = (await sim.createCompany('Fresh', { seed: 'demo' })).systemId;
}, 60000);

afterAll(async () => {
  await sim?.close();
});

let n = 0;
async function demoCompany(): Promise<string> {
  return (await sim.createCompany(`Reset ${++n}`, { seed: 'demo' })).systemId;
}

function run<T>(company: string, fn: (s: Session) => Promise<T>): Promise<T> {
  return sim.run(company, { userId: 'TESTER', dialogs: new ScriptedDialogs(), language: 'nl-NL' }, fn);
}

/** A company's rows per table, each row as JSON, sorted (the order of a table scan is not data). */
function rows(snapshot: Snapshot): Record<string, string[]> {
  return Object.fromEntries(Object.entries(snapshot.tables).map(([table, list]) => [table, list.map((r) => JSON.stringify(r)).sort()]));
}

async function rowsOf(company: string): Promise<Record<string, string[]>> {
  return rows(await sim.snapshot(company));
}

/** Inserts, modifies and deletes in several tables through the tables' own code; returns the new contact's No. */
async function change(company: string): Promise<string> {
  return run(company, async (s) => {
    const contact = s.create(Contact);
    contact.name = 'Na de reset weg';
    await contact.insert(true); // takes a number from No. Series CONT: No. Series Line changes too
    const sp = s.create(SalespersonPurchaser);
    sp.code = 'TIJDELIJK';
    sp.name = 'Tijdelijke medewerker';
    await sp.insert(true);
    const team = (await s.find(Team))[0];
    team.name = 'Hernoemd';
    await team.modify(true);
    const todo = (await s.find(Todo))[0];
    await todo.delete(false);
    return contact.no;
  });
}

describe('reset to the seed', () => {
  test('after inserts, modifications and deletes in several tables a reset gives exactly the seed\'s rows', async () => {
    const company = await demoCompany();
    const seed = await rowsOf(fresh);
    expect(await rowsOf(company)).toEqual(seed);
    await change(company);
    const changed = await rowsOf(company);
    for (const table of ['Contact', 'Salesperson_Purchaser', 'Team', 'To-do', 'No__Series_Line']) {
      expect({ table, rows: changed[table] }).not.toEqual({ table, rows: seed[table] });
    }
    await sim.resetCompany(company);
    expect(await rowsOf(company)).toEqual(seed);
  });

  test('two resets in a row, and a reset of an unchanged company, give the seed', async () => {
    const company = await demoCompany();
    await sim.resetCompany(company);
    await change(company);
    await sim.resetCompany(company);
    await sim.resetCompany(company);
    expect(await rowsOf(company)).toEqual(await rowsOf(fresh));
  });

  test('a reset of one company leaves another company\'s changes alone', async () => {
    const one = await demoCompany();
    const two = await demoCompany();
    await change(one);
    await change(two);
    const twoChanged = await rowsOf(two);
    await sim.resetCompany(one);
    expect(await rowsOf(one)).toEqual(await rowsOf(fresh));
    expect(await rowsOf(two)).toEqual(twoChanged);
    // And the other way round, on a company whose seed is another one.
    const empty = (await sim.createCompany(`Leeg ${++n}`, { seed: 'empty' })).systemId;
    const emptyRows = await rowsOf(empty);
    await sim.resetCompany(two);
    expect(await rowsOf(empty)).toEqual(emptyRows);
    await sim.resetCompany(empty);
    expect(await rowsOf(empty)).toEqual(emptyRows);
    expect(await rowsOf(two)).toEqual(await rowsOf(fresh));
  });

  test('a snapshot restores after a reset, and a reset after a restore', async () => {
    const company = await demoCompany();
    await change(company);
    const snapshot = await sim.snapshot(company);
    const copy = JSON.stringify(snapshot);
    await sim.resetCompany(company);
    expect(await rowsOf(company)).toEqual(await rowsOf(fresh));
    await sim.restore(company, snapshot);
    expect(await rowsOf(company)).toEqual(rows(snapshot));
    await sim.resetCompany(company);
    expect(await rowsOf(company)).toEqual(await rowsOf(fresh));
    // The snapshot is the caller's: restoring it did not change it, and it restores again.
    expect(JSON.stringify(snapshot)).toBe(copy);
    await sim.restore(company, snapshot);
    expect(await rowsOf(company)).toEqual(rows(snapshot));
  });

  test('after a reset the No. Series give the seed\'s next numbers again', async () => {
    const company = await demoCompany();
    const next = (id: string) => run(id, (s) => new NoSeriesCodeunit(s).getNextNo('CONT'));
    const first = await change(company);
    expect(await next(company)).not.toBe(first);
    await sim.resetCompany(company);
    expect(await change(company)).toBe(first);
    await sim.resetCompany(company);
    // The same number a company that never changed gives.
    const other = await demoCompany();
    expect(await next(company)).toBe(await next(other));
  });

  test('a restore that fails changes nothing (all or nothing), and the next reset works', async () => {
    const company = await demoCompany();
    await change(company);
    const before = await rowsOf(company);
    const snapshot = await sim.snapshot(company);
    // The same contact twice: the primary key stops the restore half-way through.
    const broken: Snapshot = { ...snapshot, tables: { ...snapshot.tables, Contact: [...snapshot.tables.Contact, snapshot.tables.Contact[0]] } };
    await expect(sim.restore(company, broken)).rejects.toThrow();
    expect(await rowsOf(company)).toEqual(before);
    await sim.resetCompany(company);
    expect(await rowsOf(company)).toEqual(await rowsOf(fresh));
  });

  test('operations running while a company is reset see its data before or after, never half', async () => {
    const company = await demoCompany();
    await change(company);
    // Tables read in the order the reset locks them (by name, after Simulator Setup, which every
    // operation reads first): on PostgreSQL the operations and the reset wait for each other, never deadlock.
    const state = (id: string) =>
      run(id, async (s) => ({ teams: (await s.find(Team)).map((t) => t.name), todos: await s.count(Todo) }));
    const changed = await state(company);
    const seed = await state(fresh);
    const reads = Array.from({ length: 12 }, () => state(company));
    const reset = sim.resetCompany(company);
    reads.push(...Array.from({ length: 12 }, () => state(company)));
    await reset;
    expect(changed).not.toEqual(seed);
    for (const r of await Promise.all(reads)) expect([changed, seed]).toContainEqual(r);
    expect(await state(company)).toEqual(seed);
  });
});

describe('stored form', () => {
  /**
   * Every stored value as the database itself prints it (SQLite quote(): 1 and
   * 1.0 and '1' differ; PostgreSQL the row's text form: numeric scale,
   * timestamptz to the microsecond).
   */
  async function stored(ds: DataSource): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const meta of ds.entityMetadatas) {
      const table = meta.tablePath
        .split('.')
        .map((p) => `"${p}"`)
        .join('.');
      const sql =
        ds.options.type === 'postgres'
          ? `SELECT t::text AS r FROM ${table} t`
          : `SELECT ${meta.columns.map((c) => `quote("${c.databaseName}")`).join(` || '|' || `)} AS r FROM ${table}`;
      out[meta.tableName] = ((await ds.query(sql)) as Array<{ r: string }>).map((x) => x.r).sort();
    }
    return out;
  }

  /** The store's DataSource: the test looks at the stored values below the simulator's API. */
  function dataSource(company: string): DataSource {
    return (sim as unknown as { stores: Map<string, { dataSource: DataSource }> }).stores.get(company)!.dataSource;
  }

  /** Writes a snapshot with TypeORM's insert, as the simulator did before restores wrote SQL of their own. */
  async function insertWithTypeOrm(ds: DataSource, snapshot: Snapshot): Promise<void> {
    await ds.transaction(async (manager) => {
      for (const meta of manager.connection.entityMetadatas) {
        await manager.createQueryBuilder().delete().from(meta.target).execute();
        const list = snapshot.tables[meta.tableName] ?? [];
        for (let i = 0; i < list.length; i += 100) {
          await manager
            .createQueryBuilder()
            .insert()
            .into(meta.target)
            .values(list.slice(i, i + 100))
            .updateEntity(false)
            .execute();
        }
      }
    });
  }

  test('a reset and a restore store every value exactly as TypeORM\'s insert does', async () => {
    const reference = await demoCompany();
    const reset = await demoCompany();
    const restored = await demoCompany();
    const seed = await sim.snapshot(fresh);
    await insertWithTypeOrm(dataSource(reference), seed);
    const expected = await stored(dataSource(reference));
    expect(Object.values(expected).flat().length).toBeGreaterThan(500);

    await change(reset);
    await sim.resetCompany(reset);
    expect(await stored(dataSource(reset))).toEqual(expected);
    expect(await stored(dataSource(fresh))).toEqual(expected);

    await change(restored);
    await sim.restore(restored, seed);
    expect(await stored(dataSource(restored))).toEqual(expected);
  });
});
