/**
 * The client list's sealed snapshot (see clientIndex.ts): its format, and reading it ahead of the unlock.
 *
 * Each client is one array: its id, the IV of the row it was read from (base64), then the list fields in
 * LIST_FIELDS order. Arrays rather than objects make the snapshot of 10,000 clients 40 % smaller and quicker to
 * parse, which is most of what opening it costs at unlock. A snapshot in an older format is not read: the index
 * then reads the rows, as with no snapshot, and seals a new one.
 */
import type { SiltaDb } from './database.ts';
import type { ClientListFields, ClientListRow } from './clientIndex.ts';

export const SNAPSHOT_KEY = 'clientList';
const FORMAT = 2;
const LIST_FIELDS = ['firstNames', 'lastName', 'dateOfBirth', 'homeMunicipality', 'motherTongue', 'status'] as const satisfies readonly (keyof ClientListFields)[];

export interface SnapshotRow {
  readonly id: string;
  readonly iv: string;
  readonly fields: ClientListFields;
}

export function snapshotContent(rows: readonly SnapshotRow[]): { v: number; rows: string[][] } {
  return { v: FORMAT, rows: rows.map((r) => [r.id, r.iv, ...LIST_FIELDS.map((field) => r.fields[field])]) };
}

/** An opened snapshot: the list as it was sealed, and the IV each entry came from, in the same order. */
export interface OpenedSnapshot {
  readonly rows: readonly ClientListRow[];
  readonly ivs: readonly string[];
}

const ENTRY_LENGTH = LIST_FIELDS.length + 2;

function isEntry(value: unknown): value is string[] {
  if (!Array.isArray(value) || value.length !== ENTRY_LENGTH) return false;
  for (let i = 0; i < ENTRY_LENGTH; i += 1) if (typeof value[i] !== 'string') return false;
  return true;
}

/**
 * The list of an opened snapshot; null when it is not a snapshot of this format. It runs once per unlock, on the
 * way to the list's first paint, so before the JIT has warmed to it: plain loops, no callbacks or destructuring per
 * entry, and the list's rows made here rather than copied after (in Node, a first run over 10,000 entries took
 * 25–38 ms written with them, 10–14 ms so).
 */
export function openedSnapshot(content: unknown): OpenedSnapshot | null {
  if (typeof content !== 'object' || content === null) return null;
  const { v, rows: entries } = content as { v?: unknown; rows?: unknown };
  if (v !== FORMAT || !Array.isArray(entries)) return null;
  const rows: ClientListRow[] = [];
  const ivs: string[] = [];
  for (let i = 0; i < entries.length; i += 1) {
    const entry: unknown = entries[i];
    if (!isEntry(entry)) return null;
    // Only this module writes the snapshot, under the data key: the values are the fields it took from the rows.
    const fields: Record<string, string | undefined> = {};
    for (let f = 0; f < LIST_FIELDS.length; f += 1) fields[LIST_FIELDS[f] as string] = entry[f + 2];
    rows.push({ id: entry[0] as string, fields: fields as unknown as ClientListFields });
    ivs.push(entry[1] as string);
  }
  return { rows, ivs };
}

const readAhead = new WeakMap<SiltaDb, Promise<unknown>>();

/**
 * Reads the sealed snapshot while the app is still locked (the PIN being typed), so that the unlock only decrypts
 * it. What is read is ciphertext, as it is on disk. Should the snapshot be sealed again before the unlock (by
 * another tab), the older one read here is shown first and corrected by the check against the rows that follows.
 */
export function readSnapshotAhead(db: SiltaDb): void {
  if (!readAhead.has(db)) readAhead.set(db, readSealed(db).catch(() => undefined));
}

function readSealed(db: SiltaDb): Promise<unknown> {
  return db.meta.get(SNAPSHOT_KEY).then((row) => row?.value);
}

/** For a wipe: what was read ahead belongs to the data being wiped. */
export function forgetSnapshotAhead(db: SiltaDb): void {
  readAhead.delete(db);
}

/** The sealed snapshot: the one read ahead, if it was (once only), else from IndexedDB now. */
export function sealedSnapshot(db: SiltaDb): Promise<unknown> {
  const ahead = readAhead.get(db);
  readAhead.delete(db);
  return ahead ?? readSealed(db);
}
