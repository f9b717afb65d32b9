import { LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import { ApiWebhookSubscription } from '../../entities/System/ApiWebhookSubscription.Table';

/**
 * Table 2000000095 "API Webhook Subscription" in the system database: BC's
 * API subscriptions are per tenant (DataPerCompany = false), so every instance
 * over one server database sees the same ones and they survive a restart.
 * Rows are written with a version check, as a record's Modify.
 */
export class ApiSubscriptions {
  constructor(
    private readonly system: DataSource,
    /** A system-database change that must happen once across instances (Simulator's lock on the table's name). */
    private readonly exclusive: <T>(resource: string, fn: (manager: EntityManager) => Promise<T>) => Promise<T>,
  ) {}

  list(where: Partial<Pick<ApiWebhookSubscription, 'userId' | 'companyName' | 'entityPublisher' | 'entityGroup' | 'entityVersion'>> = {}): Promise<ApiWebhookSubscription[]> {
    return this.system.manager.find(ApiWebhookSubscription, { where, order: { subscriptionId: 'ASC' } });
  }

  get(subscriptionId: string): Promise<ApiWebhookSubscription | null> {
    return this.system.manager.findOne(ApiWebhookSubscription, { where: { subscriptionId } });
  }

  /** Inserts unless the tenant already has `max` subscriptions (counted under the table's lock); false then. */
  insert(sub: ApiWebhookSubscription, max: number): Promise<boolean> {
    return this.exclusive('API Webhook Subscription', async (manager) => {
      if ((await manager.count(ApiWebhookSubscription)) >= max) return false;
      await manager.insert(ApiWebhookSubscription, sub);
      return true;
    });
  }

  /** Writes the given fields if the row still has `readVersion`; the row's version moves on. False if it changed or is gone. */
  async update(sub: ApiWebhookSubscription, readVersion: number, fields: Partial<ApiWebhookSubscription>): Promise<boolean> {
    const result = await this.system.manager.update(
      ApiWebhookSubscription,
      { subscriptionId: sub.subscriptionId, rowVersion: readVersion },
      { ...fields, rowVersion: readVersion + 1, systemModifiedAt: fields.lastModifiedDateTime ?? new Date() },
    );
    if (result.affected !== 1) return false;
    Object.assign(sub, fields, { rowVersion: readVersion + 1 });
    return true;
  }

  /** Deletes; with `readVersion` only that version of the row. False if there was nothing to delete. */
  async delete(subscriptionId: string, readVersion?: number): Promise<boolean> {
    const where = readVersion === undefined ? { subscriptionId } : { subscriptionId, rowVersion: readVersion };
    return ((await this.system.manager.delete(ApiWebhookSubscription, where)).affected ?? 0) > 0;
  }

  /** BC's send job deletes the subscriptions whose expiration time has passed. */
  async deleteExpired(now: Date): Promise<number> {
    return (await this.system.manager.delete(ApiWebhookSubscription, { expirationDateTime: LessThanOrEqual(now) })).affected ?? 0;
  }
}
