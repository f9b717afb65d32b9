import { SchemaMigration } from '../../db/migration';
import type { SchemaOp } from '../../db/schema';

/**
 * DataPathKeys (company schema). Written by `npm run migration:generate -- DataPathKeys` from
 * the difference between the earlier migrations and the entities; a released
 * migration is never edited, a new one follows it.
 */
export class CompanyDataPathKeys1796182393440 extends SchemaMigration {
  readonly name = 'CompanyDataPathKeys1796182393440';
  readonly ops: SchemaOp[] = OPS;
}

const OPS: SchemaOp[] = [
  {
    op: 'createTable',
    table: {
      name: 'Simulator_Data_Version',
      columns: [
        { name: '$systemId', kind: 'string', length: 36, default: '' },
        { name: '$systemCreatedAt', kind: 'datetime', nullable: true },
        { name: '$systemModifiedAt', kind: 'datetime', nullable: true },
        { name: 'timestamp', kind: 'int', default: 0 },
        { name: 'Primary_Key', kind: 'string', length: 10, primary: true },
        { name: 'Setup_Version', kind: 'string', length: 36, default: '' },
      ],
      indices: [
        { name: 'IDX_97e5ba97bc05c7a7a6ab954ad0', columns: ['$systemId'] },
      ],
    },
  },
  { op: 'createIndex', table: 'Contact', index: { name: 'IX_Contact_companyNo', columns: ['Company_No_'] } },
  { op: 'createIndex', table: 'To-do', index: { name: 'IX_To-do_teamCode_systemToDoType_closed_date', columns: ['Team_Code', 'System_To-do_Type', 'Closed', 'Date'] } },
];
