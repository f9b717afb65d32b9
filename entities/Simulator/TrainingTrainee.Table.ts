import { Code, DateTimeField, Field, Integer, Table, Text } from '../../src/runtime/Metadata';
import { TableRecord } from '../../src/runtime/Record';

/**
 * Simulator: one trainee of a class (system database): their user, their own company, the salesperson
 * they are there, and where their own work starts. The trainer's console derives a trainee's progress from
 * their company's data (src/training/Progress.ts); the baseline tells the seed's contacts from theirs.
 */
@Table(99000011, 'Training Trainee', { system: true, nl: 'Cursist' })
export class TrainingTrainee extends TableRecord {
  @Field(1, 'Class Code', Code(10), { primaryKey: true, nl: 'Cursusgroepcode' })
  classCode!: string;

  /** The trainee's user (system table User) and the name of their company (`KLAS1-01`). */
  @Field(2, 'User Name', Code(50), { primaryKey: true, nl: 'Gebruikersnaam' })
  userName!: string;

  @Field(3, 'Line No.', Integer, { nl: 'Regelnr.' })
  lineNo!: number;

  @Field(4, 'Company Name', Text(30), { nl: 'Bedrijfsnaam' })
  companyName!: string;

  /** Their Salesperson/Purchaser Code (Medewerker) in their company, in User Setup for their user. */
  @Field(5, 'Salesperson Code', Code(20), { nl: 'Verkoperscode' })
  salespersonCode!: string;

  /**
   * The highest Contact No. of the company when it was made or last reset: contacts numbered after it (by the
   * contact No. Series) are the trainee's own. Interaction log entries need no baseline: their User ID says who.
   */
  @Field(6, 'Baseline Contact No.', Code(20), { nl: 'Laatste contactnr. bij start' })
  baselineContactNo!: string;

  /** When the company was made or last reset for this trainee. */
  @Field(7, 'Started At', DateTimeField, { nl: 'Gestart op' })
  startedAt!: Date;
}
