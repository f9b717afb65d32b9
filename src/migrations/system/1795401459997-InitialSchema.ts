import { SchemaMigration } from '../../db/migration';
import type { SchemaOp } from '../../db/schema';

/**
 * InitialSchema (system schema). Written by `npm run migration:generate -- InitialSchema` from
 * the difference between the earlier migrations and the entities; a released
 * migration is never edited, a new one follows it.
 */
export class SystemInitialSchema1795401459997 extends SchemaMigration {
  readonly name = 'SystemInitialSchema1795401459997';
  readonly ops: SchemaOp[] = OPS;
}

const OPS: SchemaOp[] = [
  {
    op: 'createTable',
    table: {
      name: 'Company',
      columns: [
        { name: '$systemId', kind: 'string', length: 36, default: '' },
        { name: '$systemCreatedAt', kind: 'datetime', nullable: true },
        { name: '$systemModifiedAt', kind: 'datetime', nullable: true },
        { name: 'timestamp', kind: 'int', default: 0 },
        { name: 'Name', kind: 'string', length: 30, primary: true },
        { name: 'Evaluation_Company', kind: 'bool', default: false },
        { name: 'Display_Name', kind: 'string', length: 250, default: '' },
        { name: 'Seed', kind: 'string', length: 30, default: '' },
      ],
      indices: [
        { name: 'IDX_eb4ddb7995374f4c77d22ddc19', columns: ['$systemId'] },
      ],
    },
  },
  {
    op: 'createTable',
    table: {
      name: 'User',
      columns: [
        { name: '$systemId', kind: 'string', length: 36, default: '' },
        { name: '$systemCreatedAt', kind: 'datetime', nullable: true },
        { name: '$systemModifiedAt', kind: 'datetime', nullable: true },
        { name: 'timestamp', kind: 'int', default: 0 },
        { name: 'User_Security_ID', kind: 'string', length: 36, primary: true },
        { name: 'User_Name', kind: 'string', length: 50, default: '' },
        { name: 'Full_Name', kind: 'string', length: 80, default: '' },
        { name: 'Web_Service_Access_Key', kind: 'string', length: 80, default: '' },
        { name: 'Language', kind: 'string', length: 10, default: '' },
      ],
      indices: [
        { name: 'IDX_5553e71a3d08fc8644f5f80d3f', columns: ['$systemId'] },
      ],
    },
  },
];
