import { Code, Field, Guid, Option, Table, Text } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';

/**
 * Table 2000000053 "Access Control" (system database, all companies): which
 * permission set a user has in which company. A blank Company Name is every
 * company, as in BC. The FlowFields User Name, Role Name and App Name are
 * left out: the admin API joins them itself (src/host/Permissions.ts).
 */
@Table(2000000053, 'Access Control', { system: true, nl: 'Toegangsbeheer' })
export class AccessControl extends TableRecord {
  @Field(1, 'User Security ID', Guid, { primaryKey: true })
  userSecurityId!: string;

  @Field(2, 'Role ID', Code(20), { primaryKey: true, nl: 'Rol-id' })
  roleId!: string;

  @Field(3, 'Company Name', Text(30), { primaryKey: true, nl: 'Bedrijfsnaam' })
  companyName!: string;

  @Field(8, 'Scope', Option('System,Tenant'), { primaryKey: true, nl: 'Bereik' })
  scope!: number;

  @Field(9, 'App ID', Guid, { primaryKey: true, nl: 'App-id' })
  appId!: string;
}
