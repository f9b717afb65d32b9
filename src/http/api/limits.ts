import { RequestTooLargeError } from '../HttpErrors';

/** BC online's largest page (bc-api.md §1.4; on-premises ODataServicesMaxPageSize defaults to 1,000). */
export const DEFAULT_MAX_PAGE_SIZE = 20_000;

/** BC's limit of operations in one $batch (bc-api.md §1.7). */
export const MAX_BATCH_OPERATIONS = 100;

/** How much one response may hold (docs/limits.md); BC bounds it by page size and time, the simulator by entities. */
export interface ResponseLimits {
  /** Entities `$expand` may add to one response, each navigation followed counting one too (default 10,000). */
  maxExpandedEntities?: number;
  /** Entities in all the responses of one `$batch` together, expanded ones and navigations followed included (default 20,000: one of BC's largest pages). */
  maxBatchEntities?: number;
}

export const RESPONSE_LIMITS: Required<ResponseLimits> = { maxExpandedEntities: 10_000, maxBatchEntities: 20_000 };

/**
 * What a response may still hold. Every entity written is spent before it is
 * read (an expansion reads at most what is left, plus one to notice the
 * excess), so memory and time grow with the limit, not with the data; the
 * request that goes over fails with 413 and keeps nothing. A $batch's inner
 * requests spend from the batch's budget as well as from their own.
 */
export class ResponseBudget {
  private expanded = 0;
  private entities = 0;

  constructor(
    private readonly limits: Required<ResponseLimits>,
    /** The $batch this request is part of. */
    private readonly batch?: ResponseBudget,
  ) {}

  /** Entities about to be written (`expanded`: by an $expand, counting the navigation followed). */
  spend(count: number, expanded: boolean): void {
    if (expanded) {
      this.expanded += count;
      if (this.expanded > this.limits.maxExpandedEntities) {
        throw new RequestTooLargeError(
          `The response would contain more than ${this.limits.maxExpandedEntities} expanded entities. Expand fewer navigation properties, or ask for fewer entities with $top, $filter or $expand(…;$top=n).`,
        );
      }
    }
    if (this.batch) {
      this.batch.spendInBatch(count);
      this.entities += count;
    }
  }

  /** How many entities an expansion may still read (one more tells that there were too many). */
  expandable(): number {
    return Math.min(Math.max(0, this.limits.maxExpandedEntities - this.expanded), this.batchRoom()) + 1;
  }

  /** How many entities a collection may still read: in a $batch what the batch has left, plus one; otherwise no bound here (the page size is). */
  readable(): number {
    return this.batch ? this.batchRoom() + 1 : Infinity;
  }

  private batchRoom(): number {
    return this.batch ? Math.max(0, this.limits.maxBatchEntities - this.batch.entities) : Infinity;
  }

  /** The request failed: its entities are not in the batch's answer, so they no longer count there. */
  release(): void {
    this.batch?.spendInBatch(-this.entities);
    this.entities = 0;
  }

  private spendInBatch(count: number): void {
    if (this.entities + count > this.limits.maxBatchEntities) {
      throw new RequestTooLargeError(
        `The batch's responses would contain more than ${this.limits.maxBatchEntities} entities. Split the batch, or ask for fewer entities with $top or $filter.`,
      );
    }
    this.entities += count;
  }
}
