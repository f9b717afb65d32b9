import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { composeContactName, composeSearchName } from '../../codeunits/foundation/DutchName';
import { incStr } from '../../codeunits/foundation/NoSeries.Codeunit';
import { setCheckpointedConnection, walCheckpointer } from '../../src/db/walCheckpointer';
import type { NameParts } from './setup';

/**
 * The floor of `npm run bench`: the writes one operation makes, done as raw
 * better-sqlite3 prepared statements in one transaction, on the same company
 * database file in the same run — what the operation would cost with no
 * record layer, no triggers and no ORM at all. The benchmark prints each
 * operation's time as a multiple of this.
 *
 * How it is kept honest:
 * - **Same database.** A second connection to the company's own SQLite file
 *   (WAL mode lets it sit next to the simulator's; the benchmark runs one at a
 *   time, so they never wait for each other), with the simulator's settings
 *   (synchronous=NORMAL, busy_timeout). Same tables, same columns, same
 *   indexes, the same volume, the same WAL and checkpoints.
 * - **Same rows.** Every row the floor inserts is a copy of a row the
 *   simulator wrote moments before in the same run (read back with
 *   `SELECT *`), so all of its columns are written, with the simulator's
 *   formats; only the keys and the values that vary per operation are
 *   replaced (numbers, SystemId, created/modified moments, contact, template
 *   fields, team members, note). Numbers come from the same number series,
 *   read and advanced in the transaction, and entry numbers from the last
 *   entry: the floor's rows are real rows of the company, and the simulator's
 *   next operation goes on after them. It writes no setup table (those the
 *   simulator may cache), only Contact, Interaction Log Entry, comment lines,
 *   To-do and No. Series Line, raising their row versions as the simulator does.
 * - **Same statements, minus the layer's own.** An interaction with a team task
 *   of 5: BEGIN; read the contact, the template and the team's members (the
 *   operation gets only a contact no., a template code and a note); the last
 *   entry no.; INSERT the entry and its comment line; read the task series'
 *   line, then for the team task and each of the 5 member copies UPDATE the
 *   No. Series Line and INSERT the To-do row (BC draws each number with its own
 *   update of the line); INSERT the task's comment line; UPDATE the entry with
 *   its task no.; COMMIT — 23 statements. A contact: BEGIN; read the series'
 *   line; UPDATE it; INSERT the Contact with its final name fields; COMMIT — 5.
 *   Reads the layer does for itself (setup, existence re-reads, relation
 *   checks, the persons of a household) are not part of the floor.
 */

type Row = Record<string, unknown>;

interface Stmt {
  run(...params: unknown[]): Database.RunResult;
  get(...params: unknown[]): Row | undefined;
  all(...params: unknown[]): Row[];
}

/** A company database opened the way the simulator opens it (src/db/dataSource.ts), as a second connection. */
export function openCompanyDatabase(file: string): Database.Database {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // As the simulator's company connection: checkpoints on the checkpoint thread, not in the floor's commits.
  setCheckpointedConnection(db);
  const mode = String(db.pragma('journal_mode', { simple: true }));
  if (mode.toLowerCase() !== 'wal') {
    db.close();
    throw new Error(`bench floor: ${file} is in journal mode '${mode}', not WAL; a second connection would not be comparable`);
  }
  return db;
}

/** `now` in the shape the simulator stored the template's moment in (e.g. '2026-12-02 02:45:42.852'). */
function momentLike(template: unknown): unknown {
  if (typeof template === 'number') return Date.now();
  if (typeof template !== 'string') return template;
  const m = /^(\d{4}-\d\d-\d\d)([ T])(\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/.exec(template);
  if (!m) return template;
  const iso = new Date().toISOString(); // 2026-12-02T02:45:42.852Z
  return `${iso.slice(0, 10)}${m[2]}${iso.slice(11, 19)}${m[4] ? iso.slice(19, 19 + m[4].length) : ''}${m[5] ? (m[5] === 'Z' ? 'Z' : '+00:00') : ''}`;
}

const SYSTEM_ID = '$systemId';
const CREATED = '$systemCreatedAt';
const MODIFIED = '$systemModifiedAt';
const VERSION = 'timestamp';

export interface FloorTemplates {
  contact: Row;
  entry: Row;
  entryComment: Row;
  teamTask: Row;
  memberTask: Row;
  taskComment: Row;
}

export class Floor {
  /** Statements the floor has run (BEGIN and COMMIT included). */
  count = 0;
  /** When set, each statement's SQL is pushed here (`--trace`). */
  trace: string[] | null = null;
  private readonly statements = new Map<string, Stmt>();
  private contactTemplate: Row | null = null;
  private interactionTemplates: Omit<FloorTemplates, 'contact'> | null = null;

  constructor(readonly db: Database.Database) {}

  close(): void {
    this.db.close();
  }

  private st(sql: string): Stmt {
    let s = this.statements.get(sql);
    if (!s) {
      const prepared = this.db.prepare(sql);
      const note = () => {
        this.count++;
        if (this.trace) this.trace.push(sql);
      };
      s = {
        run: (...p) => (note(), prepared.run(...p)),
        get: (...p) => (note(), prepared.get(...p) as Row | undefined),
        all: (...p) => (note(), prepared.all(...p) as Row[]),
      };
      this.statements.set(sql, s);
    }
    return s;
  }

  private transaction<T>(fn: () => T): T {
    this.st('BEGIN').run();
    try {
      const result = fn();
      this.st('COMMIT').run();
      // The same file and the same thread as the simulator's commits (the company file is tracked by its DataSource).
      walCheckpointer.committed(this.db.name);
      return result;
    } catch (e) {
      if (this.db.inTransaction) this.st('ROLLBACK').run();
      throw e;
    }
  }

  /** A prepared INSERT of every column of the template row; `values` replaces some of them. */
  private insert(table: string, template: Row, values: Row): void {
    const columns = Object.keys(template);
    for (const k of Object.keys(values)) if (!(k in template)) throw new Error(`bench floor: table ${table} has no column ${k}`);
    const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    this.st(sql).run(columns.map((c) => (c in values ? values[c] : template[c])));
  }

  /** Fresh system fields for a new row copied from `template`. */
  private fresh(template: Row): Row {
    const now = momentLike(template[CREATED]);
    return { [SYSTEM_ID]: randomUUID(), [CREATED]: now, [MODIFIED]: now };
  }

  private one(sql: string, ...params: unknown[]): Row {
    const row = this.db.prepare(sql).get(...params) as Row | undefined;
    if (!row) throw new Error(`bench floor: no template row for ${sql}`);
    return row;
  }

  /** The newest household the simulator created (numbered from the series, so not a bulk-loaded one). */
  captureContactTemplate(): void {
    this.contactTemplate = this.one(`SELECT * FROM "Contact" WHERE "No__Series" <> '' AND "Type" = 0 ORDER BY rowid DESC LIMIT 1`);
  }

  /** The newest interaction with a team task the simulator logged, and the rows it wrote. */
  captureInteractionTemplates(): void {
    const entry = this.one(`SELECT * FROM "Interaction_Log_Entry" WHERE "To-do_No_" <> '' ORDER BY "Entry_No_" DESC LIMIT 1`);
    const taskNo = entry['To-do_No_'];
    this.interactionTemplates = {
      entry,
      entryComment: this.one(`SELECT * FROM "Inter__Log_Entry_Comment_Line" WHERE "Entry_No_" = ? ORDER BY "Line_No_" LIMIT 1`, entry['Entry_No_']),
      teamTask: this.one(`SELECT * FROM "To-do" WHERE "No_" = ? AND "System_To-do_Type" = 3`, taskNo),
      memberTask: this.one(`SELECT * FROM "To-do" WHERE "Organizer_To-do_No_" = ? AND "System_To-do_Type" = 0 LIMIT 1`, taskNo),
      taskComment: this.one(`SELECT * FROM "Rlshp__Mgt__Comment_Line" WHERE "Table_Name" = 2 AND "No_" = ? ORDER BY "Line_No_" LIMIT 1`, taskNo),
    };
    if (!this.interactionTemplates.memberTask['No__Series'] && !this.interactionTemplates.teamTask['No__Series']) {
      throw new Error('bench floor: the template task has no number series');
    }
  }

  /** Draws `n` numbers from a series as BC does: each one an UPDATE of the series line. */
  private drawNumbers(seriesCode: string, n: number, today: unknown, modifiedLike: unknown): string[] {
    const line = this.st(
      `SELECT "Line_No_", "Last_No__Used", "Starting_No_" FROM "No__Series_Line" WHERE "Series_Code" = ? AND "Open" = 1 ORDER BY "Starting_Date" DESC, "Line_No_" LIMIT 1`,
    ).get(seriesCode);
    if (!line) throw new Error(`bench floor: number series ${seriesCode} has no open line`);
    let last = String(line['Last_No__Used'] ?? '');
    const out: string[] = [];
    for (let k = 0; k < n; k++) {
      last = last ? incStr(last) : String(line['Starting_No_']);
      this.st(
        `UPDATE "No__Series_Line" SET "Last_No__Used" = ?, "Last_Date_Used" = ?, "${MODIFIED}" = ?, "${VERSION}" = "${VERSION}" + 1 WHERE "Series_Code" = ? AND "Line_No_" = ?`,
      ).run(last, today, momentLike(modifiedLike), seriesCode, line['Line_No_']);
      out.push(last);
    }
    return out;
  }

  /** A household as a user creates one: its No. from the series and the name fields, in one transaction. */
  contact(name: NameParts, salesperson: string): string {
    const t = this.contactTemplate;
    if (!t) throw new Error('bench floor: captureContactTemplate() first');
    return this.transaction(() => {
      const today = t['Last_Date_Modified'];
      const [no] = this.drawNumbers(String(t['No__Series']), 1, today, t[MODIFIED]);
      const fullName = composeContactName(name.initials, name.middleName, name.surname);
      this.insert('Contact', t, {
        ...this.fresh(t),
        No_: no,
        Name: fullName,
        Search_Name: composeSearchName(name.initials, name.middleName, name.surname, fullName).toUpperCase(),
        Company_No_: no,
        Company_Name: fullName,
        Initials: name.initials,
        Middle_Name: name.middleName,
        Surname: name.surname,
        Salesperson_Code: salesperson,
        Last_Date_Modified: today,
      });
      return no;
    });
  }

  /** Interactie via sjabloon with a team task: the entry, its note, the team task + a copy per member, the task's note. */
  interaction(contactNo: string, templateCode: string, note: string, user: string): { entryNo: number; taskNo: string } {
    const t = this.interactionTemplates;
    if (!t) throw new Error('bench floor: captureInteractionTemplates() first');
    return this.transaction(() => {
      const contact = this.st(`SELECT "No_", "Company_No_", "Type" FROM "Contact" WHERE "No_" = ?`).get(contactNo);
      if (!contact) throw new Error(`bench floor: no contact ${contactNo}`);
      const template = this.st(`SELECT * FROM "Interaction_Template" WHERE "Code" = ?`).get(templateCode);
      if (!template) throw new Error(`bench floor: no interaction template ${templateCode}`);
      const members = this.st(`SELECT "Salesperson_Code" FROM "Team_Salesperson" WHERE "Team_Code" = ? ORDER BY "Salesperson_Code"`)
        .all(template['Team_Code'])
        .map((r) => String(r['Salesperson_Code']));
      const last = this.st(`SELECT "Entry_No_" FROM "Interaction_Log_Entry" ORDER BY "Entry_No_" DESC LIMIT 1`).get();
      const entryNo = Number(last?.['Entry_No_'] ?? 0) + 1;
      const today = t.entry['Date'];
      const companyNo = contact['Company_No_'] || contact['No_'];
      const text = note.slice(0, 80);

      this.insert('Interaction_Log_Entry', t.entry, {
        ...this.fresh(t.entry),
        [VERSION]: 1,
        Entry_No_: entryNo,
        Contact_No_: contactNo,
        Contact_Company_No_: companyNo,
        Date: today,
        Description: template['Description'],
        Subject: template['Description'],
        Information_Flow: template['Information_Flow'],
        Initiated_By: template['Initiated_By'],
        'Cost_(LCY)': template['Unit_Cost_(LCY)'],
        'Duration_(Min_)': template['Unit_Duration_(Min_)'],
        Interaction_Group_Code: template['Interaction_Group_Code'],
        Interaction_Template_Code: template['Code'],
        Show_in_Customer_Portal: template['Show_in_Customer_Portal'],
        User_ID: user,
        Salesperson_Code: user,
        'To-do_No_': '',
      });
      this.insert('Inter__Log_Entry_Comment_Line', t.entryComment, { ...this.fresh(t.entryComment), Entry_No_: entryNo, Date: today, Comment: text });

      const seriesCode = String(t.teamTask['No__Series'] || t.memberTask['No__Series']);
      const numbers = this.drawNumbers(seriesCode, 1 + members.length, today, t.teamTask[MODIFIED]);
      const taskNo = numbers[0];
      const task = (row: Row, no: string, salesperson: string): Row => ({
        ...this.fresh(row),
        No_: no,
        Team_Code: template['Team_Code'],
        Salesperson_Code: salesperson,
        Contact_No_: contactNo,
        Contact_Company_No_: companyNo,
        Type: template['Task_Type'],
        Priority: template['Task_Priority'],
        Description: template['Task_Description'],
        Interaction_Template_Code: template['Code'],
        'Organizer_To-do_No_': taskNo,
        Interaction_Log_Entry_No_: entryNo,
        Last_Date_Modified: today,
      });
      this.insert('To-do', t.teamTask, task(t.teamTask, taskNo, ''));
      members.forEach((m, k) => this.insert('To-do', t.memberTask, task(t.memberTask, numbers[k + 1], m)));
      this.insert('Rlshp__Mgt__Comment_Line', t.taskComment, { ...this.fresh(t.taskComment), No_: taskNo, Date: today, Comment: text });

      this.st(`UPDATE "Interaction_Log_Entry" SET "To-do_No_" = ?, "${MODIFIED}" = ?, "${VERSION}" = "${VERSION}" + 1 WHERE "Entry_No_" = ?`).run(
        taskNo,
        momentLike(t.entry[MODIFIED]),
        entryNo,
      );
      return { entryNo, taskNo };
    });
  }
}
