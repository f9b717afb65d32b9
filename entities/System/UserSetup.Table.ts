import { Code, Field, Table } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';
import type { Session } from '../../src/runtime/Session';
import { SalespersonPurchaser } from '../CRM/Team/SalespersonPurchaser.Table';

/** Table 91 "User Setup" (per company): who "myself" is as a salesperson. */
@Table(91, 'User Setup', { nl: 'Gebruikersinstellingen', setup: true })
export class UserSetup extends TableRecord {
  @Field(1, 'User ID', Code(50), { primaryKey: true, notBlank: true, nl: 'Gebruikers-id' })
  userId!: string;

  @Field(10, 'Salespers./Purch. Code', Code(20), { relation: () => SalespersonPurchaser, nl: 'Verkoper/inkoper' })
  salespersPurchCode!: string;

  /**
   * "Myself" as a salesperson (Medewerker): the session user's Salespers./Purch. Code, '' when the user has no
   * User Setup or none in it (a trainer). Defaults and role-center parts take it as it is.
   */
  static async salespersonOf(session: Session): Promise<string> {
    return (await session.tryGet(UserSetup, session.userId))?.salespersPurchCode ?? '';
  }

  /** The same, where an action cannot do without one (taking a task): BC's TestField error on the user's User Setup. */
  static async requiredSalespersonOf(session: Session): Promise<string> {
    const setup = (await session.tryGet(UserSetup, session.userId)) ?? Object.assign(session.create(UserSetup), { userId: session.userId });
    setup.testField('salespersPurchCode');
    return setup.salespersPurchCode;
  }
}
