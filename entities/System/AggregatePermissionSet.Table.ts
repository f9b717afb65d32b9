import { Code, Field, Guid, Option, Table, Text } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';

/**
 * Table 2000000167 "Aggregate Permission Set" (system database): the
 * permission sets a user can be given, whatever app defines them. The
 * simulator has only the sets it gives a meaning (src/host/Permissions.ts).
 */
@Table(2000000167, 'Aggregate Permission Set', { system: true, nl: 'Samengestelde machtigingenset' })
export class AggregatePermissionSet extends TableRecord {
  @Field(1, 'Scope', Option('System,Tenant'), { primaryKey: true, nl: 'Bereik' })
  scope!: number;

  @Field(2, 'App ID', Guid, { primaryKey: true, nl: 'App-id' })
  appId!: string;

  @Field(3, 'Role ID', Code(20), { primaryKey: true, nl: 'Rol-id' })
  roleId!: string;

  @Field(4, 'Name', Text(30), { nl: 'Naam' })
  name!: string;

  @Field(5, 'App Name', Text(250), { nl: 'App-naam' })
  appName!: string;
}
