import { NoSeries } from '../../entities/Foundation/NoSeries.Table';
import { NoSeriesImplementation } from '../../entities/Foundation/NoSeriesImplementation.Enum';
import { NoSeriesLine } from '../../entities/Foundation/NoSeriesLine.Table';
import { defineLabels } from '../../src/runtime/Labels';
import { Session } from '../../src/runtime/Session';
import { formattedNo, NoSeriesSequence } from './NoSeriesSequence';

/**
 * Codeunit 310 "No. Series" (BC 24: Business Foundation, NoSeriesImpl /
 * NoSeriesStatelessImpl in microsoft/BCApps). GetNextNo, PeekNextNo,
 * GetLastNoUsed, TestManual, AreRelated/TestAutomatic and IncStr, with the
 * base app's error texts; a Sequence line's numbers from NoSeriesSequence.
 */
export const NoSeriesLabels = defineLabels('No. Series', {
  CannotAssignNewOnDateErr: { text: 'You cannot assign new numbers from the number series %1 on %2.', comment: '%1=No. Series Code,%2=Date' },
  CannotAssignNewErr: { text: 'You cannot assign new numbers from the number series %1.', comment: '%1=No. Series Code' },
  CannotAssignNewBeforeDateErr: {
    text: 'You cannot assign new numbers from the number series %1 on a date before %2.',
    comment: '%1=No. Series Code,%2=Date',
  },
  CannotAssignGreaterErr: {
    text: 'You cannot assign numbers greater than %1 from the number series %2.',
    comment: '%1=Last No.,%2=No. Series Code',
  },
  ManualNosErr: {
    text: 'You may not enter numbers manually. If you want to enter numbers manually, please activate %1 in %2 %3.',
    comment: '%1=Manual Nos. Field Caption,%2=No. Series Table Caption,%3=No. Series Code',
  },
  CannotAssignAutomaticallyErr: {
    text: 'It is not possible to assign numbers automatically. If you want the program to assign numbers automatically, please activate %1 in %2 %3.',
    comment: '%1=Default Nos. Field Caption,%2=No. Series Table Caption,%3=No. Series Code',
  },
});

export class NoSeriesCodeunit {
  static readonly objectId = 310;
  constructor(private readonly session: Session) {}

  /**
   * GetNextNo(Code, UsageDate = WorkDate): the next number of the series' line for the date, from the line's
   * implementation: Normal writes it back as Last No. Used under the line's lock; Sequence takes it from the
   * line's NumberSequence (NoSeriesSequence) and leaves the line alone.
   */
  async getNextNo(seriesCode: string, usageDate: string = this.session.workDate()): Promise<string> {
    const s = this.session;
    const series = await s.get(NoSeries, seriesCode);
    const found = await this.getNoSeriesLine(series, usageDate);
    if (found.implementation === NoSeriesImplementation.Sequence) return this.getNextSequenceNo(series, found, usageDate);
    const line = await s.getForUpdate(NoSeriesLine, found.seriesCode, found.lineNo);
    this.testDateOrder(series, line, usageDate);
    const next = this.nextAfterLastNoUsed(line);
    this.ensureWithinRange(line, next);
    line.lastNoUsed = next;
    line.lastDateUsed = usageDate;
    // Validate(Open): closed at the Ending No., or when the next increment would pass it.
    line.open = await this.calculateOpen(line);
    await line.modify();
    return next;
  }

  /** PeekNextNo(Code, UsageDate = WorkDate): the number GetNextNo would give now, taking nothing and locking nothing. */
  async peekNextNo(seriesCode: string, usageDate: string = this.session.workDate()): Promise<string> {
    const series = await this.session.get(NoSeries, seriesCode);
    const line = await this.getNoSeriesLine(series, usageDate);
    this.testDateOrder(series, line, usageDate);
    if (line.implementation !== NoSeriesImplementation.Sequence) {
      const next = this.nextAfterLastNoUsed(line);
      this.ensureWithinRange(line, next);
      return next;
    }
    const sequence = new NoSeriesSequence(this.session);
    const next = formattedNo(line, await sequence.nextNumber(line, false));
    this.ensureWithinRange(line, next);
    return next;
  }

  /**
   * GetLastNoUsed(NoSeriesLine | Code): a Normal line's Last No. Used, a Sequence line's from its sequence;
   * for a series code, of its line on the work date ('' when it has none).
   */
  async getLastNoUsed(lineOrSeries: NoSeriesLine | string): Promise<string> {
    const sequence = new NoSeriesSequence(this.session);
    if (typeof lineOrSeries !== 'string') return sequence.lastNoUsedOf(lineOrSeries);
    const series = await this.session.get(NoSeries, lineOrSeries);
    const { line } = await this.findLine(series, this.session.workDate());
    if (!line || (series.dateOrder && line.lastDateUsed && this.session.workDate() < line.lastDateUsed)) return '';
    return sequence.lastNoUsedOf(line);
  }
  /** TestManual: a typed number needs Manual Nos. on the series. */
  async testManual(seriesCode: string): Promise<void> {
    if (seriesCode === '') return;
    const series = await this.session.get(NoSeries, seriesCode);
    if (!series.manualNos) {
      this.session.error(NoSeriesLabels.ManualNosErr, series.fieldCaption('manualNos'), series.tableCaption(), series.code);
    }
  }

  /** TestAutomatic: automatic numbers need Default Nos. */
  async testAutomatic(seriesCode: string): Promise<void> {
    const series = await this.session.get(NoSeries, seriesCode);
    if (!series.defaultNos) {
      this.session.error(NoSeriesLabels.CannotAssignAutomaticallyErr, series.fieldCaption('defaultNos'), series.tableCaption(), series.code);
    }
  }

  /** AreRelated(Default, xRec's series): only the default series itself here (no No. Series Relationships). */
  async areRelated(defaultSeries: string, otherSeries: string): Promise<boolean> {
    await this.testAutomatic(defaultSeries);
    return otherSeries !== '' && otherSeries === defaultSeries;
  }

  /** GetNoSeriesLine: the open line for the date, or BC's error. */
  private async getNoSeriesLine(series: NoSeries, usageDate: string): Promise<NoSeriesLine> {
    const { line, lines } = await this.findLine(series, usageDate);
    if (line) return line;
    // BC names the date when the series still has a line it could use on another date: one at all when no line starts
    // on or before the date, an open one when the date's lines are used up.
    const onOtherDate = lines.length > 0 && (!lines.some((l) => startsBy(l, usageDate)) || lines.some((l) => l.open));
    if (onOtherDate) return this.session.error(NoSeriesLabels.CannotAssignNewOnDateErr, series.code, usageDate);
    return this.session.error(NoSeriesLabels.CannotAssignNewErr, series.code);
  }

  /**
   * GetNoSeriesLine's search (codeunit 304): the latest line starting on or before the date, open or not — a
   * Sequence line's Open recalculated there and a used-up one closed (MayProduceGaps) — then the first open line
   * of that Starting Date. An earlier line with numbers left is not used once a later one has run out (BC's
   * NoSeriesTests "ExhaustClosedLine", bug 538011).
   */
  private async findLine(series: NoSeries, usageDate: string): Promise<{ line: NoSeriesLine | null; lines: NoSeriesLine[] }> {
    const lines = await this.session.find(NoSeriesLine, { seriesCode: series.code });
    const candidates = lines.filter((l) => startsBy(l, usageDate)).sort((a, b) => (a.startingDate ?? '').localeCompare(b.startingDate ?? '') || a.lineNo - b.lineNo);
    const latest = candidates[candidates.length - 1];
    if (!latest) return { line: null, lines };
    if (latest.implementation === NoSeriesImplementation.Sequence && latest.open && !(await this.calculateOpen(latest))) {
      latest.open = false;
      await latest.modify(true);
    }
    const line = candidates.find((l) => l.open && (l.startingDate ?? '') === (latest.startingDate ?? '')) ?? null;
    return { line, lines };
  }

  /**
   * Codeunit 307's GetNextNo: the line is locked (UpdLock + Find) and modified only for the first number of a
   * Last Date Used, or when it closes; every other number is one NumberSequence.Next.
   */
  private async getNextSequenceNo(series: NoSeries, found: NoSeriesLine, usageDate: string): Promise<string> {
    const s = this.session;
    this.testDateOrder(series, found, usageDate);
    const line = found.lastDateUsed === usageDate ? found : await s.getForUpdate(NoSeriesLine, found.seriesCode, found.lineNo);
    const sequence = new NoSeriesSequence(s);
    const next = formattedNo(line, await sequence.nextNumber(line, true));
    const withNext = line.copy();
    withNext.lastNoUsed = next;
    const open = await this.calculateOpen(withNext);
    this.ensureWithinRange(line, next);
    if (line.lastDateUsed !== usageDate || line.open !== open) {
      line.lastDateUsed = usageDate;
      line.open = open;
      await line.modify(true);
    }
    return next;
  }

  private testDateOrder(series: NoSeries, line: NoSeriesLine, usageDate: string): void {
    if (series.dateOrder && line.lastDateUsed && usageDate < line.lastDateUsed) {
      this.session.error(NoSeriesLabels.CannotAssignNewBeforeDateErr, series.code, line.lastDateUsed);
    }
  }

  /** Codeunit 306: the Starting No. first, then Last No. Used plus Increment-by No. */
  private nextAfterLastNoUsed(line: NoSeriesLine): string {
    if (line.lastNoUsed === '') {
      line.testField('startingNo');
      return line.startingNo;
    }
    return incrementBy(line.lastNoUsed, Math.max(line.incrementByNo, 1));
  }

  /** EnsureLastNoUsedIsWithinValidRange, for both implementations: past the Ending No. an error, from the Warning No. a message. */
  private ensureWithinRange(line: NoSeriesLine, next: string): void {
    const s = this.session;
    if (next === '' || (line.endingNo !== '' && compareNos(next, line.endingNo) > 0)) {
      s.error(NoSeriesLabels.CannotAssignGreaterErr, line.endingNo || line.lastNoUsed, line.seriesCode);
    }
    if (line.warningNo !== '' && compareNos(next, line.warningNo) >= 0) {
      s.message(NoSeriesLabels.CannotAssignGreaterErr, line.endingNo, line.seriesCode);
    }
  }

  /**
   * "No. Series - Setup".CalculateOpen: closed once the last number used reaches the Ending No., or the next
   * increment would pass it (numbers compare as compareNos does, which covers BC's length checks).
   */
  private async calculateOpen(line: NoSeriesLine): Promise<boolean> {
    if (line.endingNo === '') return true;
    const lastNoUsed = await new NoSeriesSequence(this.session).lastNoUsedOf(line);
    if (lastNoUsed === '') return true;
    if (compareNos(lastNoUsed, line.endingNo) >= 0) return false;
    return line.incrementByNo === 1 || compareNos(incrementBy(lastNoUsed, line.incrementByNo), line.endingNo) <= 0;
  }
}

/**
 * AL IncStr: increments the number closest to the end, keeping zero padding
 * (`CT000009` → `CT000010`, `a12b99c` → `a12b100c`); no digits → ''.
 */
export function incStr(value: string): string {
  return incrementBy(value, 1);
}

/** Adds `by` to the right-most digit run, zero-padded to the old width ('' without digits). */
export function incrementBy(value: string, by: number): string {
  const m = /^(.*?)(\d+)(\D*)$/.exec(value);
  if (!m) return '';
  const [, prefix, digits, suffix] = m;
  return prefix + (BigInt(digits) + BigInt(by)).toString().padStart(digits.length, '0') + suffix;
}

/** Numbers of one series compare by length first, then text (as BC's zero-padded codes do). */
function compareNos(a: string, b: string): number {
  return a.length - b.length || a.localeCompare(b);
}

/** On or before the usage date: BC's SetRange("Starting Date", 0D, UsageDate) (a blank Starting Date is 0D). */
function startsBy(line: NoSeriesLine, usageDate: string): boolean {
  return !line.startingDate || line.startingDate <= usageDate;
}
