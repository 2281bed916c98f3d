/** The order people are listed in: last name, then first names, as the language's collation sorts them. */
export interface PersonName {
  readonly firstNames: string;
  readonly lastName: string;
}

export function compareNames(collator: Intl.Collator, a: PersonName, b: PersonName): number {
  return collator.compare(a.lastName, b.lastName) || collator.compare(a.firstNames, b.firstNames);
}
