// [FEATURE] [Format/Evaluate] the one place values become text and text becomes values again.
import { displayValue, evaluateDate, evaluateInput, formatBoolean, formatField, formatValue, parseOkCancel, parseYesNo } from '../../src/runtime/Format';
import type { FieldMeta } from '../../src/runtime/Metadata';

const field = (kind: string, extra: Record<string, unknown> = {}) => ({ type: { kind, ...extra } }) as unknown as FieldMeta;
const status = field('Option', {
  members: [
    { name: 'Not Started', value: 0, nl: 'Niet gestart' },
    { name: 'Completed', value: 1, nl: 'Voltooid' },
  ],
});

describe('Format', () => {
  test('booleans, dates and options in the user language; error texts in English', () => {
    const all = [formatBoolean(true), formatBoolean(false), formatBoolean(true, 'nl-NL'), formatBoolean(false, 'nl-NL')];
    expect(all).toEqual(['Yes', 'No', 'Ja', 'Nee']);
    expect(formatValue(true)).toBe('Yes');
    expect(formatField(field('Boolean'), false, 'nl-NL')).toBe('Nee');
    expect(formatField(field('Date'), '2026-03-01', 'nl-NL')).toBe('01-03-2026');
    expect(formatField(field('Date'), '2026-03-01', 'en-US')).toBe('03/01/2026');
    expect(formatField(status, 1, 'nl-NL')).toBe('Voltooid');
    expect(formatField(status, null, 'nl-NL')).toBe('');
    expect(displayValue(status, 1)).toBe('Completed');
    expect(displayValue(field('Boolean'), true)).toBe('Yes');
  });
});

describe('Evaluate', () => {
  test('one yes/no parser: the words of either language; a blank is No only for a checkbox', () => {
    for (const yes of ['Yes', 'ja', 'TRUE', '1', 'on', true]) expect(parseYesNo(yes)).toBe(true);
    for (const no of ['No', 'Nee', 'false', '0', 'off', false]) expect(parseYesNo(no)).toBe(false);
    expect(parseYesNo('')).toBeUndefined();
    expect(parseYesNo('', { blankIsNo: true })).toBe(false);
    expect(parseYesNo('misschien')).toBeUndefined();
  });

  test('a modal answer: OK/Cancel/Annuleren, or yes/no; null cancels', () => {
    expect([parseOkCancel('OK'), parseOkCancel('ja'), parseOkCancel(true)]).toEqual([true, true, true]);
    for (const cancel of ['Annuleren', 'cancel', 'nee', null]) expect(parseOkCancel(cancel)).toBe(false);
    expect(parseOkCancel('later')).toBeUndefined();
  });

  test('typed input in the type the field wants; what is not understood goes on unchanged', () => {
    expect(evaluateInput(field('Boolean'), 'Ja')).toBe(true);
    expect(evaluateInput(field('Boolean'), '')).toBe(false);
    expect(evaluateInput(field('Boolean'), 'misschien')).toBe('misschien');
    expect(evaluateInput(field('Decimal'), '12,5')).toBe('12.5');
    expect(evaluateInput(field('Integer'), ' ')).toBe(0);
    expect(evaluateInput(status, '1')).toBe(1);
    expect(evaluateInput(undefined, 'x')).toBe('x');
  });
});

describe('Evaluate a typed date (BC "Datums invoeren")', () => {
  const clock = { today: '2026-12-02', workDate: '2026-11-20' };
  test('Dutch order with any separator, 2/4/6/8 digits, a 2-digit year in 1930–2029, the words for today and the work date', () => {
    const nl = (t: string) => evaluateDate(t, 'nl-NL', clock);
    expect(nl('3-12-2026')).toBe('2026-12-03');
    expect(nl('03-12-2026')).toBe('2026-12-03');
    expect(nl('3/12/26')).toBe('2026-12-03');
    expect(nl('3 12 1968')).toBe('1968-12-03');
    expect(nl('031226')).toBe('2026-12-03');
    expect(nl('03121968')).toBe('1968-12-03');
    expect(nl('0312')).toBe('2026-12-03');
    expect(nl('05')).toBe('2026-11-05');
    expect(nl('120430')).toBe('1930-04-12');
    expect(nl('120429')).toBe('2029-04-12');
    expect(nl('v')).toBe('2026-12-02');
    expect(nl('vandaag')).toBe('2026-12-02');
    expect(nl('w')).toBe('2026-11-20');
    expect(nl('werk')).toBe('2026-11-20');
    expect(nl('2026-12-03')).toBe('2026-12-03');
    expect(evaluateDate('12/03/2026', 'en-US', clock)).toBe('2026-12-03');
  });

  test('what is no date comes back as typed, for the field to refuse', () => {
    const nl = (t: string) => evaluateDate(t, 'nl-NL', clock);
    for (const bad of ['31-02-2026', '123', 'morgen', '1-13-2026', '00-12-2026']) expect(nl(bad)).toBe(bad);
  });
});
