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

/**
 * The app's own subscribers to the events tables raise for processes (a
 * customer asking CustCont-Update to follow it, a task asking for the Create
 * Interaction wizard). BC binds an app's [EventSubscriber] procedures when the
 * app is installed, not per session; here the process codeunits bind theirs
 * once when codeunits/process/subscriptions.ts loads, which the simulator host
 * does at start-up. So a table hands work up to a process without importing it.
 */
const processSubscribers = new Map<string, EventSubscriber>();

/** Binds the one process subscriber of a table's process event (codeunits/process/subscriptions.ts). */
export function bindProcessSubscriber(name: string, subscriber: EventSubscriber): void {
  const bound = processSubscribers.get(name);
  if (bound && bound !== subscriber) throw new Error(`The process event '${name}' already has a subscriber`);
  processSubscribers.set(name, subscriber);
}

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

  /**
   * A table's event for a process: its bound process subscriber runs (there
   * must be one: a process that silently did not run would be a wrong
   * result), then any subscriber of this bus.
   */
  async raiseForProcess(name: string, session: Session, payload: Record<string, unknown>): Promise<void> {
    const process = processSubscribers.get(name);
    if (!process) throw new Error(`No process subscribes to '${name}': codeunits/process/subscriptions.ts was not loaded`);
    await process({ name, session, payload });
    await this.publish(name, session, payload);
  }

  /**
   * Whether publishing `name` would reach a subscriber: the record layer asks
   * before it builds an event's payload (and copies xRec for it) — most
   * events of an operation have none.
   */
  has(name: string): boolean {
    return !!(this.subscribers.get(name)?.length || this.subscribers.get('*')?.length);
  }

  async publish(name: string, session: Session, payload: Record<string, unknown>): Promise<void> {
    if (!this.has(name)) return;
    const direct = this.subscribers.get(name);
    const any = this.subscribers.get('*');
    const event: BcEvent = { name, session, payload };
    for (const s of [...(direct ?? []), ...(any ?? [])]) await s(event);
  }
}
