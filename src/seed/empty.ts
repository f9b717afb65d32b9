import { MarketingSetup } from '../../entities/CRM/Setup/MarketingSetup.Table';
import { SalesReceivablesSetup } from '../../entities/Sales/SalesReceivablesSetup.Table';
import { Session } from '../runtime/Session';

/**
 * An empty company, as BC's Company-Initialize leaves it: the setup
 * singletons exist, nothing else. Tests build their own data on top.
 */
export async function seedEmptyCompany(session: Session): Promise<void> {
  await session.create(MarketingSetup).insert();
  await session.create(SalesReceivablesSetup).insert();
}
