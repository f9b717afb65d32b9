import { BooleanField, Code, DateField, Field, Integer, Option, Table } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';
import { NoSeries } from './NoSeries.Table';

/** Table 309 "No. Series Line". */
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

  @Field(8, 'Last No. Used', Code(20))
  lastNoUsed!: string;

  @Field(9, 'Open', BooleanField, { initValue: true })
  open!: boolean;

  @Field(10, 'Last Date Used', DateField)
  lastDateUsed!: string | null;

  @Field(14, 'Implementation', Option('Normal,Sequence'))
  implementation!: number;
}
