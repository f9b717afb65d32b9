import { In } from 'typeorm';
import { BooleanField, Code, Decimal, Field, Table, Text } from '../../../src/runtime/Metadata';
import { defineLabels } from '../../../src/runtime/Labels';
import { TableRecord } from '../../../src/runtime/Record';
import { Todo } from '../Task/Todo.Table';
import { TeamSalesperson } from './TeamSalesperson.Table';
import { TaskSystemType } from '../Task/TaskEnums';

export const SalespersonLabels = defineLabels('Salesperson/Purchaser', {
  CannotDeleteOpenTasksErr: {
    text: 'You cannot delete the salesperson/purchaser with code %1 because it has open tasks.',
    comment: '%1 = Salesperson/Purchaser Code',
  },
  /** GetPrivacyBlockedGenericText (IsSalesperson = true), raised by Contact.ValidateSalesPerson. */
  PrivacyBlockedGenericTxt: {
    text: 'Privacy Blocked must not be true for %1 %2.',
    comment: '%1 = Salesperson / Purchaser, %2 = salesperson / purchaser code.',
  },
  SalespersonTxt: 'Salesperson',
});

/** Table 13 "Salesperson/Purchaser": Empire's employees (medewerkers). Pages 14 / 5116. */
@Table(13, 'Salesperson/Purchaser', { nl: 'Verkoper/inkoper', setup: true })
export class SalespersonPurchaser extends TableRecord {
  @Field(1, 'Code', Code(20), { primaryKey: true, notBlank: true, nl: 'Code' })
  code!: string;

  @Field(2, 'Name', Text(50), { nl: 'Naam' })
  name!: string;

  @Field(3, 'Commission %', Decimal, { nl: 'Provisie %' })
  commissionPercent!: number;

  @Field(150, 'Privacy Blocked', BooleanField)
  privacyBlocked!: boolean;

  @Field(5052, 'E-Mail', Text(80), { caption: 'Email', nl: 'E-mail' })
  eMail!: string;

  @Field(5053, 'Phone No.', Text(30), { nl: 'Telefoonnr.' })
  phoneNo!: string;

  @Field(5062, 'Job Title', Text(30), { nl: 'Functie' })
  jobTitle!: string;

  @Field(5085, 'Search E-Mail', Code(80), { caption: 'Search Email' })
  searchEMail!: string;

  @Field(5086, 'E-Mail 2', Text(80), { caption: 'Email 2' })
  eMail2!: string;

  @Field(5087, 'Blocked', BooleanField, { nl: 'Geblokkeerd' })
  blocked!: boolean;

  protected async onInsert(): Promise<void> {
    this.testField('code');
    this.searchEMail = this.eMail.toUpperCase();
  }

  protected async onModify(): Promise<void> {
    this.testField('code');
    this.searchEMail = this.eMail.toUpperCase();
  }

  protected async onDelete(): Promise<void> {
    const open = await this.session.exists(Todo, {
      salespersonCode: this.code,
      closed: false,
      systemToDoType: In([TaskSystemType.Organizer, TaskSystemType.SalespersonAttendee]),
    });
    if (open) this.error(SalespersonLabels.CannotDeleteOpenTasksErr, this.code);
    await this.session.deleteAll(TeamSalesperson, { salespersonCode: this.code });
  }
}
