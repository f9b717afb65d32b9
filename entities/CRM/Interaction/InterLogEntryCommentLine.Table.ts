import { Code, DateField, Field, Integer, Table, Text } from '../../../src/runtime/Metadata';
import { TableRecord } from '../../../src/runtime/Record';
import type { Session } from '../../../src/runtime/Session';
import { InteractionLogEntry } from './InteractionLogEntry.Table';

/** Table 5123 "Inter. Log Entry Comment Line": the Notitie of a contact moment, 80 characters a line. */
@Table(5123, 'Inter. Log Entry Comment Line', { nl: 'Opmerkingregel interactielogpost' })
export class InterLogEntryCommentLine extends TableRecord {
  @Field(1, 'Entry No.', Integer, { primaryKey: true, relation: () => InteractionLogEntry, nl: 'Volgnr.' })
  entryNo!: number;

  @Field(4, 'Line No.', Integer, { primaryKey: true, nl: 'Regelnr.' })
  lineNo!: number;

  @Field(5, 'Date', DateField, { nl: 'Datum' })
  date!: string | null;

  @Field(6, 'Code', Code(10), { nl: 'Code' })
  code!: string;

  @Field(7, 'Comment', Text(80), { nl: 'Opmerking' })
  comment!: string;

  @Field(8, 'Last Date Modified', DateField, { editable: false })
  lastDateModified!: string | null;

  protected async onModify(): Promise<void> {
    this.lastDateModified = this.session.today();
  }

  /**
   * The comment lines of entries, in line order, per entry: one read for a
   * whole list of entries (pages show them as the entry's Notitie).
   */
  static async linesOf(session: Session, entryNos: readonly number[]): Promise<Map<number, string[]>> {
    const lines = new Map<number, string[]>(entryNos.map((n) => [n, []]));
    for (const l of await session.findAmong(InterLogEntryCommentLine, 'entryNo', entryNos)) lines.get(l.entryNo)!.push(l.comment);
    return lines;
  }
}
