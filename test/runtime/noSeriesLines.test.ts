// [FEATURE] [No. Series] Which line of a series gives the next number: BC 24's NoSeriesImpl.GetNoSeriesLine
// (microsoft/BCApps, src/Business Foundation/App/NoSeries/src/Single/NoSeriesImpl.Codeunit.al) and its tests
// (NoSeriesTests: DefaultOverFlow, ExhaustClosedLine), here for Normal lines, the seeds' implementation.
import { NoSeriesLine } from '../../entities';
import { NoSeriesCodeunit } from '../../codeunits/foundation/NoSeries.Codeunit';
import type { Session } from '../../src/runtime/Session';
import { closeSharedSimulator, createNoSeries, newTestCompany } from '../library/LibraryMarketing';
import { expectBcError } from '../library/LibraryAssert';

afterAll(closeSharedSimulator);

const WORK_DATE = '2026-03-02';

async function addLine(s: Session, code: string, lineNo: number, line: Partial<NoSeriesLine>): Promise<void> {
  const l = s.create(NoSeriesLine);
  l.seriesCode = code;
  l.lineNo = lineNo;
  Object.assign(l, line);
  await l.insert(true);
}

async function take(run: (fn: (s: Session) => Promise<string>) => Promise<string>, code: string, n: number, date?: string): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(await run((s) => new NoSeriesCodeunit(s).getNextNo(code, date)));
  return out;
}

test('two lines with one Starting Date: the first line gives its numbers, then the second (DefaultOverFlow)', async () => {
  const tc = await newTestCompany();
  await tc.run(async (s) => {
    await createNoSeries(s, 'TWEE', 'A1');
    const first = await s.get(NoSeriesLine, 'TWEE', 10000);
    first.endingNo = 'A3';
    await first.modify();
    await addLine(s, 'TWEE', 20000, { startingNo: 'B1', endingNo: 'B3' });
  });
  expect(await take((fn) => tc.run(fn), 'TWEE', 6)).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3']);
  const err = await expectBcError(tc.run((s) => new NoSeriesCodeunit(s).getNextNo('TWEE')));
  expect(err.message).toBe('You cannot assign new numbers from the number series TWEE.');
});

test('the latest line used up: an earlier line with numbers left is not used, and the error names the date (ExhaustClosedLine)', async () => {
  const tc = await newTestCompany();
  await tc.run(async (s) => {
    await createNoSeries(s, 'JAAR', 'TEST0001');
    const first = await s.get(NoSeriesLine, 'JAAR', 10000);
    first.endingNo = 'TEST0010';
    first.lastNoUsed = 'TEST0005';
    await first.modify();
    await addLine(s, 'JAAR', 20000, { startingDate: WORK_DATE, startingNo: 'TEST0030', endingNo: 'TEST0040', lastNoUsed: 'TEST0039' });
  });
  expect(await take((fn) => tc.run(fn), 'JAAR', 1)).toEqual(['TEST0040']);
  const err = await expectBcError(tc.run((s) => new NoSeriesCodeunit(s).getNextNo('JAAR')));
  expect(err.message).toBe(`You cannot assign new numbers from the number series JAAR on ${WORK_DATE}.`);
  // Before the later line's Starting Date the earlier line still serves.
  expect(await take((fn) => tc.run(fn), 'JAAR', 1, '2026-03-01')).toEqual(['TEST0006']);
});

test('a Normal line closes when the next increment would pass the Ending No. (CalculateOpen), not only at it', async () => {
  const tc = await newTestCompany();
  await tc.run(async (s) => {
    await createNoSeries(s, 'STAP', 'S01');
    const line = await s.get(NoSeriesLine, 'STAP', 10000);
    line.endingNo = 'S10';
    line.incrementByNo = 4;
    await line.modify();
  });
  expect(await take((fn) => tc.run(fn), 'STAP', 3)).toEqual(['S01', 'S05', 'S09']);
  await tc.run(async (s) => expect(await s.get(NoSeriesLine, 'STAP', 10000)).toMatchObject({ lastNoUsed: 'S09', open: false }));
  const err = await expectBcError(tc.run((s) => new NoSeriesCodeunit(s).getNextNo('STAP')));
  expect(err.message).toBe('You cannot assign new numbers from the number series STAP.');
});

test('no line starts on or before the date: the error names the date, as long as the series has a line', async () => {
  const tc = await newTestCompany();
  await tc.run(async (s) => {
    await createNoSeries(s, 'LATER', 'L1');
    const line = await s.get(NoSeriesLine, 'LATER', 10000);
    line.startingDate = '2026-04-01';
    await line.modify();
  });
  const err = await expectBcError(tc.run((s) => new NoSeriesCodeunit(s).getNextNo('LATER')));
  expect(err.message).toBe(`You cannot assign new numbers from the number series LATER on ${WORK_DATE}.`);
});
