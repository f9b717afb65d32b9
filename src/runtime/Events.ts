import type { Session } from './Session';

/**
 * BC's events, published by tables (OnBefore/OnAfter Insert, Modify, Delete,
 * Validate) and codeunits (integration events of the process), through one
 * small bus. Subscribers run inside the publishing transaction, as BC's event
 * subscribers do: an error in a subscriber rolls the whole operation back.
 *
 * Names: `<Table>.OnAfterInsert`, `<Table>.OnAfterValidate.<Field>`,
 * `<Codeunit>.<EventName>`. docs/events.md lists them.
 */
export interface BcEvent {
  name: string;
  session: Session;
  payload: Record<string, unknown>;
}

export type EventSubscriber = (event: BcEvent) => void | Promise<void>;

export class EventBus {
  private readonly subscribers = new Map<string, EventSubscriber[]>();

  /** Subscribes to one event name, or to every event with '*'. Returns an unsubscribe function. */
  subscribe(name: string, subscriber: EventSubscriber): () => void {
    const list = this.subscribers.get(name) ?? [];
    list.push(subscriber);
    this.subscribers.set(name, list);
    return () => {
      const current = this.subscribers.get(name) ?? [];
      this.subscribers.set(
        name,
        current.filter((s) => s !== subscriber),
      );
    };
  }

  async publish(name: string, session: Session, payload: Record<string, unknown>): Promise<void> {
    const direct = this.subscribers.get(name);
    const any = this.subscribers.get('*');
    if (!direct?.length && !any?.length) return;
    const event: BcEvent = { name, session, payload };
    for (const s of [...(direct ?? []), ...(any ?? [])]) await s(event);
  }
}
