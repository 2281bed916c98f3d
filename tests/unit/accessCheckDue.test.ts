/** When a device asks the server which of its clients it may still hold (checkHeldClients.ts). */
import { describe, expect, it } from 'vitest';
import { ACCESS_CHECK_MAX_AGE_MS, accessCheckDue } from '#client/sync/checkHeldClients.ts';

const at = Date.UTC(2026, 10, 30, 12);
const last = { accessVersion: '7:municipalities:kyrkslatt', at };

describe('accessCheckDue', () => {
  it('is due on a device that never checked, and when the access version changed', () => {
    expect(accessCheckDue(null, last.accessVersion, at)).toBe(true);
    expect(accessCheckDue(last, '8:municipalities:kyrkslatt', at + 1)).toBe(true);
    expect(accessCheckDue(last, '7:municipalities:kyrkslatt,sjundea', at + 1)).toBe(true);
  });

  it('is not due under the same version within a day, and due again after one', () => {
    expect(accessCheckDue(last, last.accessVersion, at + ACCESS_CHECK_MAX_AGE_MS - 1)).toBe(false);
    expect(accessCheckDue(last, last.accessVersion, at + ACCESS_CHECK_MAX_AGE_MS)).toBe(true);
  });

  it('is due when the device clock went back past the last check, which could otherwise postpone it for long', () => {
    expect(accessCheckDue(last, last.accessVersion, at - 1)).toBe(true);
  });
});
