import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeHlc, type Hlc } from './hlc.ts';
import { packStamps, unpackStamps } from './packedStamps.ts';

const at = (wall: number, deviceId = 'aaaaaaaaaaaaaaaa'): Hlc => serializeHlc({ wall: 1_764_480_000_000 + wall, counter: 0, deviceId });

describe('packed stamps', () => {
  it('names a record written at once by one stamp and lists nothing else', () => {
    const data = { clientId: 'c', text: 'Hei', topics: ['housing'] };
    const stamps = { clientId: at(1), text: at(1), topics: at(1) };
    expect(packStamps(data, stamps)).toEqual({ stamp: at(1), stamps: {} });
    expect(unpackStamps(data, packStamps(data, stamps))).toEqual(stamps);
  });

  it('takes the most common stamp as the default and lists the fields edited since', () => {
    const data = { firstName: 'Aino', lastName: 'Korhonen', status: 'plan', phone: '040' };
    const stamps = { firstName: at(1), lastName: at(1), status: at(5), phone: at(7) };
    expect(packStamps(data, stamps)).toEqual({ stamp: at(1), stamps: { status: at(5), phone: at(7) } });
  });

  it('uses no default for a tombstone or for data with a field left unstamped', () => {
    expect(packStamps({}, {})).toEqual({ stamps: {} });
    const stamps = { a: at(1) };
    expect(packStamps({ a: 1, b: 2 }, stamps)).toEqual({ stamps });
    expect(unpackStamps({ a: 1, b: 2 }, { stamps })).toEqual(stamps);
  });

  it('keeps a field named __proto__ a field, packed and unpacked', () => {
    const data = JSON.parse('{"__proto__": 1, "a": 2}') as Record<string, unknown>;
    const stamps = JSON.parse(`{"__proto__": "${at(2)}", "a": "${at(1)}", "b": "${at(1)}"}`) as Record<string, Hlc>;
    const packed = packStamps(data, stamps);
    expect(Object.getPrototypeOf(packed.stamps)).toBe(Object.prototype);
    const unpacked = unpackStamps(data, packed);
    expect(Object.getPrototypeOf(unpacked)).toBe(Object.prototype);
    expect(Object.entries(unpacked).sort()).toEqual(Object.entries(stamps).sort());
  });

  it('gives back exactly the stamps it packed, whatever the fields and stamps', () => {
    const field = fc.constantFrom('a', 'b', 'c', 'd', 'e', '__proto__', 'constructor', 'toString');
    const stamp = fc.integer({ min: 0, max: 3 }).map((n) => at(n));
    fc.assert(
      fc.property(fc.dictionary(field, fc.integer()), fc.dictionary(field, stamp), (data, stamps) => {
        const unpacked = unpackStamps(data, packStamps(data, stamps));
        expect(Object.entries(unpacked).sort()).toEqual(Object.entries(stamps).sort());
        expect(Object.getPrototypeOf(unpacked)).toBe(Object.prototype);
      }),
    );
  });
});
