/**
 * A record's field stamps in the compact form that travels in a pull and is sealed on the device. Most records
 * carry one stamp on every field (a note is written once, a client is created with all its fields at once), so the
 * form names the record's most common stamp once, as `stamp`, and lists in `stamps` only the fields stamped
 * otherwise. A page of 1,000 notes is a third smaller as JSON, and the server's serialising and compression, the
 * device's parsing, validation and sealing all shrink with it.
 *
 * Packing is exact: unpacking gives back every stamp and no other. A default is used only when every field of
 * `data` has a stamp; a stamp on a field `data` does not hold is always listed.
 */
import type { Hlc } from './hlc.ts';

export interface PackedStamps {
  /** The stamp of every field of `data` not listed in `stamps`; absent when `stamps` lists them all. */
  readonly stamp?: Hlc;
  readonly stamps: Readonly<Record<string, Hlc>>;
}

function mostCommon(values: readonly Hlc[]): Hlc | undefined {
  const counts = new Map<Hlc, number>();
  let best: Hlc | undefined;
  let bestCount = 0;
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

/** The one stamp every field of `data`, and nothing else, carries; undefined when there is no such stamp. */
function sharedStamp(fields: readonly string[], stamps: Readonly<Record<string, Hlc>>): Hlc | undefined {
  const first = fields[0];
  if (first === undefined || !Object.hasOwn(stamps, first) || Object.keys(stamps).length !== fields.length) return undefined;
  const stamp = stamps[first];
  for (const field of fields) if (!Object.hasOwn(stamps, field) || stamps[field] !== stamp) return undefined;
  return stamp;
}

/** Sets a property as an own data property even when its name is `__proto__`, which plain assignment would not. */
function setOwn(target: Record<string, Hlc>, field: string, stamp: Hlc): void {
  if (field === '__proto__') Object.defineProperty(target, field, { value: stamp, enumerable: true, writable: true, configurable: true });
  else target[field] = stamp;
}

export function packStamps(data: Readonly<Record<string, unknown>>, stamps: Readonly<Record<string, Hlc>>): PackedStamps {
  const fields = Object.keys(data);
  // Most records: every field written at once. Checked first, as a page packs a thousand of them.
  const shared = sharedStamp(fields, stamps);
  if (shared !== undefined) return { stamp: shared, stamps: {} };
  if (fields.length === 0 || !fields.every((field) => Object.hasOwn(stamps, field))) return { stamps };
  const stamp = mostCommon(fields.map((field) => stamps[field] as Hlc));
  const listed: Record<string, Hlc> = {};
  for (const [field, value] of Object.entries(stamps)) if (value !== stamp || !Object.hasOwn(data, field)) setOwn(listed, field, value);
  return { stamp, stamps: listed };
}

export function unpackStamps(data: Readonly<Record<string, unknown>>, packed: PackedStamps): Record<string, Hlc> {
  const { stamp, stamps } = packed;
  if (stamp === undefined) return { ...stamps };
  const unpacked: Record<string, Hlc> = {};
  for (const field of Object.keys(data)) setOwn(unpacked, field, Object.hasOwn(stamps, field) ? (stamps[field] as Hlc) : stamp);
  for (const field of Object.keys(stamps)) if (!Object.hasOwn(data, field)) setOwn(unpacked, field, stamps[field] as Hlc);
  return unpacked;
}
