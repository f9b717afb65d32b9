import { PATHS, STATUS_TEXT, STEPS } from './exercise';
import type { ClassProgress } from './TrainingService';

/**
 * A class's results as CSV for a spreadsheet: one row per trainee, per step its status and what the data
 * shows. Semicolons and a byte-order mark, as Dutch Excel opens a CSV without an import dialog.
 */
export function resultsCsv(progress: ClassProgress): string {
  const stepHeader = (id: string) => {
    const step = STEPS.find((s) => s.id === id)!;
    return `${PATHS.find((p) => p.id === step.path)!.caption} – ${step.caption}`;
  };
  const header = ['Cursusgroep', 'Gebruiker', 'Naam', 'Bedrijf', 'Gedaan', 'Stappen', 'Fouten', ...STEPS.flatMap((s) => [stepHeader(s.id), `${stepHeader(s.id)} (toelichting)`])];
  const rows = progress.trainees.map((t) => [
    progress.code,
    t.userName,
    t.fullName,
    t.company,
    String(t.done),
    String(t.total),
    String(t.mistakes),
    ...STEPS.flatMap((def) => {
      const r = t.steps.find((x) => x.step === def.id);
      return r ? [STATUS_TEXT[r.status], r.detail] : ['', t.error ?? ''];
    }),
  ]);
  return '\ufeff' + [header, ...rows].map((cells) => cells.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  // A cell a spreadsheet would read as a formula is kept as text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
