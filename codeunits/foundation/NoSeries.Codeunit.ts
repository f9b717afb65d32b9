import { NoSeries } from '../../entities/Foundation/NoSeries.Table';
import { NoSeriesLine } from '../../entities/Foundation/NoSeriesLine.Table';
import { defineLabels } from '../../src/runtime/Labels';
import { Session } from '../../src/runtime/Session';

/**
 * Codeunit 310 "No. Series" (BC 24: Business Foundation, NoSeriesImpl /
 * NoSeriesStatelessImpl in microsoft/BCApps). GetNextNo, TestManual,
 * AreRelated/TestAutomatic and IncStr, with the base app's error texts.
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

  /** GetNextNo(Code, UsageDate = WorkDate): the next number, written back as Last No. Used. */
  async getNextNo(seriesCode: string, usageDate: string = this.session.workDate()): Promise<string> {
    const s = this.session;
    const series = await s.get(NoSeries, seriesCode);
    const line = await this.findLine(series, usageDate);
    if (!line) {
      // BC names the date whenever there is one, and there always is (WorkDate).
      if (usageDate) return s.error(NoSeriesLabels.CannotAssignNewOnDateErr, seriesCode, usageDate);
      return s.error(NoSeriesLabels.CannotAssignNewErr, seriesCode);
    }
    if (series.dateOrder && line.lastDateUsed && usageDate < line.lastDateUsed) {
      s.error(NoSeriesLabels.CannotAssignNewBeforeDateErr, seriesCode, line.lastDateUsed);
    }
    let next: string;
    if (line.lastNoUsed === '') {
      line.testField('startingNo');
      next = line.startingNo;
    } else if (line.incrementByNo <= 1) {
      next = incStr(line.lastNoUsed);
    } else {
      next = incrementBy(line.lastNoUsed, line.incrementByNo);
    }
    if (next === '' || (line.endingNo !== '' && compareNos(next, line.endingNo) > 0)) {
      s.error(NoSeriesLabels.CannotAssignGreaterErr, line.endingNo || line.lastNoUsed, seriesCode);
    }
    if (line.warningNo !== '' && compareNos(next, line.warningNo) >= 0) {
      s.message(NoSeriesLabels.CannotAssignGreaterErr, line.endingNo, seriesCode);
    }
    line.lastNoUsed = next;
    line.lastDateUsed = usageDate;
    line.open = line.endingNo === '' || next !== line.endingNo;
    await line.modify();
    return next;
  }

  /** TestManual: a typed number needs Manual Nos. on the series. */
  async testManual(seriesCode: string): Promise<void> {
    if (seriesCode === '') return;
    const series = await this.session.get(NoSeries, seriesCode);
    if (!series.manualNos) {
      this.session.error(
        NoSeriesLabels.ManualNosErr,
        series.fieldCaption('manualNos'),
        series.tableCaption(),
        series.code,
      );
    }
  }

  /** TestAutomatic: automatic numbers need Default Nos. */
  async testAutomatic(seriesCode: string): Promise<void> {
    const series = await this.session.get(NoSeries, seriesCode);
    if (!series.defaultNos) {
      this.session.error(
        NoSeriesLabels.CannotAssignAutomaticallyErr,
        series.fieldCaption('defaultNos'),
        series.tableCaption(),
        series.code,
      );
    }
  }

  /** AreRelated(Default, xRec's series): only the default series itself here (no No. Series Relationships). */
  async areRelated(defaultSeries: string, otherSeries: string): Promise<boolean> {
    await this.testAutomatic(defaultSeries);
    return otherSeries !== '' && otherSeries === defaultSeries;
  }

  private async findLine(series: NoSeries, usageDate: string): Promise<NoSeriesLine | null> {
    const lines = await this.session.find(NoSeriesLine, { seriesCode: series.code, open: true });
    // Lines are locked for update on server databases: the number hand-out must be exclusive.
    const eligible = lines
      .filter((l) => !l.startingDate || l.startingDate <= usageDate)
      .sort((a, b) => (a.startingDate ?? '').localeCompare(b.startingDate ?? '') || a.lineNo - b.lineNo);
    const chosen = eligible[eligible.length - 1];
    if (!chosen) return null;
    return this.session.getForUpdate(NoSeriesLine, chosen.seriesCode, chosen.lineNo);
  }
}

/**
 * AL IncStr: increments the number closest to the end, keeping zero padding
 * (`CT000009` → `CT000010`, `a12b99c` → `a12b100c`); no digits → ''.
 */
export function incStr(value: string): string {
  const m = /^(.*?)(\d+)(\D*)$/.exec(value);
  if (!m) return '';
  const [, prefix, digits, suffix] = m;
  const next = (BigInt(digits) + 1n).toString();
  return prefix + next.padStart(digits.length, '0') + suffix;
}

/** Increment-by > 1: adds to the right-most digit run, zero-padded to the old width. */
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
