import { BooleanField, Code, DateFormulaField, Field, Option, Table } from '../../../src/runtime/Metadata';
import { TableRecord } from '../../../src/runtime/Record';
import { NoSeries } from '../../Foundation/NoSeries.Table';
import { Salutation } from './Salutation.Table';
import { SalespersonPurchaser } from '../Team/SalespersonPurchaser.Table';

/** Table 5079 "Marketing Setup" (singleton, Primary Key ''). */
@Table(5079, 'Marketing Setup', { nl: 'Marketinginstellingen', setup: true })
export class MarketingSetup extends TableRecord {
  @Field(1, 'Primary Key', Code(10), { primaryKey: true })
  primaryKey!: string;

  @Field(2, 'Contact Nos.', Code(20), { relation: () => NoSeries, nl: 'Contactnummers' })
  contactNos!: string;

  @Field(5, 'To-do Nos.', Code(20), { caption: 'Task Nos.', relation: () => NoSeries, nl: 'Taaknummers' })
  toDoNos!: string;

  @Field(7, 'Bus. Rel. Code for Customers', Code(10), { nl: 'Zakenrelatiecode voor klanten' })
  busRelCodeForCustomers!: string;

  @Field(22, 'Inherit Salesperson Code', BooleanField, { initValue: true })
  inheritSalespersonCode!: boolean;

  @Field(23, 'Inherit Territory Code', BooleanField, { initValue: true })
  inheritTerritoryCode!: boolean;

  @Field(24, 'Inherit Country/Region Code', BooleanField, { initValue: true })
  inheritCountryRegionCode!: boolean;

  @Field(25, 'Inherit Language Code', BooleanField, { initValue: true })
  inheritLanguageCode!: boolean;

  @Field(26, 'Inherit Address Details', BooleanField, { initValue: true })
  inheritAddressDetails!: boolean;

  @Field(27, 'Inherit Communication Details', BooleanField, { initValue: true })
  inheritCommunicationDetails!: boolean;

  @Field(28, 'Default Salesperson Code', Code(20), { relation: () => SalespersonPurchaser })
  defaultSalespersonCode!: string;

  @Field(30, 'Default Country/Region Code', Code(10))
  defaultCountryRegionCode!: string;

  @Field(31, 'Default Language Code', Code(10))
  defaultLanguageCode!: string;

  @Field(51, 'Def. Company Salutation Code', Code(10), { relation: () => Salutation })
  defCompanySalutationCode!: string;

  @Field(52, 'Default Person Salutation Code', Code(10), { relation: () => Salutation })
  defaultPersonSalutationCode!: string;

  @Field(53, 'Default Correspondence Type', Option(' ,Hard Copy,Email,Fax'))
  defaultCorrespondenceType!: number;

  @Field(67, 'Default To-do Date Calculation', DateFormulaField, { caption: 'Default Task Date Calculation' })
  defaultToDoDateCalculation!: string;
}
