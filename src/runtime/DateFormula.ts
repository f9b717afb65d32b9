import { DialogError } from './BcError';
import { BcDate } from './Clock';

/**
 * AL CalcDate(DateFormula, Date) for the formulas Empire's templates use:
 * terms of a signed number and a unit D, W, M, Q, Y (`<10D>`, `<-1W>`,
 * `<1M+5D>`), and "current period" terms CW, CM, CQ, CY (end of the period;
 * `<-CM>` is its start). Weekday terms (WD) are not simulated and fail loudly.
 */
const TERM = /([+-]?)(\d*)(C?)(D|WD|W|M|Q|Y)/gy;

/** The last answer: every task an interaction template makes asks the same formula on the same work date. */
let last: { formula: string; date: BcDate; result: BcDate } | null = null;

export function calcDate(formula: string, date: BcDate): BcDate {
  if (last && last.formula === formula && last.date === date) return last.result;
  const result = computeDate(formula, date);
  last = { formula, date, result };
  return result;
}

function computeDate(formula: string, date: BcDate): BcDate {
  const body = formula
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .toUpperCase();
  if (body === '') return date;
  let d = new Date(`${date}T00:00:00Z`);
  TERM.lastIndex = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = TERM.exec(body)) !== null) {
    consumed = TERM.lastIndex;
    const [, sign, digits, current, unit] = m;
    if (unit === 'WD') throw new DialogError(`The date formula ${formula} is not supported by empire-sim (weekday terms).`);
    const negative = sign === '-';
    if (current) {
      if (digits !== '') throw invalid(formula);
      d = periodEdge(d, unit, negative);
      continue;
    }
    const n = (digits === '' ? 1 : Number(digits)) * (negative ? -1 : 1);
    d = addUnit(d, unit, n);
    if (TERM.lastIndex === body.length) break;
  }
  if (consumed !== body.length) throw invalid(formula);
  return d.toISOString().slice(0, 10);
}

function invalid(formula: string): DialogError {
  return new DialogError(`The date formula ${formula} is not valid.`);
}

function addUnit(d: Date, unit: string, n: number): Date {
  const r = new Date(d.getTime());
  switch (unit) {
    case 'D':
      r.setUTCDate(r.getUTCDate() + n);
      return r;
    case 'W':
      r.setUTCDate(r.getUTCDate() + 7 * n);
      return r;
    case 'M':
      return addMonths(r, n);
    case 'Q':
      return addMonths(r, 3 * n);
    default:
      return addMonths(r, 12 * n);
  }
}

/** AL month arithmetic: the day is kept, capped at the month's last day. */
function addMonths(d: Date, n: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

function periodEdge(d: Date, unit: string, start: boolean): Date {
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  switch (unit) {
    case 'D':
      return d;
    case 'W': {
      const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
      const r = new Date(d.getTime());
      r.setUTCDate(r.getUTCDate() + (start ? -dow : 6 - dow));
      return r;
    }
    case 'M':
      return start ? new Date(Date.UTC(y, mo, 1)) : new Date(Date.UTC(y, mo + 1, 0));
    case 'Q': {
      const q = Math.floor(mo / 3) * 3;
      return start ? new Date(Date.UTC(y, q, 1)) : new Date(Date.UTC(y, q + 3, 0));
    }
    default:
      return start ? new Date(Date.UTC(y, 0, 1)) : new Date(Date.UTC(y, 11, 31));
  }
}
