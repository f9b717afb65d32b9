import { Code, Field, Guid, Table, Text } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';

/**
 * Table 2000000120 "User" (system database, all companies). The web-service
 * access key (BC keeps it in "User Property") is the password of HTTP Basic
 * authentication, as on BC on-premises with NavUserPassword.
 */
@Table(2000000120, 'User', { system: true, nl: 'Gebruiker' })
export class User extends TableRecord {
  @Field(1, 'User Security ID', Guid, { primaryKey: true })
  userSecurityId!: string;

  @Field(2, 'User Name', Code(50), { notBlank: true, nl: 'Gebruikersnaam' })
  userName!: string;

  @Field(3, 'Full Name', Text(80), { nl: 'Volledige naam' })
  fullName!: string;

  @Field(99000001, 'Web Service Access Key', Text(80))
  webServiceAccessKey!: string;

  /** 'nl-NL' or 'en-US': the language of captions and messages for this user. */
  @Field(99000002, 'Language', Text(10))
  language!: string;
}
