/**
 * Invented people for the demo: name forms and languages typical of the immigrants Kyrkslätt and Sjundeå serve.
 * The combinations are made up; any likeness to a real person is chance.
 */
import type { LanguageCode, Municipality } from '#shared/schema/common.ts';

export interface DemoPerson {
  readonly firstNames: string;
  readonly lastName: string;
  readonly motherTongue: LanguageCode;
}

const p = (firstNames: string, lastName: string, motherTongue: LanguageCode): DemoPerson => ({ firstNames, lastName, motherTongue });

export const demoPeople: readonly DemoPerson[] = [
  p('Kadri', 'Tamm', 'et'), p('Andres', 'Mägi', 'et'), p('Kertu', 'Põder', 'et'), p('Rasmus', 'Saar', 'et'),
  p('Olga', 'Kuznetsova', 'ru'), p('Dmitri', 'Sokolov', 'ru'), p('Yelena', 'Volkova', 'ru'), p('Maksim', 'Orlov', 'ru'),
  p('Fatima', 'Al-Hassan', 'ar'), p('Omar', 'Haddad', 'ar'), p('Layla', 'Mansour', 'ar'), p('Yousef', 'Khalil', 'ar'),
  p('Oksana', 'Kovalenko', 'uk'), p('Andriy', 'Shevchuk', 'uk'), p('Iryna', 'Bondarenko', 'uk'), p('Olena', 'Melnyk', 'uk'),
  p('Mykola', 'Tkachenko', 'uk'),
  p('Zahra', 'Ahmadi', 'fa'), p('Ali', 'Rezaei', 'fa'), p('Farid', 'Rahimi', 'prs'), p('Shabnam', 'Noori', 'prs'),
  p('Hodan', 'Warsame', 'so'), p('Abdirahman Mohamed', 'Ali', 'so'), p('Ayaan', 'Yusuf', 'so'),
  p('Rezan', 'Kareem', 'ckb'), p('Hêvî', 'Baran', 'kmr'), p('Şivan', 'Doğan', 'kmr'),
  p('Thị Lan', 'Nguyễn', 'vi'), p('Văn Minh', 'Trần', 'vi'), p('Thu Hà', 'Phạm', 'vi'),
  p('Siriporn', 'Chaiyaporn', 'th'), p('Nattaya', 'Srisuk', 'th'),
  p('Arben', 'Krasniqi', 'sq'), p('Drita', 'Gashi', 'sq'),
  p('Elif', 'Öztürk', 'tr'), p('Mehmet', 'Yılmaz', 'tr'), p('Ayşe', 'Çelik', 'tr'),
  p('Fang', 'Wang', 'zh'), p('Wei', 'Zhang', 'zh'),
  p('Tomas', 'Šimkus', 'lt'),
];

export const streets: Readonly<Record<Municipality, readonly { street: string; postcode: string; town: string }[]>> = {
  kyrkslatt: [
    { street: 'Ervastintie', postcode: '02400', town: 'Kirkkonummi' },
    { street: 'Sepäntie', postcode: '02400', town: 'Kirkkonummi' },
    { street: 'Munkinkuja', postcode: '02400', town: 'Kirkkonummi' },
    { street: 'Masalantie', postcode: '02430', town: 'Masala' },
    { street: 'Veikkolantie', postcode: '02880', town: 'Veikkola' },
  ],
  sjundea: [
    { street: 'Siuntiontie', postcode: '02580', town: 'Siuntio' },
    { street: 'Lempiäläntie', postcode: '02580', town: 'Siuntio' },
    { street: 'Karjaantie', postcode: '02580', town: 'Siuntio' },
  ],
};

export const otherPlaces = ['Kirkkonummi main library', 'Home visit', 'Employment services office', 'Adult education centre'];
