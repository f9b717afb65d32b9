import { Code, Field, Guid, Table } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';

/**
 * The simulator's own: which version of the company's setup tables (those
 * declared `setup: true`) the rows are at. Every transaction that writes a
 * setup table gives it a new value; an instance that cached setup rows under
 * another value drops them. This is how several instances over one server
 * database see each other's setup changes at their next operation.
 */
@Table(99000001, 'Simulator Data Version')
export class SimulatorDataVersion extends TableRecord {
  @Field(1, 'Primary Key', Code(10), { primaryKey: true })
  primaryKey!: string;

  @Field(2, 'Setup Version', Guid)
  setupVersion!: string;
}
