// [FEATURE] [Runtime] — No. Series, transactions, companies, labels, events, clock, date formulas.
import { Contact, Customer, NoSeries, NoSeriesLine, SimulatorSetup, Team } from '../../entities';
import { incStr, NoSeriesCodeunit } from '../../codeunits/foundation/NoSeries.Codeunit';
import { nextWholeMinute } from '../../src/runtime/Clock';
import { calcDate } from '../../src/runtime/DateFormula';
import { defineLabels, strSubstNo } from '../../src/runtime/Labels';
import { Simulator } from '../../src/host/Simulator';
import { seedEmptyCompany } from '../../src/seed/empty';
import { closeSharedSimulator, createHousehold, createNoSeries, newTestCompany } from '../library/LibraryMarketing';
import { expectBcError } from '../library/LibraryAssert';

afterAll(closeSharedSimulator);

describe('No. Series (tables 308/309, codeunit 310)', () => {
  test('IncStr keeps zero padding and increments the last digit run', () => {
    expect(incStr('CT000009')).toBe('CT000010');
    expect(incStr('a12b99c')).toBe('a12b100c');
    expect(incStr('TD999')).toBe('TD1000');
    expect(incStr('ABC')).toBe('');
  });

  test('the first number is the Starting No., then Last No. Used is incremented and stored', async () => {
    const tc = await newTestCompany();
    const nos = await tc.run(async (s) => {
      const ns = new NoSeriesCodeunit(s);
      return [await ns.getNextNo('CONT'), await ns.getNextNo('CONT'), await ns.getNextNo('CONT')];
    });
    expect(nos).toEqual(['CT000001', 'CT000002', 'CT000003']);
    await tc.run(async (s) => {
      expect(await s.get(NoSeriesLine, 'CONT', 10000)).toMatchObject({ lastNoUsed: 'CT000003', lastDateUsed: '2026-03-02' });
    });
  });

  test('Increment-by No. adds to the last digit run', async () => {
    const tc = await newTestCompany();
    const nos = await tc.run(async (s) => {
      await createNoSeries(s, 'TIEN', 'T0010');
      const line = await s.get(NoSeriesLine, 'TIEN', 10000);
      line.incrementByNo = 10;
      await line.modify();
      const ns = new NoSeriesCodeunit(s);
      return [await ns.getNextNo('TIEN'), await ns.getNextNo('TIEN')];
    });
    expect(nos).toEqual(['T0010', 'T0020']);
  });

  test('past the Ending No. the line is closed: no more numbers from the series', async () => {
    const tc = await newTestCompany();
    await tc.run(async (s) => {
      await createNoSeries(s, 'KORT', 'K1');
      const line = await s.get(NoSeriesLine, 'KORT', 10000);
      line.endingNo = 'K2';
      await line.modify();
      const ns = new NoSeriesCodeunit(s);
      await ns.getNextNo('KORT');
      await ns.getNextNo('KORT');
    });
    const err = await expectBcError(tc.run((s) => new NoSeriesCodeunit(s).getNextNo('KORT')));
    expect(err.message).toBe('You cannot assign new numbers from the number series KORT.');
    await tc.run(async (s) => expect(await s.get(NoSeriesLine, 'KORT', 10000)).toMatchObject({ open: false, lastNoUsed: 'K2' }));
  });

  test('a series without lines', async () => {
    const tc = await newTestCompany();
    const err = await expectBcError(
      tc.run(async (s) => {
        const ns = s.create(NoSeries);
        ns.code = 'LEEG';
        ns.defaultNos = true;
        await ns.insert();
        return new NoSeriesCodeunit(s).getNextNo('LEEG');
      }),
    );
    expect(err.code).toBe('Application_DialogException');
    expect(err.message).toBe('You cannot assign new numbers from the number series LEEG.');
  });

  test('typing a number needs Manual Nos.; automatic numbers need Default Nos.', async () => {
    const tc = await newTestCompany();
    const manual = await expectBcError(
      tc.run(async (s) => {
        const c = s.create(Contact);
        await c.validate('no', 'EIGEN1', { fromPage: true });
      }),
    );
    expect(manual.message).toBe('You may not enter numbers manually. If you want to enter numbers manually, please activate Manual Nos. in No. Series CONT.');
    await tc.run(async (s) => {
      const ns = await s.get(NoSeries, 'CONT');
      ns.defaultNos = false;
      await ns.modify();
    });
    const automatic = await expectBcError(tc.run((s) => createHousehold(s, 'Jansen')));
    expect(automatic.message).toBe(
      'It is not possible to assign numbers automatically. If you want the program to assign numbers automatically, please activate Default Nos. in No. Series CONT.',
    );
  });

  test('concurrent requests in one company get distinct numbers (SQLite transactions are serialized)', async () => {
    const tc = await newTestCompany();
    const created = await Promise.all(Array.from({ length: 25 }, (_, i) => tc.run((s) => createHousehold(s, `Gezin ${i}`))));
    const nos = created.map((c) => c.no).sort();
    expect(new Set(nos).size).toBe(25);
    expect(nos[0]).toBe('CT000001');
    expect(nos[24]).toBe('CT000025');
  });
});

describe('one transaction per operation', () => {
  test('an error after several writes leaves nothing behind, including the number series', async () => {
    const tc = await newTestCompany();
    await expect(
      tc.run(async (s) => {
        await createHousehold(s, 'Eerste');
        await createHousehold(s, 'Tweede');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await tc.run(async (s) => {
      expect(await s.count(Contact)).toBe(0);
      expect((await s.get(NoSeriesLine, 'CONT', 10000)).lastNoUsed).toBe('');
    });
  });

  test("Insert of an existing key: BC's record-exists error", async () => {
    const tc = await newTestCompany();
    const err = await expectBcError(
      tc.run(async (s) => {
        for (let i = 0; i < 2; i++) {
          const t = s.create(Team);
          t.code = 'DUBBEL';
          await t.insert(true);
        }
      }),
    );
    expect(err.code).toBe('Internal_EntityWithSameKeyExists');
    expect(err.message).toBe("The record in table Team already exists. Identification fields and values: Code='DUBBEL'");
  });

  test("TestField on a blank setup field: BC's text with the empty key", async () => {
    const tc = await newTestCompany();
    await tc.run(async (s) => {
      const setup = await s.get((await import('../../entities')).MarketingSetup, '');
      setup.contactNos = '';
      await setup.modify();
    });
    const err = await expectBcError(tc.run((s) => createHousehold(s, 'Jansen')));
    expect(err.code).toBe('Application_FieldValidationException');
    expect(err.message).toBe('Contact Nos. must have a value in Marketing Setup: Primary Key=. It cannot be zero or empty.');
  });
});

describe('companies', () => {
  test("a company never sees another company's data; reset brings back its seed; snapshot/restore", async () => {
    const sim = await Simulator.start({ dataDir: null, seeds: { empty: seedEmptyCompany } });
    try {
      const a = await sim.createCompany('A');
      const b = await sim.createCompany('B');
      const addTeam = (id: string, code: string) =>
        sim.run(id, { userId: 'X' }, async (s) => {
          const t = s.create(Team);
          t.code = code;
          await t.insert(true);
        });
      const teams = (id: string) => sim.run(id, { userId: 'X' }, async (s) => (await s.find(Team)).map((t) => t.code));
      await addTeam(a.systemId, 'ALLEEN-A');
      expect(await teams(a.systemId)).toEqual(['ALLEEN-A']);
      expect(await teams(b.systemId)).toEqual([]);

      const snap = await sim.snapshot(a.systemId);
      await addTeam(a.systemId, 'LATER');
      await sim.restore(a.systemId, snap);
      expect(await teams(a.systemId)).toEqual(['ALLEEN-A']);

      await sim.resetCompany(a.systemId);
      expect(await teams(a.systemId)).toEqual([]);
      expect(await teams(b.systemId)).toEqual([]);
      expect(sim.listCompanies().map((c) => c.name)).toEqual(['A', 'B']);
    } finally {
      await sim.close();
    }
  });
});

describe('labels and events', () => {
  test('StrSubstNo replaces %1..%9', () => {
    expect(strSubstNo('Task No. %1 will be reassigned to %2.', 'TD1', 'BOB')).toBe('Task No. TD1 will be reassigned to BOB.');
    expect(strSubstNo('%1 %3', 'a')).toBe('a ');
  });

  test('a label name is defined once', () => {
    defineLabels('Runtime Test', { Once: 'x' });
    expect(() => defineLabels('Runtime Test', { Once: 'y' })).toThrow('Label Runtime Test.Once is defined twice');
  });

  test('table events reach subscribers inside the transaction; a failing subscriber rolls back', async () => {
    const tc = await newTestCompany();
    const seen: string[] = [];
    const off = tc.sim.events.subscribe('Team.OnAfterInsert', (e) => {
      const team = e.payload.rec as Team;
      seen.push(team.code);
      if (team.code === 'VERBODEN') throw new Error('subscriber says no');
    });
    try {
      await tc.run(async (s) => {
        const t = s.create(Team);
        t.code = 'GOED';
        await t.insert(true);
      });
      await expect(
        tc.run(async (s) => {
          const t = s.create(Team);
          t.code = 'VERBODEN';
          await t.insert(true);
        }),
      ).rejects.toThrow('subscriber says no');
      expect(seen).toEqual(['GOED', 'VERBODEN']);
      await tc.run(async (s) => expect((await s.find(Team)).map((t) => t.code)).toEqual(['GOED']));
    } finally {
      off();
    }
  });

  test("Validate's subscribers get xRec as it was; a record's session is none of its values", async () => {
    const tc = await newTestCompany();
    const seen: string[] = [];
    const off = tc.sim.events.subscribe('Team.OnAfterValidate.Name', (e) => {
      seen.push(`${(e.payload.xRec as Team).name} -> ${(e.payload.rec as Team).name}`);
    });
    try {
      await tc.run(async (s) => {
        const t = s.create(Team);
        t.code = 'OUD';
        t.name = 'Oude naam';
        await t.validate('name', 'Nieuwe naam');
        await t.validate('code', 'NIEUW');
        expect(seen).toEqual(['Oude naam -> Nieuwe naam']);
        // Spreads, JSON and Jest's equality see the fields only; a copy (xRec) keeps the session.
        expect(Object.getOwnPropertySymbols({ ...t })).toEqual([]);
        expect(Object.keys(JSON.parse(JSON.stringify(t))).sort()).toEqual(Object.keys(t).sort());
        expect(t.copy()).toEqual(t);
        expect(t.copy().session).toBe(s);
        // A table's own variables travel with a copy; a record made without a session (or by TypeORM) has none.
        const customer = s.create(Customer);
        customer.insertFromContact = true;
        expect(customer.copy().insertFromContact).toBe(true);
        expect(() => new Team().session).toThrow('Team record is not attached to a session');
        expect(() => (Object.create(Team.prototype) as Team).session).toThrow('Team record is not attached to a session');
      });
    } finally {
      off();
    }
  });
});

describe('clock and date formulas', () => {
  test('a frozen clock gives Today, Time and WorkDate; WorkDate can differ from Today', async () => {
    const tc = await newTestCompany();
    await tc.run(async (s) => {
      expect([s.today(), s.time(), s.workDate()]).toEqual(['2026-03-02', '10:15:30', '2026-03-02']);
      const setup = await s.get(SimulatorSetup, '');
      setup.workDate = '2026-12-31';
      await setup.modify();
    });
    await tc.run(async (s) => expect([s.today(), s.workDate()]).toEqual(['2026-03-02', '2026-12-31']));
  });

  test('the time of an interaction is the next whole minute', () => {
    expect(nextWholeMinute('10:15:30')).toBe('10:16:00');
    expect(nextWholeMinute('10:15:59')).toBe('10:16:00');
    expect(nextWholeMinute('10:16:00')).toBe('10:17:00');
    expect(nextWholeMinute('23:59:30')).toBe('00:00:00');
  });

  test('CalcDate for the formulas templates use', () => {
    expect(calcDate('<5D>', '2026-03-02')).toBe('2026-03-07');
    expect(calcDate('<1W>', '2026-03-02')).toBe('2026-03-09');
    expect(calcDate('<1M>', '2026-01-31')).toBe('2026-02-28');
    expect(calcDate('<CM>', '2026-03-02')).toBe('2026-03-31');
    expect(calcDate('<CM+1D>', '2026-03-02')).toBe('2026-04-01');
    expect(calcDate('<-CW>', '2026-03-04')).toBe('2026-03-02');
    expect(calcDate('<-1Y>', '2026-03-02')).toBe('2025-03-02');
    expect(calcDate('', '2026-03-02')).toBe('2026-03-02');
    expect(() => calcDate('<5X>', '2026-03-02')).toThrow('The date formula <5X> is not valid.');
    expect(() => calcDate('<2WD>', '2026-03-02')).toThrow(/not supported/);
  });
});

describe("values in BC's types (the one place values enter records)", () => {
  test("Integer, Decimal, Date and DateTime outside BC's ranges are refused with Evaluate's text, never stored altered", async () => {
    const tc = await newTestCompany();
    await tc.run(async (s) => {
      const c = await createHousehold(s, 'Grenzen');
      const refused = async (field: string, value: unknown) => {
        const err = await c.validate(field, value).then(
          () => null,
          (e: Error) => e,
        );
        return err?.message;
      };
      expect(await refused('houseNo', 2_147_483_648)).toBe('The value "2147483648" cannot be evaluated into type Integer.');
      expect(await refused('houseNo', -2_147_483_648)).toBe('The value "-2147483648" cannot be evaluated into type Integer.');
      expect(await refused('houseNo', 1e300)).toBe('The value "1e+300" cannot be evaluated into type Integer.');
      await c.validate('houseNo', 2_147_483_647);
      expect(c.houseNo).toBe(2_147_483_647);
      expect(await refused('birthDate', '0000-00-00')).toBe('The value "0000-00-00" cannot be evaluated into type Date.');
      expect(await refused('birthDate', '2026-02-30')).toBe('The value "2026-02-30" cannot be evaluated into type Date.');
      await c.validate('birthDate', '0001-01-01');
      const setup = await s.get(SimulatorSetup, '');
      const frozen = async (value: unknown) =>
        setup.validate('frozenAt', value).then(
          () => null,
          (e: Error) => e.message,
        );
      expect(await frozen('1752-12-31T23:59:59Z')).toBe('The value "1752-12-31T23:59:59Z" cannot be evaluated into type DateTime.');
      expect(await frozen(new Date(Date.UTC(10000, 0, 1)))).toBe('The value "+010000-01-01T00:00:00.000Z" cannot be evaluated into type DateTime.');
      expect(await frozen('9999-12-31T23:59:59Z')).toBeNull();
    });
  });
});

describe('Session.findAmong', () => {
  test('finds the records among more values than one statement takes (chunks of 500), each once', async () => {
    const tc = await newTestCompany();
    await tc.run(async (s) => {
      const made = [await createHousehold(s, 'Eerste'), await createHousehold(s, 'Midden'), await createHousehold(s, 'Laatste')];
      const values = Array.from({ length: 1200 }, (_, i) => `NOPE${i}`);
      values[0] = made[0].no;
      values[600] = made[1].no;
      values[1199] = made[2].no;
      const found = await s.findAmong(Contact, 'no', values);
      expect(found.map((c) => c.no)).toEqual(made.map((c) => c.no));
      expect(await s.findAmong(Contact, 'no', values, { name: made[1].name })).toHaveLength(1);
      expect(await s.findAmong(Contact, 'no', [])).toEqual([]);
    });
  });
});
