import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { Dialect } from '../schema';

/** The driver's own conversion of a value for a column (TypeORM's preparePersistentValue). */
export type DriverToDb = (value: unknown, column: ColumnMetadata) => unknown;

/**
 * A column's JS → database conversion, made once per column: what TypeORM's
 * driver would produce (so rows are stored exactly as before), without its
 * per-value walk through the column type's cases. The values the records hold
 * — text, numbers, booleans, 'YYYY-MM-DD' dates, 'HH:MM:SS' times, Date
 * datetimes, null — are converted here; anything else (a Date for a date or
 * time column, a string for a datetime, an object through a transformer, an
 * array of transformers, a column type the simulator does not declare, SQL
 * Server) goes to the driver, so the result is the driver's in every case.
 */
export function columnToDb(dialect: Dialect, column: ColumnMetadata, driver: DriverToDb): (value: unknown) => unknown {
  const viaDriver = (v: unknown) => driver(v, column);
  const base = baseToDb(dialect, column.type, viaDriver);
  if (!base) return viaDriver;
  const transformer = column.transformer;
  if (!transformer) return base;
  // After a transformer, only types the driver passes through are converted here: a fallback to the driver would transform twice.
  if (Array.isArray(transformer) || !passesThrough(column.type)) return viaDriver;
  // A find operator is transformed by the driver in place; values the store writes are never one, but the driver decides.
  return (v) => (typeof v === 'object' && v !== null && !(v instanceof Date) ? viaDriver(v) : transformer.to(v));
}

/** Types none of the driver's cases touch (SQLite and PostgreSQL). */
function passesThrough(type: ColumnMetadata['type']): boolean {
  return type === String || type === Number || type === 'decimal' || type === 'bigint';
}

/** The conversion of a column without a transformer, or undefined where the driver must decide. */
function baseToDb(dialect: Dialect, type: ColumnMetadata['type'], viaDriver: (v: unknown) => unknown): ((v: unknown) => unknown) | undefined {
  if (dialect === 'mssql') return undefined;
  if (passesThrough(type)) return (v) => v;
  if (type === Boolean || (dialect === 'sqlite' && type === 'boolean')) return (v) => (v === null || v === undefined ? v : v === true ? 1 : 0);
  // A Date for a date or time column is formatted in the process's time zone: the driver's rule.
  if (type === 'date' || type === 'time') return (v) => (v instanceof Date ? viaDriver(v) : v);
  if (dialect === 'sqlite' && (type === Date || type === 'datetime')) {
    return (v) => {
      if (v === null || v === undefined) return v;
      if (v instanceof Date) {
        const ms = v.getTime();
        // Years 0–9999, as the driver writes them: 'YYYY-MM-DD HH:MM:SS.sss' in UTC.
        if (ms >= YEAR_0 && ms <= YEAR_9999_END) {
          const iso = v.toISOString();
          return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
        }
      }
      return viaDriver(v);
    };
  }
  // PostgreSQL's timestamptz takes the Date itself (the driver hands it to node-postgres unchanged).
  if (dialect === 'postgres' && type === 'timestamp with time zone') return (v) => (v === null || v === undefined || v instanceof Date ? v : viaDriver(v));
  return undefined;
}

const YEAR_0 = Date.parse('0000-01-01T00:00:00.000Z');
const YEAR_9999_END = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
