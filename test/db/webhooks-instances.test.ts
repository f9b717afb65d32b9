// [FEATURE] [Database] [Webhooks] — API subscriptions live in the system schema: two instances over one
// PostgreSQL database share them, a new instance finds them, and the instance whose operation committed a
// change sends its notification.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Simulator } from '../../src/host/Simulator';
import { createApp, type AppLocals } from '../../src/http/app';
import { seedEmptyCompany } from '../../src/seed/empty';
import { basic } from '../library/LibraryHttp';
import { describePg, dropSharedSchemas, PG_DOWN_HINT, sharedPgConfig } from './pg';

const seeds = { empty: seedEmptyCompany };
// SUPER for all companies: the test makes its company through the simulator and works in it over HTTP.
const users = [{ userName: 'ANNE', fullName: 'Anne', webServiceAccessKey: 'demo-anne', permissions: [{ roleId: 'SUPER' }] }];
const AUTH = { authorization: basic('ANNE', 'demo-anne') };

describePg('PostgreSQL: webhook subscriptions shared by instances', () => {
  const sims: Simulator[] = [];
  const apps: ReturnType<typeof createApp>[] = [];
  const bodies: string[] = [];
  let waiting: ((body: string) => void) | null = null;
  let receiver: http.Server;
  let receiverUrl = '';

  const start = async () => {
    const sim = await Simulator.start({ dataDir: null, seeds, users, database: sharedPgConfig('hooks') });
    sims.push(sim);
    const app = createApp(sim, { webhooks: { delayMs: 50 } });
    apps.push(app);
    return { sim, app, notifier: (app.locals as { simulator: AppLocals }).simulator.webhooks };
  };

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const token = new URL(req.url ?? '/', 'http://x').searchParams.get('validationToken');
        res.end(token ?? '');
        if (token === null) {
          bodies.push(body);
          waiting?.(body);
        }
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });

  afterAll(async () => {
    for (const app of apps) await (app.locals as { simulator: AppLocals }).simulator.webhooks.close();
    for (const sim of sims) await sim.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
    await dropSharedSchemas();
  });

  test('made on one instance, listed by another and by a later one; the other instance notifies its own changes', async () => {
    let a;
    try {
      a = await start();
    } catch (e) {
      throw new Error(`${PG_DOWN_HINT} (${(e as Error).message})`);
    }
    const b = await start();
    const companyId = (await a.sim.createCompany('Hooks', { seed: 'empty' })).systemId;
    const created = await request(a.app)
      .post('/api/empire/crm/v1.0/subscriptions')
      .set(AUTH)
      .send({ notificationUrl: receiverUrl, resource: `companies(${companyId})/roles`, clientState: 'gedeeld' });
    expect(created.status).toBe(201);
    const id = created.body.subscriptionId as string;

    const onB = await request(b.app).get(`/api/empire/crm/v1.0/subscriptions('${id}')`).set(AUTH);
    expect(onB.status).toBe(200);
    expect(onB.body.clientState).toBe('gedeeld');

    // B looks for other instances' subscriptions at an operation refreshMs after its last look; here at once.
    await b.notifier.refresh();
    const notified = new Promise<string>((resolve, reject) => {
      waiting = resolve;
      setTimeout(() => reject(new Error('no notification')), 15_000).unref();
    });
    const role = await request(b.app).post(`/api/empire/crm/v1.0/companies(${companyId})/roles`).set(AUTH).send({ code: 'GEDEELD' });
    expect(role.status).toBe(201);
    const value = JSON.parse(await notified).value;
    expect(value).toEqual([expect.objectContaining({ subscriptionId: id, clientState: 'gedeeld', changeType: 'created', resource: `companies(${companyId})/roles(${role.body.id})` })]);
    // Only the instance whose operation committed sends: one POST, not one per instance.
    expect(bodies).toHaveLength(1);

    const c = await start();
    const listed = await request(c.app).get('/api/empire/crm/v1.0/subscriptions').set(AUTH);
    expect(listed.body.value.map((s: { subscriptionId: string }) => s.subscriptionId)).toEqual([id]);
  });
});
