import { Code, Field, Option, Table, Text } from '../../../src/runtime/Metadata';
import { TableRecord } from '../../../src/runtime/Record';
import { Salutation } from './Salutation.Table';

export enum SalutationType {
  Formal = 0,
  Informal = 1,
}

/** Enum 5069 "Salutation Formula Name": which contact field fills %1..%5. */
export enum SalutationNamePart {
  Blank = 0,
  JobTitle = 1,
  FirstName = 2,
  MiddleName = 3,
  Surname = 4,
  Initials = 5,
  CompanyName = 6,
}

const NamePart = Option(' ,Job Title,First Name,Middle Name,Surname,Initials,Company Name');

/** Table 5069 "Salutation Formula". */
@Table(5069, 'Salutation Formula', { nl: 'Aanhefformule', setup: true })
export class SalutationFormula extends TableRecord {
  @Field(1, 'Salutation Code', Code(10), { primaryKey: true, relation: () => Salutation, nl: 'Aanhefcode' })
  salutationCode!: string;

  @Field(2, 'Language Code', Code(10), { primaryKey: true, nl: 'Taalcode' })
  languageCode!: string;

  @Field(3, 'Salutation Type', Option('Formal,Informal', 'Formeel,Informeel'), { primaryKey: true, nl: 'Soort aanhef' })
  salutationType!: number;

  @Field(4, 'Salutation', Text(50), { nl: 'Aanhef' })
  salutation!: string;

  @Field(5, 'Name 1', NamePart)
  name1!: number;

  @Field(6, 'Name 2', NamePart)
  name2!: number;

  @Field(7, 'Name 3', NamePart)
  name3!: number;

  @Field(8, 'Name 4', NamePart)
  name4!: number;

  @Field(9, 'Name 5', NamePart)
  name5!: number;
}
