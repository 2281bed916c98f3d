/**
 * Deterministic benchmark data: guidance notes that pass src/shared/schema/note.ts, about 1 kB of note fields each,
 * spread over a fixed set of clients, and the change entries a device would push for them. The same seed gives the
 * same ids and text on every machine, so two runs of the benchmark move exactly the same bytes.
 */
import { noteTopics, type NoteTopic } from '#shared/domain/noteTopics.ts';
import type { ClientFields } from '#shared/schema/client.ts';
import { languageCodes, type LanguageCode } from '#shared/schema/common.ts';
import { meetingPlaces, type NoteFields } from '#shared/schema/note.ts';
import { PROTOCOL_VERSION, type ChangeEntry, type PushRequest } from '#shared/schema/sync.ts';
import { initialHlc, serializeHlc, tick, type HlcState } from '#shared/sync/hlc.ts';
import type { Json } from '#shared/sync/merge.ts';

/** mulberry32: small, fast and the same everywhere. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  hex(digits: number): string {
    let out = '';
    while (out.length < digits) out += Math.floor(this.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
    return out.slice(0, digits);
  }
}

/**
 * A UUID v7 as a device makes them (uuidv7: 48 bits of milliseconds, then random bits), so ids made later sort
 * later, as they do in the app; the random bits come from the seeded generator. Passes z.uuid().
 */
export function seededUuid(rng: Rng, createdAtMs: number): string {
  const h = Math.floor(createdAtMs).toString(16).padStart(12, '0').slice(-12) + rng.hex(20);
  const variant = '89ab'[rng.int(0, 3)] ?? '8';
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const WORDS = [
  'asiakas', 'kotoutumissuunnitelma', 'asunto', 'kielikurssi', 'työllisyys', 'terveysasema', 'lapset', 'koulu',
  'päiväkoti', 'ohjaus', 'neuvonta', 'tulkki', 'palvelutarve', 'kela', 'toimeentulotuki', 'seuraava', 'tapaaminen',
  'klienten', 'bostad', 'språkkurs', 'arbete', 'hälsovård', 'barnen', 'skolan', 'daghem', 'vägledning', 'tolk',
  'the', 'client', 'discussed', 'housing', 'allowance', 'language', 'course', 'employment', 'services', 'next',
  'steps', 'appointment', 'agreed', 'to', 'follow', 'up', 'on', 'with', 'and', 'for', 'family', 'permit', 'plan',
] as const;

/** Note text of about `chars` characters, sentence-cased, from a fixed word list. */
function noteText(rng: Rng, chars: number): string {
  const sentences: string[] = [];
  let length = 0;
  while (length < chars) {
    const words: string[] = [];
    const count = rng.int(6, 14);
    for (let i = 0; i < count; i += 1) words.push(rng.pick(WORDS));
    const first = words[0] ?? 'ohjaus';
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    const sentence = `${words.join(' ')}.`;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(' ').slice(0, chars).trimEnd();
}

export const NOTE_TEXT_CHARS = 640;
const DAY_MS = 86_400_000;
const START = Date.UTC(2025, 0, 6, 6, 0, 0);
const CREATED_FROM = Date.UTC(2025, 0, 1);

export interface SeedNote {
  readonly id: string;
  readonly fields: NoteFields;
}

/** The client ids notes are spread over, and `count` notes, deterministic for a seed. */
/**
 * The client ids notes are spread over, and `count` notes, deterministic for a seed. Notes are written one a minute
 * (their ids say so) in the order they are returned, which is the order the benchmark pushes them.
 */
export function makeCaseload(seed: number, clientCount: number, noteCount: number): { clientIds: string[]; notes: SeedNote[] } {
  const rng = new Rng(seed);
  const clientIds = Array.from({ length: clientCount }, (_, i) => seededUuid(rng, CREATED_FROM - DAY_MS + i));
  const notes: SeedNote[] = [];
  for (let i = 0; i < noteCount; i += 1) notes.push(makeNote(rng, clientIds, CREATED_FROM + i * 60_000));
  return { clientIds, notes };
}

export function makeNote(rng: Rng, clientIds: readonly string[], createdAtMs: number): SeedNote {
  const id = seededUuid(rng, createdAtMs);
  const occurred = new Date(START + rng.int(0, 600) * DAY_MS + rng.int(0, 9 * 60) * 60_000);
  const interpreterUsed = rng.next() < 0.3;
  const place = rng.pick(meetingPlaces);
  const topics = new Set<NoteTopic>();
  const topicCount = rng.int(1, 3);
  while (topics.size < topicCount) topics.add(rng.pick(noteTopics));
  const fields: NoteFields = {
    clientId: rng.pick(clientIds),
    rootId: id,
    supersedesId: null,
    occurredAt: occurred.toISOString(),
    durationMinutes: rng.int(15, 120),
    place,
    placeOther: place === 'other' ? 'Kirjasto / biblioteket' : '',
    interpreterUsed,
    interpreterLanguage: interpreterUsed ? rng.pick<LanguageCode>(languageCodes.filter((c) => c !== 'fi' && c !== 'sv')) : '',
    topics: [...topics],
    text: noteText(rng, NOTE_TEXT_CHARS),
    // Meetings fall between 06:00 and 15:00 UTC, the same calendar day in Helsinki, so the UTC date is the local one.
    followUpDate: rng.next() < 0.4 ? new Date(occurred.getTime() + 14 * DAY_MS).toISOString().slice(0, 10) : '',
  };
  return { id, fields };
}

export function makeClientFields(rng: Rng, index: number): ClientFields {
  return {
    firstNames: rng.pick(['Aino', 'Kadri', 'Omar', 'Olena', 'Li', 'Amina', 'Jonas', 'Fatima']),
    lastName: `Testinen${index}`,
    dateOfBirth: `19${rng.int(50, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
    homeMunicipality: rng.next() < 0.5 ? 'kyrkslatt' : 'sjundea',
    motherTongue: rng.pick(languageCodes),
    serviceLanguage: rng.next() < 0.5 ? 'fi' : 'sv',
    interpreterNeeded: false,
    interpreterLanguage: '',
    phone: `+358 40 ${String(rng.int(1_000_000, 9_999_999))}`,
    email: '',
    address: 'Ervastintie 5, 02400 Kirkkonummi',
    customerGroup: 'municipality',
    firstPermitDate: '2024-09-01',
    status: 'guidance',
  };
}

/** A device with its own clock, stamping entries the way a real device would. */
export class SeedDevice {
  private clock: HlcState;
  private wall: number;
  constructor(
    readonly deviceId: string,
    private readonly rng: Rng,
    wall = START,
  ) {
    this.clock = initialHlc(deviceId);
    this.wall = wall;
  }

  insert(recordType: 'note' | 'client', recordId: string, data: NoteFields | ClientFields): ChangeEntry {
    this.wall += 7;
    this.clock = tick(this.clock, this.wall);
    return { op: 'insert', id: seededUuid(this.rng, this.wall), recordType, recordId, data: data as unknown as Record<string, Json>, hlc: serializeHlc(this.clock) };
  }

  push(entries: readonly ChangeEntry[]): PushRequest {
    return { v: PROTOCOL_VERSION, deviceId: this.deviceId, entries: [...entries] };
  }
}

export function deviceIdFor(rng: Rng): string {
  return rng.hex(16);
}

/** Splits into consecutive chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
