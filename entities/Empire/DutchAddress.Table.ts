import { Code, Field, Integer, Table, Text } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';

/**
 * Empire's postcode table: one row per address (BAG nummeraanduiding):
 * postcode + huisnummer + huisletter + huisnummertoevoeging → street, city,
 * municipality, province. Typing `1234AB12A` in a contact's Straat looks here.
 */
@Table(7000002, 'Dutch Address', { nl: 'Postcodetabel', empire: true })
export class DutchAddress extends TableRecord {
  /** 4 digits + 2 letters, no space (`3011AB`). */
  @Field(1, 'Post Code', Code(6), { primaryKey: true, nl: 'Postcode' })
  postCode!: string;

  @Field(2, 'House No.', Integer, { primaryKey: true, nl: 'Huisnummer' })
  houseNo!: number;

  @Field(3, 'House Letter', Code(1), { primaryKey: true, nl: 'Huisletter' })
  houseLetter!: string;

  @Field(4, 'House No. Addition', Code(4), { primaryKey: true, nl: 'Toevoeging' })
  houseNoAddition!: string;

  @Field(5, 'Street', Text(100), { nl: 'Straat' })
  street!: string;

  @Field(6, 'City', Text(30), { nl: 'Plaats' })
  city!: string;

  @Field(7, 'Municipality', Text(50), { nl: 'Gemeente' })
  municipality!: string;

  @Field(8, 'Province', Text(30), { nl: 'Provincie' })
  province!: string;
}
