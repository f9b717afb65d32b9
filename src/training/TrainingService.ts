import { randomBytes } from 'node:crypto';
import type { TrainingClass } from '../../entities/Simulator/TrainingClass.Table';
import type { TrainingTrainee } from '../../entities/Simulator/TrainingTrainee.Table';
import type { User } from '../../entities/System/User.Table';
import { BadRequestError, RecordNotFoundError } from '../runtime/BcError';
import { PlatformText } from '../runtime/PlatformErrors';
import type { Simulator } from '../host/Simulator';
import { BUSINESS_USER_SET } from '../host/Permissions';
import { DEFAULT_COMPLAINT_TEMPLATES, DEFAULT_TEAMS, ExerciseSettings, PATHS, STEPS, StepStatus } from './exercise';
import { deriveProgress, StepResult } from './Progress';
import { setUpTrainee } from './TraineeSetup';

export interface ClassSpec {
  code: string;
  description?: string;
  /** How many trainees (1–50); or their names, one trainee each. */
  trainees?: number;
  names?: string[];
  seed?: string;
  /** The Company table's Caption Set option value (0 = '000', 1 = '003'). */
  captionSet?: number;
  teams?: string[];
}

/** A trainee as created: the key is shown this once (the user table keeps it, no API shows it again). */
export interface CreatedTrainee {
  userName: string;
  fullName: string;
  accessKey: string;
  company: string;
  companyId: string;
  salespersonCode: string;
}

export interface TraineeProgress {
  userName: string;
  fullName: string;
  company: string;
  companyId: string;
  salespersonCode: string;
  startedAt: string;
  steps: StepResult[];
  /** Steps done (or left out where the instruction allows), of all; steps done differently. */
  done: number;
  total: number;
  mistakes: number;
  /** Set when the trainee's company or user cannot be read (deleted outside the console). */
  error?: string;
}

export interface ClassProgress {
  code: string;
  description: string;
  seed: string;
  captionSet: number;
  teams: string[];
  /** The paths and steps, in order and in Dutch, for whoever shows the progress. */
  exercise: { paths: typeof PATHS; steps: typeof STEPS };
  trainees: TraineeProgress[];
}

const MAX_TRAINEES = 50;

/**
 * The trainer's classes: one action makes N trainees, each a user with a key of their own, their own
 * company from the class's seed and caption set where only they have a permission set (D365 BUS FULL
 * ACCESS, as the demo employees), and in it the salesperson, User Setup and team memberships they work
 * with. Progress is read from each company's data (Progress.ts); a reset is the company's reset, after
 * which the trainee's set-up is made again.
 */
export class TrainingService {
  private readonly listeners = new Set<(companyName: string) => void>();

  constructor(private readonly sim: Simulator) {}

  /** Someone (the progress stream) hears of a trainee's company that was reset, by its name. */
  onReset(listener: (companyName: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async createClass(spec: ClassSpec, trainer: User): Promise<{ cls: TrainingClass; trainees: CreatedTrainee[] }> {
    const code = spec.code.toUpperCase();
    // simulator text: the code is the prefix of user and company names (Code[50], Text[30]).
    if (!/^[A-Z0-9]{1,10}$/.test(code)) throw new BadRequestError('BadRequest', `The class code '${spec.code}' is not valid: use 1 to 10 letters or digits.`);
    const names = spec.names ?? Array.from({ length: spec.trainees ?? 0 }, () => '');
    if (names.length < 1 || names.length > MAX_TRAINEES) {
      throw new BadRequestError('BadRequest', `A class has 1 to ${MAX_TRAINEES} trainees; ${names.length} were asked for.`);
    }
    const teams = (spec.teams ?? DEFAULT_TEAMS).map((t) => t.toUpperCase());
    const cls = await this.sim.training.insertClass({
      code,
      description: spec.description ?? '',
      seed: spec.seed ?? 'demo',
      captionSet: spec.captionSet ?? 0,
      teamCodes: teams.join(','),
      createdBy: trainer.userSecurityId,
    });
    const made: CreatedTrainee[] = [];
    try {
      for (const [i, name] of names.entries()) made.push(await this.createTrainee(cls, i + 1, name, trainer));
    } catch (e) {
      // One action: a class is made whole or not at all.
      await this.removeTrainees(made.map((t) => ({ userName: t.userName, companyName: t.company })));
      await this.sim.training.deleteClass(code);
      throw e;
    }
    return { cls, trainees: made };
  }

  private async createTrainee(cls: TrainingClass, lineNo: number, name: string, trainer: User): Promise<CreatedTrainee> {
    const userName = `${cls.code}-${String(lineNo).padStart(2, '0')}`;
    const fullName = name.trim() || `Cursist ${String(lineNo).padStart(2, '0')}`;
    const accessKey = randomBytes(12).toString('base64url');
    const company = await this.sim.createCompany(userName, {
      displayName: `${cls.description || cls.code} – ${fullName}`,
      seed: cls.seed,
      createdBy: trainer.userSecurityId,
      captionSet: cls.captionSet,
    });
    const trainee: CreatedTrainee = { userName, fullName, accessKey, company: company.name, companyId: company.systemId, salespersonCode: userName };
    try {
      await this.sim.users.create({ userName, fullName, webServiceAccessKey: accessKey, language: 'nl-NL', permissions: [{ roleId: BUSINESS_USER_SET, company: company.name }] });
    } catch (e) {
      await this.removeTrainees([{ userName: '', companyName: company.name }]);
      throw e;
    }
    const row = { classCode: cls.code, userName, lineNo, companyName: company.name, salespersonCode: userName, baselineContactNo: '', startedAt: new Date() };
    try {
      row.baselineContactNo = await this.setUp(cls, row, fullName, trainer);
      await this.sim.training.insertTrainee(row);
    } catch (e) {
      await this.removeTrainees([{ userName, companyName: company.name }]);
      throw e;
    }
    return trainee;
  }

  private setUp(cls: TrainingClass, t: Pick<TrainingTrainee, 'userName' | 'companyName' | 'salespersonCode'>, fullName: string, trainer: User): Promise<string> {
    const teams = cls.teamCodes.split(',').filter((x) => x !== '');
    return this.sim.run(t.companyName, { userId: trainer.userName }, (s) => setUpTrainee(s, { userName: t.userName, fullName, salespersonCode: t.salespersonCode, teams }));
  }

  /** The trainee's company back to the class's seed (the company reset), their set-up made again, a new baseline. */
  async resetTrainee(code: string, userName: string, trainer: User): Promise<void> {
    const cls = await this.sim.training.get(code);
    const trainee = (await this.sim.training.trainees(cls.code)).find((t) => t.userName === userName.toUpperCase());
    if (!trainee) throw notATrainee(cls.code, userName);
    const user = await this.sim.users.get(trainee.userName);
    await this.sim.resetCompany(trainee.companyName);
    const baseline = await this.setUp(cls, trainee, user.fullName, trainer);
    await this.sim.training.restart(trainee, baseline, new Date());
    for (const l of this.listeners) l(trainee.companyName);
  }

  async resetClass(code: string, trainer: User): Promise<void> {
    const cls = await this.sim.training.get(code);
    for (const t of await this.sim.training.trainees(cls.code)) await this.resetTrainee(cls.code, t.userName, trainer);
  }

  /** The class, its trainees' users and companies; one still in use (409) stops it, and the class stays to try again. */
  async deleteClass(code: string): Promise<void> {
    const cls = await this.sim.training.get(code);
    await this.removeTrainees(await this.sim.training.trainees(cls.code), true);
    await this.sim.training.deleteClass(cls.code);
  }

  /** `strict`: only what is gone already is passed over; otherwise (undoing a half-made class) nothing stops the cleaning. */
  private async removeTrainees(list: Array<{ userName: string; companyName: string }>, strict = false): Promise<void> {
    const tolerate = (e: unknown) => {
      if (strict && !(e instanceof RecordNotFoundError)) throw e;
    };
    for (const t of list) {
      await this.sim.deleteCompany(t.companyName).catch(tolerate);
      await this.sim.permissions.removeCompany(t.companyName);
      if (t.userName) await this.sim.users.delete(t.userName).catch(tolerate);
    }
  }

  async progress(code: string, trainer: User): Promise<ClassProgress> {
    const cls = await this.sim.training.get(code);
    const teams = cls.teamCodes.split(',').filter((x) => x !== '');
    const settings: ExerciseSettings = { followUpTeam: teams[0] ?? '', complaintTemplates: DEFAULT_COMPLAINT_TEMPLATES };
    const trainees = await this.sim.training.trainees(cls.code);
    return {
      code: cls.code,
      description: cls.description,
      seed: cls.seed,
      captionSet: cls.captionSet,
      teams,
      exercise: { paths: PATHS, steps: STEPS },
      trainees: await Promise.all(trainees.map((t) => this.traineeProgress(t, settings, trainer))),
    };
  }

  private async traineeProgress(t: TrainingTrainee, settings: ExerciseSettings, trainer: User): Promise<TraineeProgress> {
    const base = { userName: t.userName, company: t.companyName, salespersonCode: t.salespersonCode, startedAt: new Date(t.startedAt).toISOString() };
    try {
      const user = await this.sim.users.get(t.userName);
      const company = this.sim.company(t.companyName);
      const steps = await this.sim.run(company.systemId, { userId: trainer.userName }, (s) => deriveProgress(s, t, settings));
      const count = (...statuses: StepStatus[]) => steps.filter((x) => statuses.includes(x.status)).length;
      return { ...base, fullName: user.fullName, companyId: company.systemId, steps, done: count('done', 'skipped'), total: steps.length, mistakes: count('wrong') };
    } catch (e) {
      return { ...base, fullName: '', companyId: '', steps: [], done: 0, total: 0, mistakes: 0, error: (e as Error).message };
    }
  }
}

function notATrainee(code: string, userName: string): Error {
  return new RecordNotFoundError(PlatformText.recordNotFound('Training Trainee', `Class Code='${code}',User Name='${userName.toUpperCase()}'`));
}
