import type { Logger, QueryRunner } from 'typeorm';

/**
 * Every SQL statement the simulator sends, counted in one place: the record
 * store's compiled statements and whatever still goes through TypeORM
 * (transaction control, migrations, the admin paths). Benchmarks read it to
 * print statements per operation; nothing in the simulator depends on it.
 */
export const sqlStatements = {
  count: 0,
  /**
   * Statements whose answer the simulator waited for: on PostgreSQL the
   * round trips (statements sent without waiting travel with the next one,
   * src/db/store/executor.ts); elsewhere the same as `count`.
   */
  roundTrips: 0,
  /** Statements the record store prepared (SQLite) or named (PostgreSQL): flat once an operation has run once. */
  prepared: 0,
  /** When set, each statement's SQL text is pushed here (benchmarks and tests that list what an operation ran). */
  trace: null as string[] | null,
};

export function countStatement(sql: string, waited = true): void {
  sqlStatements.count++;
  if (waited) sqlStatements.roundTrips++;
  if (sqlStatements.trace) sqlStatements.trace.push(sql);
}

/** TypeORM calls logQuery for every query it runs, whatever the logging options: the counter's hook into it. */
export class CountingLogger implements Logger {
  logQuery(query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    countStatement(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
