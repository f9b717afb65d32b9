import { Code, Field, Table } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';
import { NoSeries } from '../Foundation/NoSeries.Table';

/** Table 311 "Sales & Receivables Setup" (singleton): only what customers need. */
@Table(311, 'Sales & Receivables Setup', { nl: 'Verkoopinstellingen', setup: true })
export class SalesReceivablesSetup extends TableRecord {
  @Field(1, 'Primary Key', Code(10), { primaryKey: true })
  primaryKey!: string;

  @Field(9, 'Customer Nos.', Code(20), { relation: () => NoSeries, nl: 'Klantnummers' })
  customerNos!: string;
}
