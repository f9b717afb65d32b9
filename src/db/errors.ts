import { QueryFailedError } from 'typeorm';
import { BcError, RecordExistsError } from '../runtime/BcError';
import { allTables, TableMeta } from '../runtime/Metadata';
import { PlatformText } from '../runtime/PlatformErrors';

/**
 * A transaction that lost a lock conflict in the database: chosen as deadlock
 * victim, or waited longer than the lock timeout. The texts are BC's; the
 * code is the simulator's own (BC's API code for it is not documented), and
 * the client should repeat the request, as BC tells its users to.
 */
export class DatabaseConflictError extends BcError {
  readonly code = 'Simulator_DatabaseConflict';
}

/**
 * A company delete that found operations in the company outlasting the
 * bound (the lock timeout). The simulator's own text: BC deletes no company
 * while it serves requests.
 */
export function companyInUseError(boundMs: number): DatabaseConflictError {
  return new DatabaseConflictError(`The company could not be deleted: operations in it did not finish within ${boundMs / 1000} seconds. Try again.`);
}

/**
 * A company's storage is gone under a transaction that was about to use it:
 * another instance deleted the company. Not a BcError: the host knows the
 * company and answers BC's "company not found" for it.
 */
export class CompanyStorageGoneError extends Error {
  constructor(readonly schema: string) {
    super(`The storage of the company (schema ${schema}) no longer exists.`);
  }
}

const DEADLOCK = 'Your activity was deadlocked with another user modifying the %1 table.\nStart the activity again.';
const LOCK_TIMEOUT = 'The operation could not complete because a record in the %1 table was locked by another user. Please retry the activity.';

interface DriverError {
  code?: string | number;
  number?: number;
  table?: string;
  detail?: string;
  message?: string;
}

/**
 * Database errors that a concurrent writer can cause, as BC reports them;
 * anything else is returned unchanged (it is a bug, not a user error).
 * A duplicate primary key from a record insert never gets here (the record store reports it to
 * TableRecord.insert); one from a restore or a write past the store does.
 */
export function translateDatabaseError(err: unknown): unknown {
  if (!(err instanceof QueryFailedError)) return err;
  const d = ((err as { driverError?: DriverError }).driverError ?? {}) as DriverError;
  const code = String(d.code ?? '');
  const mssqlNumber = d.number ?? (d as { originalError?: { info?: { number?: number } } }).originalError?.info?.number;
  // PostgreSQL names no table in a lock timeout or deadlock ("canceling statement due to lock timeout"): the statement does.
  const meta = tableMeta(d.table ?? tableFromMessage(d.message ?? err.message) ?? tableFromStatement(err.query));
  const table = meta?.caption ?? d.table ?? '';
  if (code === '23505' || mssqlNumber === 2627 || mssqlNumber === 2601 || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new RecordExistsError(PlatformText.recordExists(table, keyFromDetail(d.detail, meta)));
  }
  if (code === '40P01' || code === '40001' || mssqlNumber === 1205) {
    return new DatabaseConflictError(DEADLOCK.replace('%1', table));
  }
  if (code === '55P03' || mssqlNumber === 1222 || code === 'SQLITE_BUSY') {
    return new DatabaseConflictError(LOCK_TIMEOUT.replace('%1', table));
  }
  return err;
}

/** The primary key's constraint refused a row: how the record store knows a key is taken (it tries the insert). */
export function isDuplicateKey(e: unknown): boolean {
  const d = (e as { driverError?: { code?: string; number?: number } }).driverError;
  return d?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || d?.number === 2627 || d?.code === '23505';
}

/** PostgreSQL's division_by_zero: how a checked update (TablePlan.checkedUpdateSql) says its version check found no row. */
export function isNoRowUpdated(e: unknown): boolean {
  return (e as { driverError?: { code?: string } }).driverError?.code === '22012';
}

function tableMeta(sqlName: string | undefined): TableMeta | undefined {
  if (!sqlName) return undefined;
  const bare = sqlName.replace(/^.*\./, '').replace(/["[\]]/g, '');
  return allTables().find((t) => t.sqlName === bare);
}

function tableFromMessage(message: string): string | undefined {
  return /(?:relation|table|object) "?'?([\w$.]+)"?'?/i.exec(message)?.[1];
}

/** The table a statement reads or writes first: `UPDATE "No__Series_Line" …`, `SELECT … FROM "s"."To-do" … FOR UPDATE`. */
function tableFromStatement(sql: string | undefined): string | undefined {
  return /\b(?:FROM|UPDATE|INTO)\s+((?:"[^"]+"\.)?"[^"]+"|[\w$.]+)/i.exec(sql ?? '')?.[1];
}

/** PostgreSQL's `Key ("Entry_No_")=(7) already exists.` → `Entry No.='7'`, as BC names the key. */
function keyFromDetail(detail: string | undefined, meta: TableMeta | undefined): string {
  const m = /^Key \((.*)\)=\((.*)\) already exists/.exec(detail ?? '');
  if (!m) return '';
  const names = m[1].split(', ').map((n) => n.replace(/"/g, ''));
  const values = m[2].split(', ');
  return names.map((n, i) => `${meta?.fields.find((f) => f.sqlName === n)?.caption ?? n}='${values[i] ?? ''}'`).join(',');
}
