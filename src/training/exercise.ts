/**
 * The exercise of a class: the work instruction "Afhandelen contactmoment" (both seeds, /work/shared/seeds)
 * as steps a trainee's company data can show done. Three paths:
 *
 *   1. Vraag direct beantwoord — one contact moment with the question and the answer, no task.
 *   2. Vraag met vervolgactie — a contact moment with a task for the team that does the follow-up (the
 *      trainee's own team: "een taak die is toegewezen aan een team waarvan u deel uitmaakt"), the task taken
 *      (Status In uitvoering, Medewerker = uzelf, Ja), the outcome in its Notities, Afgerond, and the
 *      feedback as a second contact moment (000: a new contact moment; 003: Ja to "interactie aanmaken").
 *   3. Klacht — a contact moment with a task for the team that handles complaints; handling it is another
 *      work process (Afhandelen klacht), so the task stays with that team.
 *
 * Before them, "Aanmaken contact": a new household contact with its address looked up from Straat.
 */

export type StepId =
  | 'contact'
  | 'direct.moment'
  | 'followUp.moment'
  | 'followUp.taken'
  | 'followUp.outcome'
  | 'followUp.completed'
  | 'followUp.feedback'
  | 'complaint.moment'
  | 'complaint.handover';

export type PathId = 'contact' | 'direct' | 'followUp' | 'complaint';

/** open: not done yet; done; wrong: done differently from the instruction (the detail says how); skipped: left out where the instruction allows it. */
export type StepStatus = 'open' | 'done' | 'wrong' | 'skipped';

export interface StepDefinition {
  id: StepId;
  path: PathId;
  /** Dutch, in the instruction's words. */
  caption: string;
}

export const PATHS: ReadonlyArray<{ id: PathId; caption: string }> = [
  { id: 'contact', caption: 'Aanmaken contact' },
  { id: 'direct', caption: 'Pad 1: vraag direct beantwoord' },
  { id: 'followUp', caption: 'Pad 2: vraag met vervolgactie' },
  { id: 'complaint', caption: 'Pad 3: klacht' },
];

export const STEPS: ReadonlyArray<StepDefinition> = [
  { id: 'contact', path: 'contact', caption: 'Contact aangemaakt met adres' },
  { id: 'direct.moment', path: 'direct', caption: 'Contactmoment vastgelegd (geen taak)' },
  { id: 'followUp.moment', path: 'followUp', caption: 'Contactmoment met taak voor het team' },
  { id: 'followUp.taken', path: 'followUp', caption: 'Taak in behandeling genomen' },
  { id: 'followUp.outcome', path: 'followUp', caption: 'Uitkomst in de notities' },
  { id: 'followUp.completed', path: 'followUp', caption: 'Taak afgerond' },
  { id: 'followUp.feedback', path: 'followUp', caption: 'Terugkoppeling vastgelegd' },
  { id: 'complaint.moment', path: 'complaint', caption: 'Contactmoment met taak voor klachtenteam' },
  { id: 'complaint.handover', path: 'complaint', caption: 'Taak bij het klachtenteam gelaten' },
];

/** What a class's exercise expects beyond the instruction's words, from the demo seed's set-up. */
export interface ExerciseSettings {
  /** The team that does path 2's follow-up: the trainee's first team (the demo's klantadviseurs: KCC). */
  followUpTeam: string;
  /** The templates that register a complaint (demo: KLACHT, whose task goes to KLACHTEN). */
  complaintTemplates: string[];
}

/** The demo seed's complaint template (src/seed/demoData.ts: KLACHT, task for team KLACHTEN). */
export const DEFAULT_COMPLAINT_TEMPLATES = ['KLACHT'];

/** The demo's klantadviseurs (ANNE, BRAM, CHANTAL) are in KCC: a trainee works as one of them. */
export const DEFAULT_TEAMS = ['KCC'];

export const STATUS_TEXT: Record<StepStatus, string> = {
  open: 'open',
  done: 'gedaan',
  wrong: 'fout',
  skipped: 'overgeslagen',
};
