import { Code, Field, Table, Text } from '../../../src/runtime/Metadata';
import { TableRecord } from '../../../src/runtime/Record';
import { SalutationFormula } from './SalutationFormula.Table';

/** Table 5068 "Salutation": Empire's Aanhefcode (DHR, MEVR, BLANCO, ...). */
@Table(5068, 'Salutation', { nl: 'Aanhef', setup: true })
export class Salutation extends TableRecord {
  @Field(1, 'Code', Code(10), { primaryKey: true, notBlank: true, nl: 'Code' })
  code!: string;

  @Field(2, 'Description', Text(100), { nl: 'Omschrijving' })
  description!: string;

  protected async onDelete(): Promise<void> {
    await this.session.deleteAll(SalutationFormula, { salutationCode: this.code });
  }
}
