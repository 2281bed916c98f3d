import { describe, expect, it } from 'vitest';
import { noFilter, toAuditFilter } from './auditFilterForm.ts';

describe('the audit filter', () => {
  it('asks for everything when nothing is filled in', () => {
    expect(toAuditFilter(noFilter)).toEqual({ ok: true, value: {} });
  });

  it('reads days as Helsinki days, the last one whole', () => {
    // Helsinki is UTC+3 in summer and UTC+2 in winter.
    expect(toAuditFilter({ ...noFilter, from: '2026-06-01', until: '2026-12-31' })).toEqual({
      ok: true,
      value: { from: '2026-05-31T21:00:00.000Z', to: '2026-12-31T22:00:00.000Z' },
    });
  });

  it('passes the account, client and action on as they are', () => {
    const clientId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(toAuditFilter({ ...noFilter, accountId: 'system', clientId: ` ${clientId} `, action: 'view' })).toEqual({
      ok: true,
      value: { accountId: 'system', clientId, action: 'view' },
    });
  });

  it('refuses a malformed client id, an impossible day and an end before the start', () => {
    expect(toAuditFilter({ ...noFilter, clientId: 'abc', from: '2026-02-30' })).toEqual({ ok: false, errors: { from: 'invalidDate', clientId: 'invalidValue' } });
    expect(toAuditFilter({ ...noFilter, from: '2026-03-02', until: '2026-03-01' })).toEqual({ ok: false, errors: { until: 'invalidValue' } });
  });
});
