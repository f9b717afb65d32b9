import type { DataSource, EntityManager } from 'typeorm';
import { TrainingClass } from '../../entities/Simulator/TrainingClass.Table';
import { TrainingTrainee } from '../../entities/Simulator/TrainingTrainee.Table';
import { RecordExistsError, RecordNotFoundError } from '../runtime/BcError';
import { PlatformText } from '../runtime/PlatformErrors';
import { newSystemFields } from '../db/systemFields';

/**
 * The trainer's classes and their trainees in the system database (tables 99000010/99000011), so a class
 * survives a restart and every instance over one server database sees the same ones. Only rows: making
 * the trainees' users and companies is src/training/TrainingService.ts.
 */
export class TrainingClasses {
  constructor(
    private readonly system: DataSource,
    private readonly exclusive: <T>(resource: string, fn: (manager: EntityManager) => Promise<T>) => Promise<T>,
  ) {}

  list(): Promise<TrainingClass[]> {
    return this.system.manager.find(TrainingClass, { order: { code: 'ASC' } });
  }

  async get(code: string): Promise<TrainingClass> {
    const found = await this.system.manager.findOne(TrainingClass, { where: { code: code.toUpperCase() } });
    if (!found) throw new RecordNotFoundError(PlatformText.recordNotFound('Training Class', `Code='${code.toUpperCase()}'`));
    return found;
  }

  trainees(code: string): Promise<TrainingTrainee[]> {
    return this.system.manager.find(TrainingTrainee, { where: { classCode: code.toUpperCase() }, order: { lineNo: 'ASC' } });
  }

  /** The class row, refused when the code is taken (BC's "already exists"). */
  insertClass(values: Pick<TrainingClass, 'code' | 'description' | 'seed' | 'captionSet' | 'teamCodes' | 'createdBy'>): Promise<TrainingClass> {
    return this.exclusive('Training Class', async (manager) => {
      if (await manager.findOne(TrainingClass, { where: { code: values.code } })) {
        throw new RecordExistsError(PlatformText.recordExists('Training Class', `Code='${values.code}'`));
      }
      const row = Object.assign(new TrainingClass(), values, { createdAt: new Date() }, newSystemFields());
      await manager.insert(TrainingClass, row);
      return row;
    });
  }

  insertTrainee(
    values: Pick<TrainingTrainee, 'classCode' | 'userName' | 'lineNo' | 'companyName' | 'salespersonCode' | 'baselineContactNo' | 'startedAt'>,
  ): Promise<TrainingTrainee> {
    return this.exclusive('Training Class', async (manager) => {
      const row = Object.assign(new TrainingTrainee(), values, newSystemFields());
      await manager.insert(TrainingTrainee, row);
      return row;
    });
  }

  /** A new start for a trainee (after a reset): the baseline their own work is counted from. */
  async restart(trainee: TrainingTrainee, baselineContactNo: string, startedAt: Date): Promise<void> {
    await this.system.manager.update(
      TrainingTrainee,
      { classCode: trainee.classCode, userName: trainee.userName },
      { baselineContactNo, startedAt, systemModifiedAt: new Date(), rowVersion: trainee.rowVersion + 1 },
    );
    Object.assign(trainee, { baselineContactNo, startedAt, rowVersion: trainee.rowVersion + 1 });
  }

  /** The class and its trainee rows (their users and companies are the caller's). */
  deleteClass(code: string): Promise<void> {
    return this.exclusive('Training Class', async (manager) => {
      await manager.delete(TrainingTrainee, { classCode: code });
      await manager.delete(TrainingClass, { code });
    });
  }
}
