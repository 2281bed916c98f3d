import { describe, expect, it } from 'vitest';
/** Name search over the client list (src/client/features/clients/clientSearch.ts). */
import type { ClientListRow } from '#client/db/clientIndex.ts';
import { filterClients, indexClients } from '#client/features/clients/clientSearch.ts';
import { makeClient } from '../fixtures/builders.ts';

function client(id: string, lastName: string, firstNames: string, homeMunicipality: 'kyrkslatt' | 'sjundea' = 'kyrkslatt'): ClientListRow {
  return { id, fields: makeClient({ lastName, firstNames, homeMunicipality }) };
}

const clients = [
  client('1', 'Öhman', 'Åsa'),
  client('2', 'Nguyễn', 'Văn Minh', 'sjundea'),
  client('3', 'Aalto', 'Anna'),
  client('4', 'Ohm', 'Erik'),
  client('5', 'Zetterberg', 'Ebba'),
];
const all = { query: '', municipality: '', status: '' } as const;

describe('client search', () => {
  it('orders by last name, then first names, by the rules of the UI language', () => {
    const names = (lng: string) => filterClients(indexClients(clients, lng), all).map((c) => c.fields.lastName);
    // Swedish sorts Ö after Z; English files it with O.
    expect(names('sv')).toEqual(['Aalto', 'Nguyễn', 'Ohm', 'Zetterberg', 'Öhman']);
    expect(names('en')).toEqual(['Aalto', 'Nguyễn', 'Ohm', 'Öhman', 'Zetterberg']);
    expect(names('sv')).toEqual(names('fi'));
  });

  it('sorts a list once per language and keeps that order when filtering', () => {
    expect(indexClients(clients, 'fi')).toBe(indexClients(clients, 'fi'));
    expect(indexClients(clients, 'fi')).not.toBe(indexClients(clients, 'en'));
    const index = indexClients(clients, 'fi');
    expect(filterClients(index, { ...all, query: 'oh' }).map((c) => c.id)).toEqual(['4', '1']);
    expect(filterClients(index, { ...all, query: 'nguyen v' }).map((c) => c.id)).toEqual(['2']);
    expect(filterClients(index, { ...all, municipality: 'sjundea' }).map((c) => c.id)).toEqual(['2']);
  });
});

describe('typing on', () => {
  it('finds what a search from scratch finds, at every keystroke and after a correction', () => {
    const typed = ['n', 'ng', 'nguyen', 'nguyen ', 'nguyen v', 'nguyen', 'o', 'oh', 'ohm', 'oh', 'x', ''];
    // Each from scratch: a new list each time, so nothing is narrowed.
    const expected = typed.map((query) => filterClients(indexClients([...clients], 'en'), { ...all, query }).map((c) => c.id));
    const index = indexClients(clients, 'en');
    typed.forEach((query, i) => expect(filterClients(index, { ...all, query }).map((c) => c.id), query).toEqual(expected[i]));
    expect(expected[4]).toEqual(['2']);
    expect(expected[8]).toEqual(['4', '1']);
  });
});
