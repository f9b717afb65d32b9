import express, { Request, Response, Router } from 'express';
import { Company as CompanyTable } from '../../entities/System/Company.Table';
import { TrainingClass as TrainingClassTable } from '../../entities/Simulator/TrainingClass.Table';
import type { TrainingClass } from '../../entities/Simulator/TrainingClass.Table';
import type { TrainingTrainee } from '../../entities/Simulator/TrainingTrainee.Table';
import { coerceFieldValue } from '../runtime/FieldValues';
import { optionName, tableMeta, type TableMeta } from '../runtime/Metadata';
import type { Simulator } from '../host/Simulator';
import { resultsCsv } from '../training/resultsCsv';
import { ClassProgress, TrainingService } from '../training/TrainingService';
import { authenticatedUser, requireAdmin } from './auth';
import { HttpErrors } from './HttpErrors';
import { objectBody } from './simRoutes';

/**
 * The trainer's console's server side (docs/training.md), under /_sim/training, all for SUPER in all
 * companies (the trainer):
 *
 *   GET    /training/classes                                   the classes
 *   POST   /training/classes                                   {code, description?, trainees? | names?, seed?, captionSet?, teams?} → 201 with each trainee's key, once
 *   GET    /training/classes/{code}                            one class and its trainees
 *   DELETE /training/classes/{code}                            the class, its trainees' users and companies
 *   GET    /training/classes/{code}/progress                   each trainee's steps, derived from their company's data
 *   GET    /training/classes/{code}/progress/stream            the same as server-sent events, sent again when it changes
 *   GET    /training/classes/{code}/results.csv                the results as CSV
 *   POST   /training/classes/{code}/reset                      every trainee's company back to the seed, their set-up again
 *   POST   /training/classes/{code}/trainees/{user}/reset      one trainee's
 */
export function trainingRoutes(sim: Simulator): Router {
  const router = express.Router();
  const service = new TrainingService(sim);
  const changes = new CompanyChanges(sim);
  const admin = async (res: Response, what: string) => {
    const user = authenticatedUser(res.locals);
    await requireAdmin(sim, user, what);
    return user;
  };

  router.get('/training/classes', async (_req, res) => {
    await admin(res, 'List training classes');
    const classes = await sim.training.list();
    res.json({ value: await Promise.all(classes.map(async (c) => classJson(c, await sim.training.trainees(c.code)))) });
  });

  router.post('/training/classes', async (req, res) => {
    const trainer = await admin(res, 'Create a training class');
    const body = objectBody(req, ['code', 'description', 'trainees', 'names', 'seed', 'captionSet', 'teams'], 'simulatorTrainingClass');
    for (const key of ['code', 'description', 'seed', 'captionSet']) {
      if (body[key] !== undefined && typeof body[key] !== 'string') throw HttpErrors.cannotConvertPrimitive('Edm.String');
    }
    if (typeof body.code !== 'string') throw HttpErrors.nullField('code');
    if (body.trainees !== undefined && (typeof body.trainees !== 'number' || !Number.isInteger(body.trainees))) throw HttpErrors.cannotConvertPrimitive('Edm.Int32');
    for (const key of ['names', 'teams']) {
      const list = body[key];
      if (list !== undefined && (!Array.isArray(list) || list.some((x) => typeof x !== 'string'))) throw HttpErrors.invalidRequestBody();
    }
    // The Training Class table's own checks (lengths), which a write to the system database would not make.
    const table = tableMeta(TrainingClassTable);
    if (typeof body.description === 'string') coerceFieldValue(table.field('description'), body.description, table.caption);
    if (typeof body.seed === 'string') coerceFieldValue(table.field('seed'), body.seed, table.caption);
    if (Array.isArray(body.teams)) coerceFieldValue(table.field('teamCodes'), body.teams.join(','), table.caption);
    const company = tableMeta(CompanyTable);
    const { cls, trainees } = await service.createClass(
      {
        code: body.code,
        description: body.description as string | undefined,
        trainees: body.trainees as number | undefined,
        names: body.names as string[] | undefined,
        seed: body.seed as string | undefined,
        captionSet: body.captionSet === undefined ? undefined : (coerceFieldValue(company.field('captionSet'), body.captionSet, 'Company') as number),
        teams: body.teams as string[] | undefined,
      },
      trainer,
    );
    res.status(201).setHeader('Location', `/_sim/training/classes/${cls.code}`);
    res.json({ ...classJson(cls, []), trainees });
  });

  router.get('/training/classes/:code', async (req, res) => {
    await admin(res, 'Read a training class');
    const cls = await sim.training.get(param(req, 'code'));
    res.json(classJson(cls, await sim.training.trainees(cls.code)));
  });

  router.delete('/training/classes/:code', async (req, res) => {
    await admin(res, 'Delete a training class');
    await service.deleteClass(param(req, 'code'));
    res.status(204).end();
  });

  router.get('/training/classes/:code/progress', async (req, res) => {
    res.json(progressJson(await service.progress(param(req, 'code'), await admin(res, 'Read the progress of a class'))));
  });

  router.get('/training/classes/:code/results.csv', async (req, res) => {
    const progress = await service.progress(param(req, 'code'), await admin(res, 'Export the results of a class'));
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="resultaten-${progress.code}.csv"`);
    res.send(resultsCsv(progress));
  });

  router.post('/training/classes/:code/reset', async (req, res) => {
    await service.resetClass(param(req, 'code'), await admin(res, 'Reset a training class'));
    res.status(204).end();
  });

  router.post('/training/classes/:code/trainees/:user/reset', async (req, res) => {
    await service.resetTrainee(param(req, 'code'), param(req, 'user'), await admin(res, 'Reset a trainee'));
    res.status(204).end();
  });

  /**
   * Server-sent events: `progress` with the whole class's progress at once and again whenever it changed —
   * looked at after every committed operation in a trainee's company and after a reset, and every few
   * seconds for what this instance cannot observe (another instance's work).
   */
  router.get('/training/classes/:code/progress/stream', async (req, res) => {
    const trainer = await admin(res, 'Read the progress of a class');
    const code = (await sim.training.get(param(req, 'code'))).code;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.flushHeaders();
    let last = '';
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<void> | null = null;
    let again = false;
    let closed = false;
    const push = async () => {
      do {
        again = false;
        try {
          const json = JSON.stringify(progressJson(await service.progress(code, trainer)));
          if (json !== last && !closed) res.write(`event: progress\ndata: ${json}\n\n`);
          last = json;
        } catch (e) {
          if (!closed) res.write(`event: failure\ndata: ${JSON.stringify({ message: (e as Error).message })}\n\n`);
        }
      } while (again && !closed);
    };
    const soon = () => {
      if (running) return void (again = true);
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        running = push().finally(() => (running = null));
      }, 100);
    };
    const companies = new Set((await sim.training.trainees(code)).map((t) => t.companyName));
    const stopChanges = changes.listen((name) => companies.has(name) && soon());
    const stopResets = service.onReset((name) => companies.has(name) && soon());
    const poll = setInterval(soon, 5000);
    const ping = setInterval(() => res.write(': ping\n\n'), 15000);
    req.on('close', () => {
      closed = true;
      stopChanges();
      stopResets();
      clearInterval(poll);
      clearInterval(ping);
      if (timer) clearTimeout(timer);
    });
    running = push().finally(() => (running = null));
  });

  return router;
}

function param(req: Request, name: string): string {
  return String(req.params[name]);
}

/** The caption set by its name ('000' | '003'), as everywhere in /_sim. */
function progressJson(p: ClassProgress): Record<string, unknown> {
  return { ...p, captionSet: optionName(tableMeta(CompanyTable).field('captionSet'), p.captionSet) };
}

function classJson(cls: TrainingClass, trainees: TrainingTrainee[]): Record<string, unknown> {
  return {
    code: cls.code,
    description: cls.description,
    seed: cls.seed,
    captionSet: optionName(tableMeta(CompanyTable).field('captionSet'), cls.captionSet),
    teams: cls.teamCodes.split(',').filter((x) => x !== ''),
    createdAt: new Date(cls.createdAt).toISOString(),
    trainees: trainees.map((t) => ({ userName: t.userName, company: t.companyName, salespersonCode: t.salespersonCode, startedAt: new Date(t.startedAt).toISOString() })),
  };
}

/** The tables a trainee's progress reads: a commit touching one of them may change it. */
const PROGRESS_TABLES = new Set(['Contact', 'Interaction Log Entry', 'Inter. Log Entry Comment Line', 'To-do', 'Rlshp. Mgt. Comment Line']);

/**
 * Who hears of committed changes to the progress tables, by company name. Observes the simulator's commits
 * only while someone listens, so an instance without an open console records no change logs.
 */
class CompanyChanges {
  private readonly listeners = new Set<(companyName: string) => void>();
  private stop: (() => void) | null = null;

  constructor(private readonly sim: Simulator) {}

  listen(listener: (companyName: string) => void): () => void {
    this.listeners.add(listener);
    this.stop ??= this.sim.commits.observe({
      watches: (table: TableMeta) => PROGRESS_TABLES.has(table.name),
      committed: (company, list) => {
        if (list.length) for (const l of this.listeners) l(company.name);
      },
    });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.stop) {
        this.stop();
        this.stop = null;
      }
    };
  }
}
