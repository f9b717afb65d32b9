import { randomUUID } from 'node:crypto';
import { Column, Index } from 'typeorm';
import {
  DialogError,
  FieldValidationError,
  NotSupportedError,
  RecordChangedError,
  RecordExistsError,
  RecordNotFoundError,
  TableRelationError,
} from './BcError';
import { assignerFor, blankValue, checkStoredValue, coerceFieldValue, columnValuesOf, fieldPairs, initializerFor, isBlank, isRecordValue } from './FieldValues';
import { calcFields } from './FlowFields';
import { fieldCaptionOf, keyText, shownValue, tableCaptionOf } from './Captions';
import { Label, LabelText, Localized } from './Labels';
import { FieldMeta, TableClass, TableMeta, tableMeta } from './Metadata';
import type { RowValues } from './RecordStore';
import { PlatformText } from './PlatformErrors';
import type { Session } from './Session';

// Moved to FieldValues.ts (Record.ts kept its size); re-exported for the modules that import them from here.
export { assignerFor, blankValue, coerceFieldValue, isBlank };

const CURR_FIELD_NO = Symbol('currFieldNo');

/**
 * A BC record: the base class of every table in entities/. It carries BC's
 * record operations (Insert/Modify/Delete with RunTrigger, Validate with xRec,
 * TestField, FieldError) and the system fields (SystemId, SystemCreatedAt,
 * SystemModifiedAt, and the row version BC calls `timestamp`).
 *
 * Triggers are explicit methods (onInsert/onModify/onDelete and @OnValidate
 * methods) called by these operations inside the session's transaction —
 * never TypeORM listeners, which do not fire on update() and may not query.
 */
export abstract class TableRecord {
  /** SystemId (field 2000000000): the GUID the API uses as `id`; indexed in every table, as in BC. */
  @Index()
  @Column({ name: '$systemId', type: String, length: 36, default: '' })
  systemId!: string;

  /** SystemCreatedAt (2000000001). */
  @Column({ name: '$systemCreatedAt', type: Date, nullable: true })
  systemCreatedAt!: Date | null;

  /** SystemModifiedAt (2000000003). */
  @Column({ name: '$systemModifiedAt', type: Date, nullable: true })
  systemModifiedAt!: Date | null;

  /** BC's `timestamp` row version: optimistic concurrency and the API's ETag. */
  @Column({ name: 'timestamp', type: Number, default: 0 })
  rowVersion!: number;

  private [CURR_FIELD_NO]?: number;
  /**
   * The session this record variable belongs to: a private field, so not a value of the record and never copied
   * with one (Object.keys, spreads, JSON and Jest's equality do not see it), and set by a plain store — a WeakMap
   * entry per record cost a list of 50 rows a tenth of its time, mostly in the garbage collector, and a
   * non-enumerable property defined per record was still the record layer's costliest line.
   */
  #session: Session | undefined;

  static meta<T extends TableRecord>(this: TableClass<T>): TableMeta {
    return tableMeta(this);
  }

  meta(): TableMeta {
    return tableMeta(this.constructor as TableClass);
  }

  get session(): Session {
    // A row TypeORM made without the constructor (a test's manager.find) has no session field at all.
    const s = #session in this ? this.#session : undefined;
    if (!s) throw new Error(`${this.meta().name} record is not attached to a session`);
    return s;
  }

  /** @internal Binds a loaded or new record to the session (company, transaction, user) it belongs to. */
  attach(session: Session): this {
    this.#session = session;
    return this;
  }

  /** AL Init(): every field to its InitValue or blank, keeping nothing but the session. */
  init(): this {
    initializerFor(this.meta())(this);
    return this;
  }

  /** xRec: a detached-from-storage copy with the same session. */
  copy(): this {
    const c = new (this.constructor as new () => this)();
    const meta = this.meta();
    assignerFor(meta)(c, this as unknown as RowValues);
    // A table's own variables (globals in AL, e.g. Customer.insertFromContact) are copied too, as Object.assign did.
    const keys = Object.keys(this);
    const known = meta.fields.length + meta.flowFields.length + 4;
    if (keys.length > known) {
      const proto = Object.getPrototypeOf(this);
      for (const k of keys) if (!(k in proto) && !isRecordValue(meta, k)) (c as any)[k] = (this as any)[k];
    }
    if (#session in this && this.#session) c.#session = this.#session;
    return c;
  }

  /** AL TransferFields(From, IncludePrimaryKey = false by default here as the base app mostly uses it). */
  transferFields(from: TableRecord, includePrimaryKey = true): this {
    for (const [target, source, primaryKey] of fieldPairs(from.meta(), this.meta())) {
      if (primaryKey && !includePrimaryKey) continue;
      (this as any)[target] = (from as any)[source];
    }
    return this;
  }

  // ---- triggers (overridden by tables) ----
  protected async onInsert(): Promise<void> {}
  protected async onModify(_xRec: this): Promise<void> {}
  protected async onDelete(): Promise<void> {}

  // ---- record operations ----

  /**
   * AL Insert(RunTrigger) without a return value: an existing key is BC's
   * error and ends the operation — on PostgreSQL possibly at the next
   * statement rather than here (the write is not waited for), which changes
   * nothing in what is committed or reported.
   */
  async insert(runTrigger = false): Promise<void> {
    await this.insertRow(runTrigger, true);
  }

  /** AL `if Rec.Insert(RunTrigger) then`: false when the key exists (nothing written), and the transaction goes on. */
  async tryInsert(runTrigger = false): Promise<boolean> {
    return this.insertRow(runTrigger, false);
  }

  private async insertRow(runTrigger: boolean, failOnExisting: boolean): Promise<boolean> {
    const s = this.session;
    const meta = this.meta();
    if (s.events.has(`${meta.name}.OnBeforeInsert`)) await s.events.publish(`${meta.name}.OnBeforeInsert`, s, { rec: this, runTrigger });
    if (runTrigger) await this.onInsert();
    this.checkAllValues();
    for (const f of meta.fields) {
      if (f.notBlank && f.primaryKey && isBlank(this.get(f))) this.testField(f.property);
    }
    const now = s.clock.now();
    const hadSystemId = !!this.systemId;
    if (!hadSystemId) this.systemId = randomUUID();
    this.systemCreatedAt = now;
    this.systemModifiedAt = now;
    this.rowVersion = 1;
    // The key as inserted: the error may be raised after the code has moved this record on (PostgreSQL).
    const key = this.keyValues();
    const exists = () => new RecordExistsError(PlatformText.recordExists(tableCaptionOf(meta), this.keyQuoted(key)));
    // The primary key's unique constraint is the existence check: one statement, and no race between check and insert.
    if (!(await s.store.insert(meta, this.columnValues(), failOnExisting ? { failure: exists } : {}))) {
      if (!hadSystemId) this.systemId = '';
      this.systemCreatedAt = null;
      this.systemModifiedAt = null;
      this.rowVersion = 0;
      if (failOnExisting) throw exists();
      return false;
    }
    if (s.events.has(`${meta.name}.OnAfterInsert`)) await s.events.publish(`${meta.name}.OnAfterInsert`, s, { rec: this, runTrigger });
    return true;
  }

  async modify(runTrigger = false): Promise<void> {
    const s = this.session;
    const meta = this.meta();
    // The row is locked (server databases) and its version checked before the triggers run: a
    // concurrent writer of the same row is waited for, and then this Modify fails as BC's would,
    // instead of its OnModify working on rows the other one already changed or deleted.
    const xRec = (await s.getForUpdate(meta.cls, ...this.keyValues())) as this;
    if (xRec.rowVersion !== this.rowVersion) throw new RecordChangedError(PlatformText.recordChanged(tableCaptionOf(meta)));
    if (s.events.has(`${meta.name}.OnBeforeModify`)) await s.events.publish(`${meta.name}.OnBeforeModify`, s, { rec: this, xRec, runTrigger });
    if (runTrigger) await this.onModify(xRec);
    this.checkAllValues();
    const values = this.columnValues();
    const readVersion = this.rowVersion;
    values.rowVersion = readVersion + 1;
    values.systemModifiedAt = s.clock.now();
    // Only the changed columns are written, and only if the stored version is still the one read.
    const changed = () => new RecordChangedError(PlatformText.recordChanged(tableCaptionOf(meta)));
    if (!(await s.store.update(meta, values, readVersion, { failure: changed }))) throw changed();
    this.rowVersion = readVersion + 1;
    this.systemModifiedAt = values.systemModifiedAt as Date;
    if (s.events.has(`${meta.name}.OnAfterModify`)) await s.events.publish(`${meta.name}.OnAfterModify`, s, { rec: this, xRec, runTrigger });
  }

  async delete(runTrigger = false): Promise<void> {
    const s = this.session;
    const meta = this.meta();
    const stored = await s.getForUpdate(meta.cls, ...this.keyValues());
    if (stored.rowVersion !== this.rowVersion) throw new RecordChangedError(PlatformText.recordChanged(tableCaptionOf(meta)));
    if (s.events.has(`${meta.name}.OnBeforeDelete`)) await s.events.publish(`${meta.name}.OnBeforeDelete`, s, { rec: this, runTrigger });
    if (runTrigger) await this.onDelete();
    if (!(await s.store.delete(meta, this.keyValues(), this.rowVersion))) {
      if (!(await s.store.exists(meta, this.primaryKeyWhere()))) {
        throw new RecordNotFoundError(PlatformText.recordNotFound(tableCaptionOf(meta), this.keyQuoted()));
      }
      throw new RecordChangedError(PlatformText.recordChanged(tableCaptionOf(meta)));
    }
    if (s.events.has(`${meta.name}.OnAfterDelete`)) await s.events.publish(`${meta.name}.OnAfterDelete`, s, { rec: this, runTrigger });
  }

  /** AL Find on the primary key: reloads this record's fields from the database. */
  async reload(): Promise<this> {
    const s = this.session;
    const meta = this.meta();
    const stored = await s.store.get(meta, this.keyValues());
    if (!stored) throw new RecordNotFoundError(PlatformText.recordNotFound(tableCaptionOf(meta), this.keyQuoted()));
    Object.assign(this, stored);
    return this;
  }

  /**
   * AL Validate(Field, Value): assigns the value (Code uppercased, lengths
   * checked), checks the table relation, then runs the field's OnValidate with
   * xRec = the record as it was before. `fromPage` makes it a UI validate
   * (CurrFieldNo <> 0), which some triggers need to show their dialogs.
   */
  async validate(property: string, value: unknown, options: { fromPage?: boolean } = {}): Promise<void> {
    const s = this.session;
    const meta = this.meta();
    const field = meta.field(property);
    // BC lets code assign a FlowField in memory; no table here does, and pages and the API refuse it (Editable = false).
    if (field.calcFormula) throw new NotSupportedError(`Validating the FlowField ${field.name} of table ${meta.name}`);
    const before = `${meta.name}.OnBeforeValidate.${field.name}`;
    const after = `${meta.name}.OnAfterValidate.${field.name}`;
    const handler = meta.validators.get(property);
    // xRec is copied only when the field's trigger or a subscriber receives it: most validated fields have neither.
    const xRec = handler || s.events.has(before) || s.events.has(after) ? this.copy() : undefined;
    // Nested Validates on this record restore what they set, so only the one that set CurrFieldNo resets it.
    const setsFieldNo = !!options.fromPage && this.currFieldNo === 0;
    if (setsFieldNo) this.setCurrFieldNo(field.no);
    try {
      (this as any)[property] = this.coerce(field, value);
      await this.checkRelation(field);
      if (s.events.has(before)) await s.events.publish(before, s, { rec: this, xRec, field: field.name });
      if (handler) await (this as any)[handler](xRec);
      if (s.events.has(after)) await s.events.publish(after, s, { rec: this, xRec, field: field.name });
    } finally {
      if (setsFieldNo) this.setCurrFieldNo(0);
    }
  }

  /** AL CalcFields(Field, ...): computes the FlowFields through the store and sets them on this record. */
  async calcFields(...properties: string[]): Promise<this> {
    await calcFields(this.session, this.meta(), [this], properties);
    return this;
  }

  /** AL TestField(Field) / TestField(Field, Value). */
  testField(property: string, expected?: unknown): void {
    const meta = this.meta();
    const field = meta.field(property);
    const actual = this.get(field);
    if (expected === undefined) {
      if (isBlank(actual)) {
        throw new FieldValidationError(PlatformText.testFieldBlank(fieldCaptionOf(field, meta), tableCaptionOf(meta), this.keyUnquoted()));
      }
      return;
    }
    if (actual !== expected) {
      throw new FieldValidationError(
        PlatformText.testFieldValue(
          fieldCaptionOf(field, meta),
          shownValue(field, expected),
          tableCaptionOf(meta),
          this.keyUnquoted(),
          shownValue(field, actual),
        ),
      );
    }
  }

  /** AL FieldError(Field [, Text]); the text may be a label (with its arguments), kept for the Dutch. Returns never: it always throws. */
  fieldError(property: string, text?: string | Label | LabelText): never {
    const meta = this.meta();
    const field = meta.field(property);
    const value = this.get(field);
    const [caption, table, key] = [fieldCaptionOf(field, meta), tableCaptionOf(meta), this.keyQuoted()];
    if (text !== undefined) {
      throw new FieldValidationError(PlatformText.fieldErrorText(caption, text instanceof Label ? text.with() : text, table, key));
    }
    if (isBlank(value)) throw new FieldValidationError(PlatformText.fieldErrorBlank(caption, table, key));
    throw new FieldValidationError(PlatformText.fieldErrorValue(caption, shownValue(field, value), table, key));
  }

  /** AL FieldCaption: English where a text is wanted, Dutch in a Dutch page session's error. */
  fieldCaption(property: string): Localized {
    return fieldCaptionOf(this.meta().field(property), this.meta());
  }

  tableCaption(): Localized {
    return tableCaptionOf(this.meta());
  }

  /** AL Error(Label, ...) raised by this table, in the session's language. */
  error(label: Label, ...args: unknown[]): never {
    throw DialogError.of(label.with(...args), this.session.language);
  }

  /** AL Confirm(Label, Default, ...) raised by this table. */
  confirm(label: Label, defaultAnswer: boolean, ...args: unknown[]): Promise<boolean> {
    const meta = this.meta();
    return this.session.confirm(label, args, defaultAnswer, `Table ${meta.id} ${meta.name}`);
  }

  /**
   * CurrFieldNo: the field a page is validating on this record, or 0 when
   * called from code. It stays set through nested Validate calls on the same
   * record (Status → Closed), not on other record variables.
   */
  get currFieldNo(): number {
    return this[CURR_FIELD_NO] ?? 0;
  }

  private setCurrFieldNo(no: number): void {
    Object.defineProperty(this, CURR_FIELD_NO, { value: no, enumerable: false, writable: true, configurable: true });
  }

  // ---- keys and values ----

  primaryKeyWhere(): Record<string, unknown> {
    const where: Record<string, unknown> = {};
    for (const f of this.meta().primaryKey) where[f.property] = this.get(f);
    return where;
  }

  keyValues(): unknown[] {
    return this.meta().primaryKey.map((f) => this.get(f));
  }

  /** `No.='CT000001'` / `A='x',B='y'`: Get/FieldError format; `key` as it was when an error was made later. */
  keyQuoted(key: unknown[] = this.keyValues()): Localized {
    return keyText(this.meta(), key, true);
  }

  /** `No.=CT000001` / `A=x, B=y`: TestField format. */
  keyUnquoted(): Localized {
    return keyText(this.meta(), this.keyValues(), false);
  }

  private get(field: FieldMeta): unknown {
    return (this as any)[field.property];
  }

  /** @internal The values the store writes: every field (blank where unset) and the system fields. */
  columnValues(): Record<string, unknown> {
    return columnValuesOf(this.meta(), this);
  }

  private checkAllValues(): void {
    const meta = this.meta();
    const caption = tableCaptionOf(meta);
    for (const f of meta.fields) if (!f.calcFormula) checkStoredValue(f, this.get(f), caption);
  }

  private coerce(field: FieldMeta, value: unknown): unknown {
    return coerceFieldValue(field, value, tableCaptionOf(this.meta()));
  }

  private async checkRelation(field: FieldMeta): Promise<void> {
    const value = this.get(field);
    if (!field.relation || isBlank(value)) return;
    const related = tableMeta(field.relation.table());
    const keyField = field.relation.field ? related.field(field.relation.field) : related.primaryKey[0];
    // A relation to a table's whole primary key is a Get (served from what the transaction or the setup cache holds).
    const found =
      !field.relation.where && related.primaryKey.length === 1 && related.primaryKey[0] === keyField
        ? await this.session.store.get(related, [value])
        : await this.session.store.exists(related, { ...(field.relation.where ?? {}), [keyField.property]: value });
    if (!found) {
      throw new TableRelationError(
        PlatformText.tableRelation(fieldCaptionOf(field, this.meta()), tableCaptionOf(this.meta()), String(value), tableCaptionOf(related)),
      );
    }
  }
}
