import { Worker } from 'node:worker_threads';

/**
 * SQLite's WAL checkpoints, run on a thread of their own instead of inside a
 * commit.
 *
 * Left to SQLite (wal_autocheckpoint = 1000 pages), the commit that brings the
 * WAL past 1000 pages copies it into the database file and waits for the
 * fsync: an interaction with a team task writes ~49 pages, so every ~20th
 * interaction paid for the checkpoint of all twenty — at volume 1.1–1.7 ms
 * of its 1.9–2.7 ms (docs/benchmarks.md). Here a company connection counts
 * its commits and, every CHECKPOINT_EVERY, asks a worker thread to run a
 * PASSIVE checkpoint on a connection of its own to the same file. PASSIVE
 * waits for no one: the company's writer and readers go on meanwhile, and a
 * checkpoint that cannot copy a frame yet leaves it for the next.
 *
 * The company connection's own wal_autocheckpoint stays, raised to
 * BACKSTOP_PAGES: should the thread fall behind or die, SQLite still bounds
 * the WAL. Nothing about durability changes: a committed transaction is in
 * the WAL (synchronous = NORMAL) whether or not a checkpoint has copied it.
 *
 * One thread per process serves every company file (a class is up to 100
 * companies: a thread each would be 100 threads for work that takes a few
 * milliseconds now and then). It keeps a connection per file it has
 * checkpointed; `release` closes it before the company's DataSource closes
 * or its file is deleted, and the thread ends with the last file.
 */
export const CHECKPOINT_EVERY = 16;
/** The company connection's wal_autocheckpoint: only a backstop now (~40 MB of 4 KiB pages). */
export const BACKSTOP_PAGES = 10_000;
/**
 * The company connection's journal_size_limit: SQLite reuses a WAL file from its start once everything in
 * it is copied, but keeps the file at the largest size it ever reached — after a bulk load or a large
 * restore that is hundreds of MB per company, for good. With the limit, the writer that starts the WAL
 * again truncates the file to 16 MB, several times what 16 commits of the work process write.
 */
export const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

/** The settings of a connection that writes a file the thread checkpoints: the simulator's company connection, the bench floor's. */
export function setCheckpointedConnection(db: { pragma(sql: string): unknown }): void {
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
}

type Request = { kind: 'checkpoint'; file: string } | { kind: 'close'; file: string } | { kind: 'stats' };
/** A request that is answered: the id its answer comes back with. */
type Asked = Exclude<Request, { kind: 'checkpoint' }>;

/** What the thread reports of itself (tests, benchmarks). */
export interface CheckpointStats {
  /** Checkpoints run that found frames in the WAL. */
  checkpoints: number;
  /** Frames they copied into database files. */
  framesCopied: number;
  /** The most frames seen in one WAL: how far a WAL grew before a writer could start it again. */
  largestWal: number;
  /** Files it holds a connection to. */
  open: number;
}

/** What a thread that is not running (or has died) reports. */
const NO_STATS: Readonly<CheckpointStats> = { checkpoints: 0, framesCopied: 0, largestWal: 0, open: 0 };

// Plain JavaScript run with eval, so the same code serves ts-node, jest and the built dist/.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const connections = new Map();
const stats = { checkpoints: 0, framesCopied: 0, largestWal: 0 };
// Per file, the WAL's size and frames copied at the last checkpoint: SQLite reports both for the whole WAL,
// so what this checkpoint copied is the difference. A writer that started the WAL again meanwhile is seen
// when the WAL is shorter than before; one that has since written past the old size is counted short
// (SQLite does not say the WAL restarted) — a statistic for benchmarks, not used for any decision.
const last = new Map();
function connection(file) {
  let db = connections.get(file);
  if (!db) {
    db = new Database(file, { fileMustExist: true });
    // The company's writer holds the locks that matter; a checkpoint that would wait is simply left for the next.
    db.pragma('busy_timeout = 0');
    connections.set(file, db);
  }
  return db;
}
parentPort.on('message', (m) => {
  if (m.kind === 'checkpoint') {
    try {
      const [r] = connection(m.file).pragma('wal_checkpoint(PASSIVE)');
      if (r && r.log > 0) {
        const before = last.get(m.file);
        const copied = before && r.log >= before.log && r.checkpointed >= before.checkpointed ? r.checkpointed - before.checkpointed : r.checkpointed;
        last.set(m.file, { log: r.log, checkpointed: r.checkpointed });
        stats.checkpoints++;
        stats.framesCopied += copied;
        stats.largestWal = Math.max(stats.largestWal, r.log);
      }
    } catch {
      // Gone or not a WAL database (yet): its release closes what is left.
    }
  } else if (m.kind === 'close') {
    try { connections.get(m.file)?.close(); } catch {}
    connections.delete(m.file);
    last.delete(m.file);
    parentPort.postMessage({ id: m.id });
  } else if (m.kind === 'stats') {
    parentPort.postMessage({ id: m.id, stats: { ...stats, open: connections.size } });
  }
});
`;

class WalCheckpointer {
  private worker: Worker | null = null;
  /** Commits since the last request, per tracked file. */
  private readonly commits = new Map<string, number>();
  /**
   * Requests awaiting an answer, per thread: a thread that ends answers only its own, so a thread
   * ending after a new one started cannot let a release on the new one resolve before its close ran.
   */
  private readonly waiting = new WeakMap<Worker, Map<number, (answer: { stats?: CheckpointStats }) => void>>();
  private nextId = 1;
  private stopping: Promise<unknown> = Promise.resolve();

  /** A company file from now on checkpointed by the thread (its connection set up by setCheckpointedConnection). */
  track(file: string): void {
    if (file !== ':memory:') this.commits.set(file, 0);
  }

  /** Called after each COMMIT on a file's connection: cheap, never waits. */
  committed(file: string): void {
    const n = this.commits.get(file);
    if (n === undefined) return;
    if (n + 1 < CHECKPOINT_EVERY) {
      this.commits.set(file, n + 1);
      return;
    }
    this.commits.set(file, 0);
    this.thread().postMessage({ kind: 'checkpoint', file } satisfies Request);
  }

  /** Before a file's DataSource closes or the file goes: the thread's connection to it is closed when this resolves. */
  async release(file: string): Promise<void> {
    if (!this.commits.delete(file)) return;
    if (this.worker) await this.request({ kind: 'close', file });
    if (this.commits.size === 0) await this.stop();
  }

  /** The thread's figures, after every request posted before this call has run. */
  async stats(): Promise<CheckpointStats> {
    if (!this.worker) return { ...NO_STATS };
    return (await this.request({ kind: 'stats' })).stats!;
  }

  /** Whether the thread runs (tests). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Resolves once the thread is gone; a second caller (two releases at once) waits for the same end. */
  private async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) this.stopping = w.terminate();
    await this.stopping;
  }

  private request(r: Asked): Promise<{ stats?: CheckpointStats }> {
    const id = this.nextId++;
    const w = this.thread();
    return new Promise((resolve) => {
      this.waiting.get(w)!.set(id, resolve);
      w.postMessage({ ...r, id });
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { betterSqlite3: require.resolve('better-sqlite3') } });
    // A simulator that forgets to close must not be kept alive by its checkpoints.
    w.unref();
    const waiting = new Map<number, (answer: { stats?: CheckpointStats }) => void>();
    this.waiting.set(w, waiting);
    w.on('message', (m: { id: number; stats?: CheckpointStats }) => {
      waiting.get(m.id)?.({ stats: m.stats });
      waiting.delete(m.id);
    });
    const gone = () => {
      if (this.worker === w) this.worker = null;
      // Whatever was asked of a dead thread is done: its connections closed with it.
      for (const resolve of waiting.values()) resolve({ stats: { ...NO_STATS } });
      waiting.clear();
    };
    w.on('error', gone);
    w.on('exit', gone);
    this.worker = w;
    return w;
  }
}

/** The process's one checkpointer (company files of every Simulator in the process). */
export const walCheckpointer = new WalCheckpointer();
