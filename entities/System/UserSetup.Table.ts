import { Code, Field, Table } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';
import { SalespersonPurchaser } from '../CRM/Team/SalespersonPurchaser.Table';

/** Table 91 "User Setup" (per company): who "myself" is as a salesperson. */
@Table(91, 'User Setup', { nl: 'Gebruikersinstellingen', setup: true })
export class UserSetup extends TableRecord {
  @Field(1, 'User ID', Code(50), { primaryKey: true, notBlank: true, nl: 'Gebruikers-id' })
  userId!: string;

  @Field(10, 'Salespers./Purch. Code', Code(20), { relation: () => SalespersonPurchaser, nl: 'Verkoper/inkoper' })
  salespersPurchCode!: string;
}
