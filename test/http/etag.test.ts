// [FEATURE] [HTTP] — the weak ETag of a record: BC's shape, one per SystemId and row version, the same however often it is asked.
import { etagOf, ifMatchAccepts } from '../../src/http/api/etag';

const ID = '6f1c2a4e-0b7d-4c1e-9a55-3d2f8e7b6a10';
const decode = (tag: string) => Buffer.from(/^W\/"(.*)"$/.exec(tag)![1], 'base64').toString('latin1');

test('a tag is base64 of \'length;version;SYSTEMID;00;\' in W/"…"', () => {
  expect(decode(etagOf({ systemId: ID, rowVersion: 7 }))).toBe(`'34;7;6F1C2A4E0B7D4C1E9A553D2F8E7B6A10;00;'`);
});

test('asked again the tag is the same; another row version or record gives another tag', () => {
  const first = etagOf({ systemId: ID, rowVersion: 1 });
  expect(etagOf({ systemId: ID, rowVersion: 1 })).toBe(first);
  const next = etagOf({ systemId: ID, rowVersion: 2 });
  expect(next).not.toBe(first);
  expect(decode(next)).toBe(`'34;2;6F1C2A4E0B7D4C1E9A553D2F8E7B6A10;00;'`);
  // Back to version 1 (a restored snapshot): its own tag again, not the one remembered last.
  expect(etagOf({ systemId: ID, rowVersion: 1 })).toBe(first);
  expect(etagOf({ systemId: ID.replace('6f', '7f'), rowVersion: 1 })).not.toBe(first);
  expect(ifMatchAccepts(next, etagOf({ systemId: ID, rowVersion: 2 }))).toBe(true);
  expect(ifMatchAccepts(first, etagOf({ systemId: ID, rowVersion: 2 }))).toBe(false);
});

test('many records: every tag stays right after the remembered ones are dropped', () => {
  const ids = Array.from({ length: 60_000 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
  for (const systemId of ids) etagOf({ systemId, rowVersion: 3 });
  for (const systemId of [ids[0], ids[59_999]]) {
    expect(decode(etagOf({ systemId, rowVersion: 3 }))).toBe(`'34;3;${systemId.replace(/-/g, '')};00;'`);
    expect(decode(etagOf({ systemId, rowVersion: 4 }))).toBe(`'34;4;${systemId.replace(/-/g, '')};00;'`);
  }
});
