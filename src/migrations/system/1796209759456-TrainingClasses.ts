import { SchemaMigration } from '../../db/migration';
import type { SchemaOp } from '../../db/schema';

/**
 * TrainingClasses (system schema). Written by `npm run migration:generate -- TrainingClasses` from
 * the difference between the earlier migrations and the entities; a released
 * migration is never edited, a new one follows it.
 */
export class SystemTrainingClasses1796209759456 extends SchemaMigration {
  readonly name = 'SystemTrainingClasses1796209759456';
  readonly ops: SchemaOp[] = OPS;
}

const OPS: SchemaOp[] = [
  {
    op: 'createTable',
    table: {
      name: 'Training_Class',
      columns: [
        { name: '$systemId', kind: 'string', length: 36, default: '' },
        { name: '$systemCreatedAt', kind: 'datetime', nullable: true },
        { name: '$systemModifiedAt', kind: 'datetime', nullable: true },
        { name: 'timestamp', kind: 'int', default: 0 },
        { name: 'Code', kind: 'string', length: 10, primary: true },
        { name: 'Description', kind: 'string', length: 100, default: '' },
        { name: 'Seed', kind: 'string', length: 30, default: '' },
        { name: 'Caption_Set', kind: 'int', default: 0 },
        { name: 'Team_Codes', kind: 'string', length: 250, default: '' },
        { name: 'Created_At', kind: 'datetime', nullable: true },
        { name: 'Created_By', kind: 'string', length: 36, default: '' },
      ],
      indices: [
        { name: 'IDX_62f5ad774fac90ab7025cfaa23', columns: ['$systemId'] },
      ],
    },
  },
  {
    op: 'createTable',
    table: {
      name: 'Training_Trainee',
      columns: [
        { name: '$systemId', kind: 'string', length: 36, default: '' },
        { name: '$systemCreatedAt', kind: 'datetime', nullable: true },
        { name: '$systemModifiedAt', kind: 'datetime', nullable: true },
        { name: 'timestamp', kind: 'int', default: 0 },
        { name: 'Class_Code', kind: 'string', length: 10, primary: true },
        { name: 'User_Name', kind: 'string', length: 50, primary: true },
        { name: 'Line_No_', kind: 'int', default: 0 },
        { name: 'Company_Name', kind: 'string', length: 30, default: '' },
        { name: 'Salesperson_Code', kind: 'string', length: 20, default: '' },
        { name: 'Baseline_Contact_No_', kind: 'string', length: 20, default: '' },
        { name: 'Started_At', kind: 'datetime', nullable: true },
      ],
      indices: [
        { name: 'IDX_f54cca9d02c75b07c2c0dddc1a', columns: ['$systemId'] },
      ],
    },
  },
];
