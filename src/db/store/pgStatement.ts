/**
 * One record-store statement on a node-postgres connection, as lean as the
 * protocol allows: node-postgres' own Query copies its options object,
 * builds a result object per statement and asks the server to describe the
 * result columns at every execution. The record store's statements are few
 * fixed texts executed over and over, so this one
 *  - describes a named statement's columns only at its first execution on a
 *    connection and keeps their parsers for the connection's life —
 *    PostgreSQL guarantees the shape: a prepared statement whose result
 *    columns would change when re-planned (another company's search_path)
 *    fails with "cached plan must not change result type" instead;
 *  - returns rows as arrays, with node-postgres' type parsers (the client's,
 *    so the same values as before) and its parameter conversion.
 * It is a node-postgres Query (a subclass) because the client runs only its
 * own Query class on a pipelined connection.
 */

type Parser = (raw: string) => unknown;
interface Field {
  dataTypeID: number;
  format?: string;
}
interface TypeSource {
  getTypeParser(oid: number, format: string): Parser;
}
/** The node-postgres connection (lib/connection.js) a query is submitted on. */
interface PgConnection {
  stream: { writable: boolean; write(data: Buffer): boolean };
  parsedStatements: Record<string, string | undefined>;
  submittedNamedStatements: Record<string, string | undefined>;
  query(text: string): void;
  sendCopyFail(msg: string): void;
}
interface QueryBase {
  text: string;
  name: string | undefined;
  values: unknown[] | undefined;
  callback: ((err: unknown) => void) | undefined;
  _result: { _types?: TypeSource };
}

interface Serializer {
  parse(query: { text: string; name: string }): Buffer;
  bind(config: { statement: string; values: unknown[]; valueMapper: (v: unknown) => unknown }): Buffer;
  describe(msg: { type: 'P'; name: string }): Buffer;
  execute(config?: { portal: string }): Buffer;
  sync(): Buffer;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const pg = require('pg') as { Query: new (text: string) => QueryBase; types: TypeSource };
const { prepareValue } = require('pg/lib/utils') as { prepareValue(v: unknown): unknown };
// The protocol module node-postgres itself uses (a dependency of pg, not of the project).
const { serialize } = require(require.resolve('pg-protocol', { paths: [require.resolve('pg')] })) as { serialize: Serializer };
/* eslint-enable @typescript-eslint/no-require-imports */

/** What follows every Bind (the unnamed portal): with the columns' description while they are not known. */
const EXECUTE_SYNC = Buffer.concat([serialize.execute(), serialize.sync()]);
const DESCRIBE_EXECUTE_SYNC = Buffer.concat([serialize.describe({ type: 'P', name: '' }), EXECUTE_SYNC]);

/** Per connection: the column parsers of each named statement executed on it (null: it returns no rows). */
const shapes = new WeakMap<PgConnection, Map<string, Parser[] | null>>();

function shapesOf(connection: PgConnection): Map<string, Parser[] | null> {
  let m = shapes.get(connection);
  if (!m) {
    m = new Map();
    shapes.set(connection, m);
  }
  return m;
}

/** node-postgres' reading of a CommandComplete tag (lib/result.js). */
const COMMAND_TAG = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/;

export class PgStatement extends pg.Query {
  /** The result rows (not `rows`: node-postgres reads that as a row limit per fetch). */
  resultRows: unknown[][] = [];
  rowCount: number | null = null;
  command: string | null = null;
  /** Settles when the server has answered the statement (ReadyForQuery) or it failed. */
  readonly done: Promise<PgStatement>;
  private connection: PgConnection | null = null;
  /** The result columns' parsers; undefined: not known (yet) on this connection. */
  private parsers: Parser[] | null | undefined = undefined;
  private described = false;
  /** A row that failed to parse: reported once the server is done with the statement (as node-postgres does). */
  private rowError: unknown = undefined;

  constructor(text: string, name: string | undefined, values: unknown[]) {
    // A text, not an options object: node-postgres copies an options object property by property.
    super(text);
    this.name = name;
    this.values = values;
    this.done = new Promise((resolve, reject) => {
      this.callback = (err) => (err ? reject(err) : resolve(this));
    });
  }

  submit(connection: PgConnection): Error | null {
    this.connection = connection;
    const name = this.name;
    if (!name && this.values!.length === 0) {
      // As node-postgres: no name and no parameters go as a simple query.
      connection.query(this.text);
      return null;
    }
    let parse = true;
    if (name) {
      const previous = connection.parsedStatements[name] ?? connection.submittedNamedStatements[name];
      if (previous !== undefined && previous !== this.text)
        return new Error(`Prepared statements must be unique - '${name}' was used for a different statement`);
      parse = previous === undefined;
      this.parsers = parse ? undefined : shapes.get(connection)?.get(name);
    }
    let bind: Buffer;
    try {
      bind = serialize.bind({ statement: name ?? '', values: this.values!, valueMapper: prepareValue });
    } catch (err) {
      // Nothing was sent: the client reports the error and goes on with the next statement.
      return err as Error;
    }
    this.described = this.parsers === undefined;
    const tail = this.described ? DESCRIBE_EXECUTE_SYNC : EXECUTE_SYNC;
    // One buffer, one write: Parse (first use), Bind, Describe (columns not known yet), Execute, Sync.
    const message = parse ? Buffer.concat([serialize.parse({ text: this.text, name: name ?? '' }), bind, tail]) : Buffer.concat([bind, tail]);
    if (parse && name) connection.submittedNamedStatements[name] = this.text;
    if (connection.stream.writable) connection.stream.write(message);
    return null;
  }

  handleRowDescription(msg: { fields: Field[] }): void {
    const types = this._result._types ?? pg.types;
    this.parsers = msg.fields.map((f) => types.getTypeParser(f.dataTypeID, f.format || 'text'));
    if (this.name && this.connection) shapesOf(this.connection).set(this.name, this.parsers);
  }

  handleDataRow(msg: { fields: Array<string | null> }): void {
    if (this.rowError !== undefined) return;
    const parsers = this.parsers;
    const fields = msg.fields;
    if (!parsers) {
      this.rowError = new Error(`record store: a row came without its columns' description (${this.name ?? 'unnamed'})`);
      return;
    }
    const row = new Array<unknown>(fields.length);
    try {
      for (let i = 0; i < fields.length; i++) {
        const raw = fields[i];
        row[i] = raw === null ? null : parsers[i](raw);
      }
    } catch (err) {
      this.rowError = err;
      return;
    }
    this.resultRows.push(row);
  }

  handleCommandComplete(msg: { text: string }): void {
    const match = COMMAND_TAG.exec(msg.text);
    if (match) {
      this.command = match[1];
      if (match[3]) this.rowCount = parseInt(match[3], 10);
      else if (match[2]) this.rowCount = parseInt(match[2], 10);
    }
    // Described, and no columns came: the statement returns no rows (an INSERT, an UPDATE).
    if (this.described && this.parsers === undefined && this.name && this.connection) shapesOf(this.connection).set(this.name, null);
  }

  handleEmptyQuery(): void {}

  handleError(err: unknown): void {
    const rowError = this.rowError;
    this.rowError = undefined;
    this.callback!(rowError ?? err);
  }

  handleReadyForQuery(): void {
    if (this.rowError !== undefined) this.handleError(this.rowError);
    else this.callback!(null);
  }

  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFail('No source stream defined');
  }

  handleCopyData(): void {}
}
