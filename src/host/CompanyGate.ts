import { companyInUseError } from '../db/errors';
import { RecordNotFoundError } from '../runtime/BcError';
import { PlatformText } from '../runtime/PlatformErrors';

/** BC's "company not found", for a company deleted or being deleted. */
export function companyNotFound(id: string): RecordNotFoundError {
  return new RecordNotFoundError(PlatformText.recordNotFound('Company', `Id='${id}'`));
}

/**
 * The operations of this process in one company, counted, so the company can
 * be closed without cutting one off: a delete (or the discovery that another
 * instance deleted it) closes the gate — new operations are refused with
 * "company not found" from that moment — and waits until those inside have
 * finished; only then is the company's DataSource destroyed. Destroying it
 * earlier would hand their connections back to the pool in the middle of
 * their transactions.
 */
export class CompanyGate {
  private inside = 0;
  private closed = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly companyId: string) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs `fn` as one operation of the company; refused once the gate is closed. */
  async pass<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw companyNotFound(this.companyId);
    this.inside++;
    try {
      return await fn();
    } finally {
      this.inside--;
      if (this.inside === 0) for (const w of this.waiters.splice(0)) w();
    }
  }

  /**
   * Closes the gate and waits for the operations inside, at most `boundMs`;
   * if they are not done by then the gate opens again and the caller gets
   * a conflict to retry.
   */
  async close(boundMs: number): Promise<void> {
    if (this.closed) throw companyNotFound(this.companyId);
    this.closed = true;
    if (this.inside === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      this.drained().then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), boundMs))),
    ]);
    clearTimeout(timer);
    if (drained) return;
    this.closed = false;
    throw companyInUseError(boundMs);
  }

  /** Closes for good without a bound (the company is gone already); resolves when the last operation inside has finished. */
  closeForGood(): Promise<void> {
    this.closed = true;
    return this.drained();
  }

  /** Opens a gate again whose company's delete failed. */
  reopen(): void {
    this.closed = false;
  }

  private drained(): Promise<void> {
    if (this.inside === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
