// A prepared statement run through sqlite-wasm's raw exports instead of the
// oo1/capi wrappers: per-argument type adaptation in those wrappers costs
// more than SQLite's own work (usage insert ≈45k vs ≈200k rows/s, export
// read ≈28k vs more than 100k rows/s, measured here).
//
// Strings are encoded into one scratch buffer in wasm memory before any
// bind call: a bind may allocate, growing the memory and detaching every JS
// view of it, so no view is used across a call into wasm.
import type { Database, Sqlite3Static } from '@sqlite.org/sqlite-wasm';

interface RawExports {
  sqlite3_bind_double(stmt: number, i: number, v: number): number;
  sqlite3_bind_null(stmt: number, i: number): number;
  sqlite3_bind_text(stmt: number, i: number, ptr: number, n: number, destructor: number): number;
  sqlite3_step(stmt: number): number;
  sqlite3_reset(stmt: number): number;
  sqlite3_clear_bindings(stmt: number): number;
  sqlite3_bind_parameter_count(stmt: number): number;
  sqlite3_extended_errcode(db: number): number;
  sqlite3_errmsg(db: number): number;
  sqlite3_column_count(stmt: number): number;
  sqlite3_column_type(stmt: number, i: number): number;
  sqlite3_column_double(stmt: number, i: number): number;
  sqlite3_column_text(stmt: number, i: number): number;
  sqlite3_column_bytes(stmt: number, i: number): number;
}

/** SQLITE_TRANSIENT: SQLite copies the text, so the scratch buffer is free again right away. */
const TRANSIENT = -1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
// SQLite's fundamental datatypes (sqlite3.h).
const SQLITE_INTEGER = 1;
const SQLITE_FLOAT = 2;
const SQLITE_NULL = 5;

/** A failure with SQLite's extended result code, like oo1's SQLite3Error. */
export class SqliteStepError extends Error {
  constructor(
    readonly resultCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A value of a type no column takes (object, boolean, bigint, function). */
export class UnbindableValueError extends TypeError {}

export type BindValue = string | number | null | undefined;
/** A result row: INTEGER and REAL columns as numbers, TEXT (and BLOB, which the ledger has none of) as strings. */
export type Row = Record<string, string | number | null>;

let scratch = 0;
let scratchSize = 0;

export class FastStatement {
  readonly #sqlite3: Sqlite3Static;
  readonly #x: RawExports;
  readonly #db: number;
  readonly #stmt: ReturnType<Database['prepare']>;
  readonly #p: number;
  readonly #params: number;
  /** Where each string value sits in scratch, and its length in bytes. */
  readonly #offsets: number[];
  readonly #lengths: number[];
  readonly #columns: string[];

  constructor(sqlite3: Sqlite3Static, db: Database, sql: string) {
    this.#sqlite3 = sqlite3;
    this.#x = sqlite3.wasm.exports as unknown as RawExports;
    this.#db = db.pointer as number;
    this.#stmt = db.prepare(sql);
    this.#p = this.#stmt.pointer as number;
    this.#params = this.#x.sqlite3_bind_parameter_count(this.#p);
    this.#offsets = new Array<number>(this.#params).fill(0);
    this.#lengths = new Array<number>(this.#params).fill(0);
    this.#columns = Array.from({ length: this.#x.sqlite3_column_count(this.#p) }, (_, i) => sqlite3.capi.sqlite3_column_name(this.#p, i)!);
  }

  /** Binds `values` (one per parameter), steps to completion and resets. Throws SqliteStepError or UnbindableValueError. */
  run(values: readonly BindValue[] = []): void {
    this.#bind(values);
    const rc = this.#x.sqlite3_step(this.#p);
    if (rc !== this.#sqlite3.capi.SQLITE_DONE && rc !== this.#sqlite3.capi.SQLITE_ROW) this.#fail(rc);
    this.#x.sqlite3_reset(this.#p);
  }

  /** Every result row, keyed by column name. */
  all(values: readonly BindValue[] = []): Row[] {
    const x = this.#x;
    const p = this.#p;
    const { SQLITE_ROW, SQLITE_DONE } = this.#sqlite3.capi;
    const wasm = this.#sqlite3.wasm;
    const names = this.#columns;
    this.#bind(values);
    const rows: Row[] = [];
    for (;;) {
      const rc = x.sqlite3_step(p);
      if (rc === SQLITE_DONE) break;
      if (rc !== SQLITE_ROW) this.#fail(rc);
      const row: Row = {};
      for (let i = 0; i < names.length; i++) {
        const type = x.sqlite3_column_type(p, i);
        if (type === SQLITE_NULL) row[names[i]!] = null;
        else if (type === SQLITE_INTEGER || type === SQLITE_FLOAT) row[names[i]!] = x.sqlite3_column_double(p, i);
        else {
          const ptr = x.sqlite3_column_text(p, i);
          const n = x.sqlite3_column_bytes(p, i);
          // A view taken after both calls: either may have grown memory.
          row[names[i]!] = decoder.decode(wasm.heap8u().subarray(ptr, ptr + n));
        }
      }
      rows.push(row);
    }
    x.sqlite3_reset(p);
    return rows;
  }

  #bind(values: readonly BindValue[]): void {
    const x = this.#x;
    const p = this.#p;
    if (values.length !== this.#params) throw new UnbindableValueError(`expected ${this.#params} values, got ${values.length}`);
    this.#encodeStrings(values);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      let rc: number;
      if (v === null || v === undefined) rc = x.sqlite3_bind_null(p, i + 1);
      // Doubles for every number: STRICT INTEGER columns take integral doubles and refuse the rest.
      else if (typeof v === 'number') rc = x.sqlite3_bind_double(p, i + 1, v);
      else rc = x.sqlite3_bind_text(p, i + 1, scratch + this.#offsets[i]!, this.#lengths[i]!, TRANSIENT);
      if (rc !== 0) this.#fail(rc);
    }
  }

  finalize(): void {
    this.#stmt.finalize();
  }

  /** Writes every string value back to back into scratch. */
  #encodeStrings(values: readonly BindValue[]): void {
    let need = 0;
    for (const v of values) {
      if (typeof v === 'string') need += v.length * 3;
      else if (v !== null && v !== undefined && typeof v !== 'number') throw new UnbindableValueError(`cannot store a ${typeof v} in a column`);
    }
    if (need > scratchSize) {
      const wasm = this.#sqlite3.wasm;
      if (scratch) wasm.dealloc(scratch);
      scratchSize = Math.max(need, 64 * 1024);
      scratch = wasm.alloc(scratchSize) as number;
    }
    const heap = this.#sqlite3.wasm.heap8u();
    let off = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'string') continue;
      const n = encoder.encodeInto(v, heap.subarray(scratch + off, scratch + scratchSize)).written;
      this.#offsets[i] = off;
      this.#lengths[i] = n;
      off += n;
    }
  }

  #fail(rc: number): never {
    const code = this.#x.sqlite3_extended_errcode(this.#db) || rc;
    const msg = this.#sqlite3.wasm.cstrToJs(this.#x.sqlite3_errmsg(this.#db)) ?? `SQLite error ${rc}`;
    this.#x.sqlite3_reset(this.#p);
    this.#x.sqlite3_clear_bindings(this.#p);
    throw new SqliteStepError(code, `${this.#sqlite3.capi.sqlite3_js_rc_str(code) ?? rc}: ${msg}`);
  }
}
