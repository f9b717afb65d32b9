/**
 * BC's Today/Time/CurrentDateTime and WorkDate, under the simulator's control so
 * scenarios and tests are deterministic. A company's clock is stored in its
 * database (table "Simulator Setup") so every server instance sees the same time.
 *
 * Dates are BC `Date` values as ISO strings (`2026-11-23`); 0D is null.
 * Times are `HH:MM:SS`. Local time is the company's time zone (Europe/Amsterdam).
 */
export type BcDate = string;
export type BcTime = string;

export interface ClockState {
  /** A frozen moment; null = the real clock. */
  frozenAt: Date | null;
  /** WorkDate; null = Today. */
  workDate: BcDate | null;
  timeZone: string;
}

export class Clock {
  constructor(private readonly state: ClockState) {}

  now(): Date {
    return this.state.frozenAt ? new Date(this.state.frozenAt.getTime()) : new Date();
  }

  today(): BcDate {
    return localParts(this.now(), this.state.timeZone).date;
  }

  time(): BcTime {
    return localParts(this.now(), this.state.timeZone).time;
  }

  workDate(): BcDate {
    return this.state.workDate ?? this.today();
  }

  get timeZone(): string {
    return this.state.timeZone;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The last answer: an operation asks for Today and Time many times within the same second. */
let last: { second: number; timeZone: string; parts: { date: BcDate; time: BcTime } } | null = null;

export function localParts(moment: Date, timeZone: string): { date: BcDate; time: BcTime } {
  const second = Math.floor(moment.getTime() / 1000);
  if (last && last.second === second && last.timeZone === timeZone) return { ...last.parts };
  const parts = formatLocalParts(moment, timeZone);
  last = { second, timeZone, parts: { ...parts } };
  return parts;
}

function formatLocalParts(moment: Date, timeZone: string): { date: BcDate; time: BcTime } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(moment).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}` };
}

/** AL RoundDateTime(CurrentDateTime + 1000, 60000, '>'): the next whole minute. */
export function nextWholeMinute(time: BcTime): BcTime {
  const [h, m, s] = time.split(':').map(Number);
  let total = h * 3600 + m * 60 + s + 1;
  total = Math.ceil(total / 60) * 60;
  total %= 24 * 3600;
  const hh = Math.floor(total / 3600);
  const mm = Math.floor((total % 3600) / 60);
  return `${pad(hh)}:${pad(mm)}:00`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function addDays(date: BcDate, days: number): BcDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
