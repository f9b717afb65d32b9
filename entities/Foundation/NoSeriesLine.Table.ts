import { BigInteger, BooleanField, Code, DateField, Field, Integer, OnValidate, Table } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';
import { NoSeriesSequence } from '../../codeunits/foundation/NoSeriesSequence';
import { NoSeries } from './NoSeries.Table';
import { NO_SERIES_IMPLEMENTATION } from './NoSeriesImplementation.Enum';

export { NoSeriesImplementation } from './NoSeriesImplementation.Enum';

/**
 * Table 309 "No. Series Line". The field triggers here are only codeunit 307's
 * event subscribers (OnBeforeValidateEvent of Implementation, Starting No.,
 * Increment-by No., Last No. Used; OnAfterDeleteEvent): the base table's own
 * UpdateNoSeriesLine checks of the number format are not simulated.
 */
@Table(309, 'No. Series Line')
export class NoSeriesLine extends TableRecord {
  @Field(1, 'Series Code', Code(20), { primaryKey: true, relation: () => NoSeries })
  seriesCode!: string;

  @Field(2, 'Line No.', Integer, { primaryKey: true })
  lineNo!: number;

  @Field(3, 'Starting Date', DateField)
  startingDate!: string | null;

  @Field(4, 'Starting No.', Code(20))
  startingNo!: string;

  @Field(5, 'Ending No.', Code(20))
  endingNo!: string;

  @Field(6, 'Warning No.', Code(20))
  warningNo!: string;

  @Field(7, 'Increment-by No.', Integer, { initValue: 1 })
  incrementByNo!: number;

  /** Blank on a Sequence line: its last number is the sequence's (NoSeriesCodeunit.getLastNoUsed). */
  @Field(8, 'Last No. Used', Code(20))
  lastNoUsed!: string;

  @Field(9, 'Open', BooleanField, { initValue: true, editable: false })
  open!: boolean;

  @Field(10, 'Last Date Used', DateField)
  lastDateUsed!: string | null;

  /** The NumberSequence of a Sequence line: a GUID, made when the line becomes one. */
  @Field(12, 'Sequence Name', Code(40), { editable: false })
  sequenceName!: string;

  /** The number the sequence started from (the numeric part of Starting No. or of the Last No. Used it continued). */
  @Field(13, 'Starting Sequence No.', BigInteger, { editable: false })
  startingSequenceNo!: number;

  @Field(14, 'Implementation', NO_SERIES_IMPLEMENTATION)
  implementation!: number;

  @OnValidate('startingNo')
  protected async startingNoOnValidate(): Promise<void> {
    new NoSeriesSequence(this.session).onValidateStartingNo(this);
  }

  @OnValidate('incrementByNo')
  protected async incrementByNoOnValidate(): Promise<void> {
    await new NoSeriesSequence(this.session).onValidateIncrementByNo(this);
  }

  @OnValidate('lastNoUsed')
  protected async lastNoUsedOnValidate(): Promise<void> {
    await new NoSeriesSequence(this.session).onValidateLastNoUsed(this);
  }

  @OnValidate('implementation')
  protected async implementationOnValidate(xRec: NoSeriesLine): Promise<void> {
    await new NoSeriesSequence(this.session).onValidateImplementation(this, xRec);
  }

  /** Codeunit 307's OnAfterDeleteEvent subscriber runs whether or not the delete runs the table's trigger. */
  async delete(runTrigger = false): Promise<void> {
    await super.delete(runTrigger);
    await new NoSeriesSequence(this.session).onDeleteNoSeriesLine(this);
  }
}
