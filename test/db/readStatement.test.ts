// [FEATURE] [Database] — a find's, count's and exists' SQL is compiled once per table and filter shape
// (fields, operators, In sizes, OR branches, order, limit); later calls only collect their values. Shapes
// that differ never share a statement or a remembered answer. Runs on SQLite, and on PostgreSQL in `npm run test:pg`.
import { In, IsNull, LessThan, Like, Not } from 'typeorm';
import { Team } from '../../entities';
import { tableMeta } from '../../src/runtime/Metadata';
import { tablePlan } from '../../src/db/store/TablePlan';
import { readStatement } from '../../src/db/store/where';
import type { Session } from '../../src/runtime/Session';
import { closeSharedSimulator, createTeam, newTestCompany } from '../library/LibraryMarketing';

afterAll(closeSharedSimulator);

const CODES = ['INCASSO', 'KCC', 'KLACHTEN', 'VERHUUR'];

describe('read statements by shape', () => {
  test('one SQL text per shape; the values are parameters', async () => {
    const tc = await newTestCompany();
    await tc.run(async (s) => {
      const plan = tablePlan(s.manager.connection, tableMeta(Team));
      const a = readStatement(plan, 'find', { code: 'KCC', name: Like('%a%') }, { code: 'ASC' }, 10);
      const b = readStatement(plan, 'find', { code: 'VERHUUR', name: Like('%b%') }, { code: 'ASC' }, 10);
      expect(b.sql).toBe(a.sql);
      expect(a.params).toEqual(['KCC', '%a%']);
      expect(b.params).toEqual(['VERHUUR', '%b%']);
      expect([...a.properties].sort()).toEqual(['code', 'name']);
      const others = [
        readStatement(plan, 'find', { code: 'KCC', name: Like('%a%') }, { code: 'DESC' }, 10),
        readStatement(plan, 'find', { code: 'KCC', name: Like('%a%') }, { code: 'ASC' }, 11),
        readStatement(plan, 'find', { code: 'KCC', name: Like('%a%') }, { code: 'ASC' }),
        readStatement(plan, 'find', [{ code: 'KCC' }, { name: Like('%a%') }], { code: 'ASC' }, 10),
        readStatement(plan, 'count', { code: 'KCC', name: Like('%a%') }, undefined),
        readStatement(plan, 'exists', { code: 'KCC', name: Like('%a%') }, undefined),
      ];
      expect(new Set([a.sql, ...others.map((o) => o.sql)]).size).toBe(7);
      expect(new Set(others.map((o) => o.shape)).size).toBe(6);
    });
  });

  test('filters of different shapes answer differently, in one transaction and from the setup cache', async () => {
    const tc = await newTestCompany();
    await tc.run(async (s) => {
      for (const code of CODES) await createTeam(s, code, []);
    });
    const cases: Array<[string, (s: Session) => Promise<unknown>, unknown]> = [
      ['In of 2', (s) => s.count(Team, { code: In(['KCC', 'VERHUUR']) }), 2],
      ['In of 3', (s) => s.count(Team, { code: In(['KCC', 'VERHUUR', 'INCASSO']) }), 3],
      ['In of 0', (s) => s.count(Team, { code: In([]) }), 0],
      ['is null', (s) => s.count(Team, { code: IsNull() }), 0],
      ['not', (s) => s.count(Team, { code: Not('KCC') }), 3],
      ['not In', (s) => s.count(Team, { code: Not(In(['KCC', 'VERHUUR'])) }), 2],
      ['AND', (s) => s.count(Team, { code: 'KCC', name: 'Team KCC' }), 1],
      ['OR', (s) => s.count(Team, [{ code: 'KCC' }, { name: 'Team VERHUUR' }]), 2],
      ['OR with an empty branch', (s) => s.count(Team, [{}, { code: 'KCC' }]), 4],
      ['exists', (s) => s.exists(Team, { code: LessThan('A') }), false],
      ['find, key order', async (s) => (await s.find(Team, { code: Not('KCC') })).map((t) => t.code), ['INCASSO', 'KLACHTEN', 'VERHUUR']],
      ['find, descending', async (s) => (await s.find(Team, { code: Not('KCC') }, { code: 'DESC' })).map((t) => t.code), ['VERHUUR', 'KLACHTEN', 'INCASSO']],
      ['find, limit 1', async (s) => (await s.find(Team, { code: Not('KCC') }, { code: 'DESC' }, 1)).map((t) => t.code), ['VERHUUR']],
      ['find, limit 2', async (s) => (await s.find(Team, { code: Not('KCC') }, { code: 'DESC' }, 2)).map((t) => t.code), ['VERHUUR', 'KLACHTEN']],
    ];
    // Twice in one transaction (answers remembered), then again in the next (the company's setup cache).
    for (let round = 0; round < 2; round++) {
      await tc.run(async (s) => {
        for (const [name, run, expected] of cases) {
          for (let i = 0; i < 2; i++) expect([name, await run(s)]).toEqual([name, expected]);
        }
      });
    }
  });
});
