import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { startTestApp, type TestApp } from './support/app.ts';
import { storeKinds } from './support/stores.ts';
import { clientData, noteData, TestDevice } from '../fixtures/serverEntries.ts';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';

describe.each(storeKinds)('request validation on %s', (kind) => {
  let t: TestApp;
  let from: number;
  let recordCount: number;
  const device = new TestDevice('c0c0c0c0c0c0c0c0');
  const rawPush = (payload: string | object) =>
    t.inject({ method: 'POST', url: '/api/sync/push', headers: { 'content-type': 'application/json' }, payload }, device.deviceId);
  const nothingStored = async () => {
    expect(await t.store.lastSeq()).toBe(from);
    expect(await t.store.countRecords()).toBe(recordCount);
  };
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    from = await t.store.lastSeq();
    recordCount = await t.store.countRecords();
  });

  it.each([
    ['a bad date', { dateOfBirth: '2001-02-30' }],
    ['a wrong type', { interpreterNeeded: 'yes' }],
    ['an unknown choice', { homeMunicipality: 'helsinki' }],
    ['an empty required field', { lastName: '   ' }],
  ])('rejects an insert with %s and stores nothing', async (_name, override) => {
    const entry = device.insert('client', { ...clientData(), ...override });
    expect((await t.push(device.push([entry]))).results).toEqual([{ id: entry.id, status: 'rejected', code: 'badRequest' }]);
    await nothingStored();
  });

  it('rejects an insert missing a field, or with a field the type does not have', async () => {
    const partial: Record<string, unknown> = { ...clientData() };
    delete partial['email'];
    const missing = device.insert('client', partial as Record<string, string>);
    const extra = device.insert('client', { ...clientData(), nickname: 'Kadi' });
    const proto = device.insert('client', { ...clientData(), constructor: 'x' });
    expect((await t.push(device.push([missing, extra, proto]))).results).toEqual([
      { id: missing.id, status: 'rejected', code: 'badRequest' },
      { id: extra.id, status: 'rejected', code: 'unknownField' },
      { id: proto.id, status: 'rejected', code: 'unknownField' },
    ]);
    await nothingStored();
  });

  it('rejects an invalid note as a whole (the cross-field rules apply to an insert)', async () => {
    const entry = device.insert('note', noteData(uuidv7(), { place: 'other', placeOther: '' }));
    expect((await t.push(device.push([entry]))).results).toEqual([{ id: entry.id, status: 'rejected', code: 'badRequest' }]);
    await nothingStored();
  });

  it('checks each field of a set on its own', async () => {
    const insert = device.insert('client', clientData());
    await t.push(device.push([insert]));
    from = await t.store.lastSeq();
    const stamp = { status: insert.hlc };
    const badValue = device.set('client', insert.recordId, { status: 'vip' }, stamp);
    const unknown = device.set('client', insert.recordId, { toString: 'x' }, stamp);
    const badDate = device.set('client', insert.recordId, { firstPermitDate: '2024-13-01' }, stamp);
    expect((await t.push(device.push([badValue, unknown, badDate]))).results).toEqual([
      { id: badValue.id, status: 'rejected', code: 'badRequest' },
      { id: unknown.id, status: 'rejected', code: 'unknownField' },
      { id: badDate.id, status: 'rejected', code: 'badRequest' },
    ]);
    expect(await t.store.lastSeq()).toBe(from);
    expect((await t.pullAll(0)).find((r) => r.id === insert.recordId)?.data).toEqual(insert.data);
  });

  it.each([
    ['a __proto__ key', (body: string) => body.replace('"firstNames"', '"__proto__":{"polluted":true},"firstNames"')],
    ['a constructor.prototype key', (body: string) => body.replace('"firstNames"', '"constructor":{"prototype":{"polluted":true}},"firstNames"')],
    ['a field name that is no identifier', (body: string) => body.replace('"firstNames"', '"first-names"')],
    ['a bad stamp', (body: string) => body.replace(/"hlc":"[^"]+"/, '"hlc":"yesterday"')],
    ['a bad record id', (body: string) => body.replace(/"recordId":"[^"]+"/, '"recordId":"1"')],
    ['an unknown record type', (body: string) => body.replace('"recordType":"client"', '"recordType":"invoice"')],
    ['an unknown op', (body: string) => body.replace('"op":"insert"', '"op":"upsert"')],
    ['a string v', (body: string) => body.replace(`"v":${PROTOCOL_VERSION}`, `"v":"${PROTOCOL_VERSION}"`)],
    ['no v', (body: string) => body.replace(`"v":${PROTOCOL_VERSION},`, '')],
    ['a bad device id', (body: string) => body.replace(/"deviceId":"[^"]+"/, '"deviceId":"me"')],
    ['malformed JSON', (body: string) => body.slice(0, -3)],
    ['an empty body', () => ''],
  ])('answers 400 badRequest to %s and stores nothing', async (_name, corrupt) => {
    const body = JSON.stringify(device.push([device.insert('client', clientData())]));
    const response = await rawPush(corrupt(body));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 'badRequest' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    await nothingStored();
  });

  it('answers 400 to more than 100 entries and to a deeply nested value', async () => {
    const tooMany = device.push(Array.from({ length: 101 }, () => device.insert('client', clientData())));
    expect((await rawPush(tooMany)).statusCode).toBe(400);
    // Built as text: JSON.stringify itself would overflow the stack on a value this deep.
    const body = JSON.stringify(device.push([device.insert('client', clientData())]));
    const nested = body.replace(/"address":"[^"]*"/, `"address":${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const response = await rawPush(nested);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 'badRequest' });
    await nothingStored();
  });

  it('tells an app speaking another protocol version to update, before judging the rest', async () => {
    const push = await rawPush({ v: PROTOCOL_VERSION + 1, anything: ['goes'] });
    expect(push.statusCode).toBe(426);
    expect(push.json()).toEqual({ code: 'updateRequired' });
    const pull = await t.inject({ method: 'GET', url: '/api/sync/pull?v=0&cursor=oops' });
    expect(pull.statusCode).toBe(426);
    expect(pull.json()).toEqual({ code: 'updateRequired' });
    await nothingStored();
  });

  it.each(['cursor=0', `v=${PROTOCOL_VERSION}`, `v=${PROTOCOL_VERSION}&cursor=-1`, `v=${PROTOCOL_VERSION}&cursor=abc`, `v=${PROTOCOL_VERSION}&cursor=0&limit=0`, `v=${PROTOCOL_VERSION}&cursor=0&limit=1001`, `v=${PROTOCOL_VERSION}&cursor=1e400`])(
    'answers 400 to the pull query %s',
    async (query) => {
      const response = await t.inject({ method: 'GET', url: `/api/sync/pull?${query}` });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ code: 'badRequest' });
    },
  );
});
