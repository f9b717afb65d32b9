import { DateTimeField, Field, Guid, Integer, Option, Table, Text } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';

/**
 * Table 2000000095 "API Webhook Subscription" (system database, DataPerCompany = false):
 * the API's `subscriptions` entity set. BC keeps the notification and resource URLs in
 * BLOBs (fields 7 and 12); the simulator has no BLOB type and stores them as text of
 * 2,048 characters, under the same field numbers.
 */
@Table(2000000095, 'API Webhook Subscription', { system: true })
export class ApiWebhookSubscription extends TableRecord {
  @Field(1, 'Subscription Id', Text(150), { primaryKey: true })
  subscriptionId!: string;

  @Field(2, 'Entity Publisher', Text(40))
  entityPublisher!: string;

  @Field(3, 'Entity Group', Text(40))
  entityGroup!: string;

  @Field(4, 'Entity Version', Text(10))
  entityVersion!: string;

  @Field(5, 'Entity Set Name', Text(250))
  entitySetName!: string;

  @Field(6, 'Company Name', Text(30))
  companyName!: string;

  @Field(7, 'Notification Url', Text(2048))
  notificationUrl!: string;

  @Field(8, 'User Id', Guid)
  userId!: string;

  @Field(9, 'Last Modified Date Time', DateTimeField)
  lastModifiedDateTime!: Date;

  @Field(10, 'Client State', Text(2048))
  clientState!: string;

  @Field(11, 'Expiration Date Time', DateTimeField)
  expirationDateTime!: Date;

  @Field(12, 'Resource Url', Text(2048))
  resourceUrl!: string;

  @Field(13, 'Notification Url Prefix', Text(250))
  notificationUrlPrefix!: string;

  @Field(14, 'Source Table Id', Integer)
  sourceTableId!: number;

  @Field(15, 'Subscription Type', Option('Regular,Dataverse'))
  subscriptionType!: number;
}
