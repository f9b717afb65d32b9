import { Code, DateField, DateTimeField, Field, Table, Text } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';

/**
 * The simulator's own per-company settings: the controlled clock (BC's
 * Today/Time/WorkDate). Stored in the company's database so that every
 * server instance over the same database reads the same time.
 */
@Table(99000000, 'Simulator Setup', { setup: true })
export class SimulatorSetup extends TableRecord {
  @Field(1, 'Primary Key', Code(10), { primaryKey: true })
  primaryKey!: string;

  /** A frozen moment for Today/Time/CurrentDateTime; blank = the real clock. */
  @Field(2, 'Frozen At', DateTimeField)
  frozenAt!: Date | null;

  /** WorkDate; blank = Today. */
  @Field(3, 'Work Date', DateField)
  workDate!: string | null;

  @Field(4, 'Time Zone', Text(50), { initValue: 'Europe/Amsterdam' })
  timeZone!: string;
}
