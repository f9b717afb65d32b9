import type { EntityManager } from 'typeorm';
import type { Company } from '../../entities/System/Company.Table';
import { SimulatorSetup } from '../../entities/Simulator/SimulatorSetup.Table';
import { CompanyCache } from '../db/store/CompanyCache';
import { StoreTransaction } from '../db/store/StoreTransaction';
import { Clock } from '../runtime/Clock';
import { DialogPort, PreAnsweredDialogs } from '../runtime/Dialogs';
import type { EventBus } from '../runtime/Events';
import { Language } from '../runtime/Labels';
import { tableMeta } from '../runtime/Metadata';
import { Session } from '../runtime/Session';

/** Who runs an operation, and how its dialogs get answered. */
export interface Actor {
  userId: string;
  dialogs?: DialogPort;
  language?: Language;
}

/** A session on a transaction's store, with the company's clock; a manager (a seed's scratch database) gets a store of its own. */
export async function openSession(events: EventBus, on: StoreTransaction | EntityManager, company: Company, actor: Actor): Promise<Session> {
  const store =
    on instanceof StoreTransaction
      ? on
      : await StoreTransaction.open(on, new CompanyCache(), { inMemory: (on.connection.options as { database?: unknown }).database === ':memory:' });
  const setup = await store.get(tableMeta(SimulatorSetup), ['']);
  const clock = new Clock({
    frozenAt: setup?.frozenAt ? new Date(setup.frozenAt as Date) : null,
    workDate: (setup?.workDate as string | null) ?? null,
    timeZone: (setup?.timeZone as string) || 'Europe/Amsterdam',
  });
  return new Session(
    store,
    { id: company.systemId, name: company.name },
    actor.userId.toUpperCase(),
    actor.dialogs ?? new PreAnsweredDialogs(),
    clock,
    events,
    actor.language ?? 'en-US',
  );
}
