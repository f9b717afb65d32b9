import { randomUUID } from 'node:crypto';
import { NoSeriesImplementation } from '../../entities/Foundation/NoSeriesImplementation.Enum';
import type { NoSeriesLine } from '../../entities/Foundation/NoSeriesLine.Table';
import { NotSupportedError } from '../../src/runtime/BcError';
import { defineLabels } from '../../src/runtime/Labels';
import type { Session } from '../../src/runtime/Session';

export const NoSeriesSequenceLabels = defineLabels('No. Series - Sequence Impl.', {
  NoOverFlowErr: {
    text: 'Number series can only use up to 18 digit numbers. %1 has %2 digits.',
    comment: '%1 is a string that also contains digits. %2 is a number.',
  },
});

/**
 * Codeunit 307 "No. Series - Sequence Impl." (Business Foundation, BC 24.1,
 * microsoft/BCApps src/Business Foundation/App/NoSeries/src/Single/NoSeriesSequenceImpl.Codeunit.al):
 * a No. Series Line with Implementation = Sequence takes its numbers from an
 * AL NumberSequence named by the line's Sequence Name, outside the
 * transaction (a rolled-back number stays used: gaps) and without reading,
 * locking or modifying the line for each number. The number's text is the
 * Starting No. with its last digits replaced (GetFormattedNo). The line's
 * Last No. Used stays blank; its last number is the sequence's Current.
 * Here are the sequence's parts of GetNextNo / PeekNextNo / GetLastNoUsed and
 * the codeunit's event subscribers on table 309; NoSeriesCodeunit dispatches
 * to them and keeps the range check and the line's Open/Last Date Used.
 * Not simulated: "Temp Current Sequence No." (field 15) of No. Series Batch.
 */
export class NoSeriesSequence {
  static readonly objectId = 307;
  constructor(private readonly session: Session) {}

  private get sequences() {
    const port = this.session.store.numberSequence;
    // SQL Server has no simulated NumberSequence (src/db/store/numberSequence.ts): such a line cannot number there.
    if (!port.available) throw new NotSupportedError('A No. Series Line with Implementation Sequence on SQL Server');
    return port;
  }

  /**
   * GetNextNoInternal's number: NumberSequence.Next, again when it is below the Starting Sequence No.
   * (`modify`), or Current + Increment-by No. (PeekNextNo); the sequence made when it is missing.
   */
  async nextNumber(line: NoSeriesLine, modify: boolean): Promise<number> {
    const first = await this.tryGetNextSequenceNo(line, modify);
    if (first !== undefined) return first;
    if (!(await this.exists(line.sequenceName))) await this.createNewSequence(line, line.startingSequenceNo);
    // AL ignores the second TryFunction's failure: NewNo stays 0, formatted as '', which the range check refuses.
    return (await this.tryGetNextSequenceNo(line, modify)) ?? 0;
  }

  /** GetLastNoUsed: the sequence's Current as a number of the series, or '' before its first number. */
  async getLastNoUsed(line: NoSeriesLine): Promise<string> {
    const last = await this.getCurrentSequenceNo(line);
    return last >= line.startingSequenceNo ? formattedNo(line, last) : '';
  }

  // ---- the codeunit's event subscribers on table 309 (NoSeriesLine's triggers call them) ----

  /** OnBeforeValidateEvent 'Starting No.'. */
  onValidateStartingNo(rec: NoSeriesLine): void {
    if (rec.implementation !== NoSeriesImplementation.Sequence) return;
    rec.startingSequenceNo = this.extractNoFromCode(rec.startingNo);
  }

  /** OnBeforeValidateEvent 'Increment-by No.': the sequence made again with the new step, keeping the last number used. */
  async onValidateIncrementByNo(rec: NoSeriesLine): Promise<void> {
    if (rec.implementation !== NoSeriesImplementation.Sequence) return;
    const lastNoUsed = await this.getLastNoUsed(rec);
    if (lastNoUsed !== '') await this.recreateWithLastUsedNo(rec, this.extractNoFromCode(lastNoUsed));
    else await this.recreate(rec, rec.startingSequenceNo);
  }

  /** OnBeforeValidateEvent 'Last No. Used': the sequence goes on after the number typed; the field stays blank. */
  async onValidateLastNoUsed(rec: NoSeriesLine): Promise<void> {
    if (rec.implementation !== NoSeriesImplementation.Sequence || rec.lastNoUsed === '') return;
    const sequenceNumber = this.extractNoFromCode(rec.lastNoUsed);
    rec.lastNoUsed = '';
    await this.recreateWithLastUsedNo(rec, sequenceNumber);
  }

  /**
   * OnBeforeValidateEvent 'Implementation' of codeunits 307 and 306: to Sequence, a sequence continuing after
   * the Last No. Used (or starting at the Starting No.); back to Normal, Last No. Used from the sequence, which is
   * deleted. Codeunit 306's part reads the sequence before 307's deletes it.
   */
  async onValidateImplementation(rec: NoSeriesLine, xRec: NoSeriesLine): Promise<void> {
    if (rec.implementation === xRec.implementation) return;
    if (rec.implementation === NoSeriesImplementation.Normal) rec.lastNoUsed = await this.lastNoUsedOf(xRec);
    if (rec.implementation === NoSeriesImplementation.Sequence) {
      const lastNoUsed = await this.lastNoUsedOf(xRec);
      if (lastNoUsed !== '') await this.recreateWithLastUsedNo(rec, this.extractNoFromCode(lastNoUsed));
      else await this.recreate(rec, this.extractNoFromCode(rec.startingNo));
      rec.lastNoUsed = '';
    } else if (xRec.implementation === NoSeriesImplementation.Sequence) {
      await this.deleteSequence(rec.sequenceName);
      rec.startingSequenceNo = 0;
      rec.sequenceName = '';
    }
  }

  /** OnAfterDeleteEvent: the line's sequence goes with it. */
  async onDeleteNoSeriesLine(rec: NoSeriesLine): Promise<void> {
    if (rec.sequenceName !== '') await this.deleteSequence(rec.sequenceName);
  }

  /** No. Series codeunit's GetLastNoUsed(NoSeriesLine): the implementation's. */
  async lastNoUsedOf(line: NoSeriesLine): Promise<string> {
    return line.implementation === NoSeriesImplementation.Sequence ? this.getLastNoUsed(line) : line.lastNoUsed;
  }

  // ---- the sequence ----

  private async tryGetNextSequenceNo(line: NoSeriesLine, modify: boolean): Promise<number | undefined> {
    if (line.sequenceName === '') return undefined;
    if (!modify) {
      const current = await this.sequences.current(line.sequenceName);
      return current === undefined ? undefined : current + line.incrementByNo;
    }
    const next = await this.sequences.next(line.sequenceName);
    if (next === undefined || next >= line.startingSequenceNo) return next;
    return this.sequences.next(line.sequenceName);
  }

  private async getCurrentSequenceNo(line: NoSeriesLine): Promise<number> {
    const current = line.sequenceName === '' ? undefined : await this.sequences.current(line.sequenceName);
    if (current !== undefined) return current;
    if (!(await this.exists(line.sequenceName))) await this.createNewSequence(line, line.startingSequenceNo);
    return (await this.sequences.current(line.sequenceName)) ?? 0;
  }

  /** CreateNewSequence: Insert(name, start - step, step) and one Next, so Current is just below the first number. */
  private async createNewSequence(line: NoSeriesLine, startingSequenceNo: number): Promise<void> {
    // AL Format(CreateGuid(), 0, 4), uppercased by the Code[40] field.
    if (line.sequenceName === '') line.sequenceName = randomUUID().toUpperCase();
    line.startingSequenceNo = startingSequenceNo;
    await this.sequences.insert(line.sequenceName, startingSequenceNo - line.incrementByNo, line.incrementByNo);
    await this.sequences.next(line.sequenceName);
  }

  private async exists(name: string): Promise<boolean> {
    return name !== '' && this.sequences.exists(name);
  }

  private async deleteSequence(name: string): Promise<void> {
    if (await this.exists(name)) await this.sequences.delete(name);
  }

  private async recreate(line: NoSeriesLine, sequenceNumber: number): Promise<void> {
    await this.deleteSequence(line.sequenceName);
    await this.createNewSequence(line, sequenceNumber);
  }

  /** RecreateNoSeriesWithLastUsedNo: `sequenceNumber` was used, so it is taken from the new sequence at once. */
  private async recreateWithLastUsedNo(line: NoSeriesLine, sequenceNumber: number): Promise<void> {
    await this.recreate(line, sequenceNumber);
    await this.sequences.next(line.sequenceName);
  }

  /** ExtractNoFromCode: the last run of digits as a number (`TD000041` → 41); 0 without digits. */
  private extractNoFromCode(numberCode: string): number {
    if (numberCode === '') return 0;
    const m = /(\d+)\D*$/.exec(numberCode);
    if (!m) return 0;
    const digits = m[1];
    if (digits.length > 18) this.session.error(NoSeriesSequenceLabels.NoOverFlowErr, digits, digits.length);
    const value = BigInt(digits);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new NotSupportedError('A No. Series sequence number above 2^53 - 1');
    return Number(value);
  }
}

/**
 * GetFormattedNo: the number written into the Starting No. in place of its last digits, keeping what follows
 * them (`TD000001`, 42 → `TD000042`; `A01TEST`, 10 → `A10TEST`); a number longer than those digits overwrites
 * the characters before them, as BC's does; '' below the Starting Sequence No.
 */
export function formattedNo(line: Pick<NoSeriesLine, 'startingNo' | 'startingSequenceNo'>, number: number): string {
  if (number < line.startingSequenceNo) return '';
  const numberCode = String(number);
  const start = line.startingNo;
  if (start === '') return numberCode;
  const digit = (pos: number) => /[0-9]/.test(start[pos - 1] ?? '');
  const MAX = 20; // MaxStrLen("Starting No.") and of the Code[20] result
  let i = start.length;
  while (i > 1 && !digit(i)) i--;
  const j = i - numberCode.length;
  if (j > 0 && i < MAX) return start.slice(0, j) + numberCode + start.slice(i);
  if (j > 0) return start.slice(0, j) + numberCode;
  while (i > 1 && digit(i)) i--;
  if (i > 0 && i + numberCode.length <= MAX) return i === 1 && digit(1) ? numberCode : start.slice(0, i) + numberCode;
  return numberCode;
}
