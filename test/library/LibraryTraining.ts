import { basic } from './LibraryHttp';

/**
 * Test library for the trainer's console: a trainer who makes a class over real HTTP, and trainees who do
 * the work instruction's steps through the Empire CRM API in their own company (as the web client's pages
 * would: the same tables and codeunits run). Each call returns the parsed JSON and fails the test on an
 * unexpected status.
 */
export const TRAINER = basic('TRAINER', 'demo-trainer');
const CRM = '/api/empire/crm/v1.0';

export interface CreatedTrainee {
  userName: string;
  fullName: string;
  accessKey: string;
  company: string;
  companyId: string;
  salespersonCode: string;
}

export async function call(url: string, method: string, path: string, auth: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: auth, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, body: json, text };
}

async function ok(p: Promise<{ status: number; body: any; text: string }>, status = [200, 201, 204]): Promise<any> {
  const r = await p;
  if (!status.includes(r.status)) throw new Error(`HTTP ${r.status}: ${r.text}`);
  return r.body;
}

export async function createClass(url: string, body: Record<string, unknown>): Promise<{ code: string; trainees: CreatedTrainee[] }> {
  return ok(call(url, 'POST', '/_sim/training/classes', TRAINER, body), [201]);
}

export async function progressOf(url: string, code: string): Promise<any> {
  return ok(call(url, 'GET', `/_sim/training/classes/${code}/progress`, TRAINER));
}

/** The status and detail of one step of one trainee in a class's progress. */
export function stepOf(progress: any, userName: string, step: string): { status: string; detail: string } {
  const t = progress.trainees.find((x: any) => x.userName === userName);
  return t.steps.find((s: any) => s.step === step);
}

/** A trainee working through the API in their own company. */
export class TraineeAtWork {
  readonly auth: string;
  constructor(
    private readonly url: string,
    readonly t: CreatedTrainee,
  ) {
    this.auth = basic(t.userName, t.accessKey);
  }

  private path(rest: string): string {
    return `${CRM}/companies(${this.t.companyId})/${rest}`;
  }

  /** Aanmaken contact: a household with a name, and the address from Straat (postcode + house number) if given. */
  async createContact(surname: string, street?: string): Promise<{ id: string; number: string }> {
    const c = await ok(call(this.url, 'POST', this.path('contacts'), this.auth, { type: 'Company', initials: 'K.', surname }), [201]);
    if (!street) return c;
    return ok(call(this.url, 'PATCH', this.path(`contacts(${c.id})`), this.auth, { street }, { 'If-Match': c['@odata.etag'] }));
  }

  /** Vastleggen contactmoment on a contact (Interactie via sjabloon). */
  async logMoment(contactId: string, input: Record<string, unknown>): Promise<{ taskId: string; taskNumber: string }> {
    await ok(call(this.url, 'POST', this.path(`contacts(${contactId})/Microsoft.NAV.createInteractionFromTemplate`), this.auth, input), [204]);
    return this.newestMomentTask();
  }

  /** A bound action answers 204 as BC's do: the entry and its task are read afterwards, the newest entry first. */
  private async newestMomentTask(): Promise<{ taskId: string; taskNumber: string }> {
    const [entry] = (await ok(call(this.url, 'GET', this.path('interactionLogEntries?$orderby=entryNumber desc&$top=1'), this.auth))).value;
    const taskNumber: string = entry?.toDoNumber ?? '';
    const task = taskNumber ? await this.taskByNumber(taskNumber) : undefined;
    return { taskId: task?.id ?? '', taskNumber };
  }

  /** Vastleggen contactmoment on a Klantkaart: it lands on the customer's household. */
  async logMomentForCustomer(customerNo: string, input: Record<string, unknown>): Promise<{ taskId: string; taskNumber: string }> {
    const customer = (await ok(call(this.url, 'GET', this.path(`customers?$filter=number eq '${customerNo}'`), this.auth))).value[0];
    await ok(call(this.url, 'POST', this.path(`customers(${customer.id})/Microsoft.NAV.createInteractionFromTemplate`), this.auth, input), [204]);
    return this.newestMomentTask();
  }

  async taskByNumber(no: string): Promise<any> {
    return (await ok(call(this.url, 'GET', this.path(`tasks?$filter=number eq '${no}'`), this.auth))).value[0];
  }

  async takeTask(no: string): Promise<void> {
    const task = await this.taskByNumber(no);
    await ok(call(this.url, 'POST', this.path(`tasks(${task.id})/Microsoft.NAV.assignToMe`), this.auth, {}));
  }

  async addNote(no: string, note: string): Promise<void> {
    const task = await this.taskByNumber(no);
    await ok(call(this.url, 'POST', this.path(`tasks(${task.id})/Microsoft.NAV.addNote`), this.auth, { note }));
  }

  async complete(no: string, interaction?: Record<string, unknown>): Promise<void> {
    const task = await this.taskByNumber(no);
    const body = interaction ? { registerInteraction: true, interaction } : { registerInteraction: false };
    await ok(call(this.url, 'POST', this.path(`tasks(${task.id})/Microsoft.NAV.complete`), this.auth, body));
  }

  /** A change on the Taakkaart, validated as there (its dialogs answered in advance). */
  async patchTask(no: string, body: Record<string, unknown>, answers?: string): Promise<void> {
    const task = await this.taskByNumber(no);
    await ok(call(this.url, 'PATCH', this.path(`tasks(${task.id})`), this.auth, body, { 'If-Match': task['@odata.etag'], ...(answers ? { 'X-Sim-Dialog-Answers': answers } : {}) }));
  }

  /** Afgerond door filled in on a team task nobody took (Text034 Yes, Text004 No): completed without taking it. */
  async completeAsTeam(no: string): Promise<void> {
    const task = await this.taskByNumber(no);
    await ok(
      call(this.url, 'PATCH', this.path(`tasks(${task.id})`), this.auth, { completedBy: this.t.salespersonCode }, {
        'If-Match': task['@odata.etag'],
        'X-Sim-Dialog-Answers': 'To-do.Text034=yes, To-do.Text004=no',
      }),
    );
  }
}
