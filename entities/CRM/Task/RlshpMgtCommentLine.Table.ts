import { Code, DateField, Field, Integer, Option, Table, Text } from '../../../src/runtime/Metadata';
import { TableRecord } from '../../../src/runtime/Record';

export enum CommentTableName {
  Contact = 0,
  Campaign = 1,
  ToDo = 2,
}

/**
 * Table 5061 "Rlshp. Mgt. Comment Line": the Notities of a task (Table Name
 * To-do, No. = the task's Organizer To-do No.) and of a contact.
 */
@Table(5061, 'Rlshp. Mgt. Comment Line', { nl: 'Opmerkingregel relatiebeheer' })
export class RlshpMgtCommentLine extends TableRecord {
  @Field(1, 'Table Name', Option('Contact,Campaign,To-do,Web Source,Sales Cycle,Sales Cycle Stage,Opportunity'), {
    primaryKey: true,
  })
  tableName!: number;

  @Field(2, 'No.', Code(20), { primaryKey: true, nl: 'Nr.' })
  no!: string;

  @Field(3, 'Sub No.', Integer, { primaryKey: true })
  subNo!: number;

  @Field(4, 'Line No.', Integer, { primaryKey: true, nl: 'Regelnr.' })
  lineNo!: number;

  @Field(5, 'Date', DateField, { nl: 'Datum' })
  date!: string | null;

  @Field(6, 'Code', Code(10))
  code!: string;

  @Field(7, 'Comment', Text(80), { nl: 'Opmerking' })
  comment!: string;

  @Field(8, 'Last Date Modified', DateField, { editable: false })
  lastDateModified!: string | null;

  protected async onModify(): Promise<void> {
    this.lastDateModified = this.session.today();
  }
}
