import { randomUUID } from 'node:crypto';

/**
 * The system fields of a new row written past TableRecord.insert (the system
 * database's companies and users, a seed's clock, the data-version row): the
 * same SystemId, timestamps and first row version an insert gives a record.
 */
export interface SystemFields {
  systemId: string;
  systemCreatedAt: Date;
  systemModifiedAt: Date;
  rowVersion: number;
}

export function newSystemFields(at: Date = new Date()): SystemFields {
  return { systemId: randomUUID(), systemCreatedAt: at, systemModifiedAt: at, rowVersion: 1 };
}
