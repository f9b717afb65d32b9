import { SchemaMigration } from '../../db/migration';
import type { SchemaOp } from '../../db/schema';

/**
 * ApiWebhookSubscription (system schema). Written by `npm run migration:generate -- ApiWebhookSubscription` from
 * the difference between the earlier migrations and the entities; a released
 * migration is never edited, a new one follows it.
 */
export class SystemApiWebhookSubscription1796199954424 extends SchemaMigration {
  readonly name = 'SystemApiWebhookSubscription1796199954424';
  readonly ops: SchemaOp[] = OPS;
}

const OPS: SchemaOp[] = [
  {
    op: 'createTable',
    table: {
      name: 'API_Webhook_Subscription',
      columns: [
        { name: '$systemId', kind: 'string', length: 36, default: '' },
        { name: '$systemCreatedAt', kind: 'datetime', nullable: true },
        { name: '$systemModifiedAt', kind: 'datetime', nullable: true },
        { name: 'timestamp', kind: 'int', default: 0 },
        { name: 'Subscription_Id', kind: 'string', length: 150, primary: true },
        { name: 'Entity_Publisher', kind: 'string', length: 40, default: '' },
        { name: 'Entity_Group', kind: 'string', length: 40, default: '' },
        { name: 'Entity_Version', kind: 'string', length: 10, default: '' },
        { name: 'Entity_Set_Name', kind: 'string', length: 250, default: '' },
        { name: 'Company_Name', kind: 'string', length: 30, default: '' },
        { name: 'Notification_Url', kind: 'string', length: 2048, default: '' },
        { name: 'User_Id', kind: 'string', length: 36, default: '' },
        { name: 'Last_Modified_Date_Time', kind: 'datetime', nullable: true },
        { name: 'Client_State', kind: 'string', length: 2048, default: '' },
        { name: 'Expiration_Date_Time', kind: 'datetime', nullable: true },
        { name: 'Resource_Url', kind: 'string', length: 2048, default: '' },
        { name: 'Notification_Url_Prefix', kind: 'string', length: 250, default: '' },
        { name: 'Source_Table_Id', kind: 'int', default: 0 },
        { name: 'Subscription_Type', kind: 'int', default: 0 },
      ],
      indices: [
        { name: 'IDX_bdf3e99f0085e0670c2bb0af63', columns: ['$systemId'] },
      ],
    },
  },
];
