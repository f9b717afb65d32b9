import { Code, DateTimeField, Field, Guid, Option, Table, Text } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';

/**
 * Simulator: a class a trainer teaches (system database, all companies): its code, the seed and caption
 * set each trainee's own company is made from, and the teams a trainee works in there. BC has no such
 * table; the trainer's console (docs/training.md) keeps its classes here so they survive a restart.
 */
@Table(99000010, 'Training Class', { system: true, nl: 'Cursusgroep' })
export class TrainingClass extends TableRecord {
  /** The class's code: the prefix of its trainees' user and company names (`KLAS1` → `KLAS1-01`). */
  @Field(1, 'Code', Code(10), { primaryKey: true, notBlank: true, nl: 'Code' })
  code!: string;

  @Field(2, 'Description', Text(100), { nl: 'Omschrijving' })
  description!: string;

  /** The seed every trainee's company is created from and reset to. */
  @Field(3, 'Seed', Text(30), { nl: 'Basisgegevens' })
  seed!: string;

  /** The screen words of the class's companies (the Company table's Caption Set). */
  @Field(4, 'Caption Set', Option('000,003'), { nl: 'Schermteksten' })
  captionSet!: number;

  /** The teams each trainee's salesperson is a member of, comma-separated (Team Codes of the seed). */
  @Field(5, 'Team Codes', Text(250), { nl: 'Teamcodes' })
  teamCodes!: string;

  @Field(6, 'Created At', DateTimeField, { nl: 'Gemaakt op' })
  createdAt!: Date;

  /** The User Security ID of the trainer who made it. */
  @Field(7, 'Created By', Guid, { nl: 'Gemaakt door' })
  createdBy!: string;
}
