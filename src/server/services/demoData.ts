/**
 * Generates the demo caseload: about 40 invented clients of Kyrkslätt and Sjundeå, each with 5–15 guidance notes
 * over the past year. Pure and deterministic: the same seed and `now` give the same records and ids.
 */
import { noteTopics, type NoteTopic } from '#shared/domain/noteTopics.ts';
import type { ClientFields } from '#shared/schema/client.ts';
import type { Municipality } from '#shared/schema/common.ts';
import type { MeetingPlace, NoteFields } from '#shared/schema/note.ts';
import { demoPeople, otherPlaces, streets, type DemoPerson } from './demoPeople.ts';
import { closingSentences, noteSentences } from './demoNoteTexts.ts';
import { seededRandom, seededUuidv7, type Random } from './prng.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

export interface DemoWrite {
  /** When the counsellor saved it: the order the seed stamps and pushes in. */
  readonly at: number;
  readonly recordType: 'client' | 'note';
  readonly recordId: string;
  readonly entryId: string;
  readonly data: ClientFields | NoteFields;
}

interface DemoClient {
  readonly id: string;
  readonly fields: ClientFields;
  readonly registeredDay: number;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const startOfDay = (ms: number) => Math.floor(ms / DAY) * DAY;
const isWeekday = (ms: number) => ![0, 6].includes(new Date(ms).getUTCDay());

function asciiName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ı/g, 'i').replace(/[^a-z]+/g, '-');
}

function weekdaysBetween(fromDay: number, toDay: number): number[] {
  const days: number[] = [];
  for (let d = fromDay; d <= toDay; d += DAY) if (isWeekday(d)) days.push(d);
  return days;
}

function makeClient(r: Random, person: DemoPerson, municipality: Municipality, today: number): DemoClient {
  const registeredDay = r.pick(weekdaysBetween(today - 365 * DAY, today - 30 * DAY));
  const daysKnown = (today - registeredDay) / DAY;
  const birthYear = new Date(today).getUTCFullYear() - r.int(19, 62);
  const interpreterNeeded = r.chance(0.4);
  const place = r.pick(streets[municipality]);
  const flat = r.chance(0.5) ? ` ${r.pick(['A', 'B', 'C'])} ${r.int(1, 30)}` : '';
  const fields: ClientFields = {
    firstNames: person.firstNames,
    lastName: person.lastName,
    dateOfBirth: `${birthYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
    homeMunicipality: municipality,
    motherTongue: person.motherTongue,
    serviceLanguage: interpreterNeeded ? 'fi' : r.pick(['fi', 'fi', 'en', 'en', municipality === 'kyrkslatt' ? 'sv' : 'fi']),
    interpreterNeeded,
    interpreterLanguage: interpreterNeeded ? person.motherTongue : '',
    phone: r.chance(0.9) ? `+358 40 ${r.int(100, 999)} ${r.int(1000, 9999)}` : '',
    email: r.chance(0.5) ? `${asciiName(person.firstNames)}.${asciiName(person.lastName)}@example.com` : '',
    address: `${place.street} ${r.int(1, 40)}${flat}, ${place.postcode} ${place.town}`,
    customerGroup: r.chance(0.45) ? 'employment' : 'municipality',
    firstPermitDate: r.chance(0.1) ? '' : isoDay(registeredDay - r.int(10, 600) * DAY),
    status: daysKnown < 60 ? r.pick(['guidance', 'assessment']) : r.pick(['guidance', 'assessment', 'plan', 'plan', 'plan', 'ended']),
  };
  return { id: seededUuidv7(registeredDay, r), fields, registeredDay };
}

function meetingPlace(r: Random, municipality: Municipality): MeetingPlace {
  const roll = r.next();
  if (roll < 0.05) return 'other';
  if (municipality === 'sjundea') return roll < 0.45 ? 'sjundeaPremises' : roll < 0.75 ? 'kyrkslattTownHall' : 'remote';
  return roll < 0.7 ? 'kyrkslattTownHall' : 'remote';
}

function noteText(r: Random, topics: readonly NoteTopic[]): string {
  const sentences = topics.slice(0, 2).map((t) => r.pick(noteSentences[t]));
  return [...sentences, r.pick(closingSentences)].filter((s) => s !== '').join(' ');
}

function makeNote(r: Random, client: DemoClient, id: string, day: number): NoteFields {
  const occurredAt = day + (6 * 60 + r.int(0, 30) * 15) * MINUTE; // 08:00–15:30 in Helsinki, give or take DST
  const place = meetingPlace(r, client.fields.homeMunicipality);
  const interpreterUsed = client.fields.interpreterNeeded && r.chance(0.85);
  const topics = r.sample(noteTopics, r.int(1, 3));
  return {
    clientId: client.id,
    rootId: id,
    supersedesId: null,
    occurredAt: new Date(occurredAt).toISOString(),
    durationMinutes: r.pick([15, 20, 30, 45, 60, 60, 90]),
    place,
    placeOther: place === 'other' ? r.pick(otherPlaces) : '',
    interpreterUsed,
    interpreterLanguage: interpreterUsed ? client.fields.interpreterLanguage : '',
    topics,
    text: noteText(r, topics),
    followUpDate: r.chance(0.4) ? isoDay(day + r.int(7, 30) * DAY) : '',
  };
}

function notesFor(r: Random, client: DemoClient, today: number): DemoWrite[] {
  const days = r.sample(weekdaysBetween(client.registeredDay + DAY, today - DAY), r.int(5, 15)).sort((a, b) => a - b);
  const writes: DemoWrite[] = [];
  for (const day of days) {
    const noteId = seededUuidv7(day, r);
    const note = makeNote(r, client, noteId, day);
    const at = Date.parse(note.occurredAt) + (note.durationMinutes + r.int(2, 40)) * MINUTE;
    writes.push({ at, recordType: 'note', recordId: noteId, entryId: seededUuidv7(at, r), data: note });
    if (r.chance(0.06) && day + DAY < today) {
      // A correction is a new version naming the one it corrects: the history of what was written stays.
      const correctedAt = at + DAY;
      const correctionId = seededUuidv7(correctedAt, r);
      const correction: NoteFields = { ...note, supersedesId: noteId, text: `${note.text} Corrected: interpreter arrived late.` };
      writes.push({ at: correctedAt, recordType: 'note', recordId: correctionId, entryId: seededUuidv7(correctedAt, r), data: correction });
    }
  }
  return writes;
}

export function demoWrites(now: Date, seed: number): DemoWrite[] {
  const r = seededRandom(seed);
  const today = startOfDay(now.getTime());
  const writes: DemoWrite[] = [];
  r.sample(demoPeople, demoPeople.length).forEach((person, i) => {
    // Two of every three clients live in Kyrkslätt, the larger municipality that produces the services.
    const client = makeClient(r, person, i % 3 === 2 ? 'sjundea' : 'kyrkslatt', today);
    const at = client.registeredDay + (7 * 60 + r.int(0, 60)) * MINUTE;
    writes.push({ at, recordType: 'client', recordId: client.id, entryId: seededUuidv7(at, r), data: client.fields });
    writes.push(...notesFor(r, client, today));
  });
  return writes.sort((a, b) => a.at - b.at || a.entryId.localeCompare(b.entryId));
}
