import { SchemaMigration } from '../../db/migration';
import type { SchemaOp } from '../../db/schema';

/**
 * AccessControl (system schema). Written by `npm run migration:generate -- AccessControl` from
 * the difference between the earlier migrations and the entities; a released
 * migration is never edited, a new one follows it.
 */
export class SystemAccessControl1796198664022 extends SchemaMigration {
  readonly name = 'SystemAccessControl1796198664022';
  readonly ops: SchemaOp[] = OPS;
}

const OPS: SchemaOp[] = [
  {
    op: 'createTable',
    table: {
      name: 'Access_Control',
      columns: [
        { name: '$systemId', kind: 'string', length: 36, default: '' },
        { name: '$systemCreatedAt', kind: 'datetime', nullable: true },
        { name: '$systemModifiedAt', kind: 'datetime', nullable: true },
        { name: 'timestamp', kind: 'int', default: 0 },
        { name: 'User_Security_ID', kind: 'string', length: 36, primary: true },
        { name: 'Role_ID', kind: 'string', length: 20, primary: true },
        { name: 'Company_Name', kind: 'string', length: 30, primary: true },
        { name: 'Scope', kind: 'int', primary: true },
        { name: 'App_ID', kind: 'string', length: 36, primary: true },
      ],
      indices: [
        { name: 'IDX_8b91ce01503333593138471b2d', columns: ['$systemId'] },
      ],
    },
  },
  {
    op: 'createTable',
    table: {
      name: 'Aggregate_Permission_Set',
      columns: [
        { name: '$systemId', kind: 'string', length: 36, default: '' },
        { name: '$systemCreatedAt', kind: 'datetime', nullable: true },
        { name: '$systemModifiedAt', kind: 'datetime', nullable: true },
        { name: 'timestamp', kind: 'int', default: 0 },
        { name: 'Scope', kind: 'int', primary: true },
        { name: 'App_ID', kind: 'string', length: 36, primary: true },
        { name: 'Role_ID', kind: 'string', length: 20, primary: true },
        { name: 'Name', kind: 'string', length: 30, default: '' },
        { name: 'App_Name', kind: 'string', length: 250, default: '' },
      ],
      indices: [
        { name: 'IDX_d12f324f432492bd58d835673a', columns: ['$systemId'] },
      ],
    },
  },
];
