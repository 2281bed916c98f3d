import { memo, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ClientListRow } from '../../db/clientIndex.ts';
import { formatDate, languageName } from '../../i18n/format.ts';

interface Props {
  readonly client: ClientListRow;
  /** Its place in the whole list (ClientList.tsx renders only the rows in view). */
  readonly index: number;
  readonly setSize: number;
  /** Where the row goes, from the start of the list. */
  readonly offset: number;
  readonly ref: Ref<HTMLLIElement>;
}

export const ClientListItem = memo(function ClientListItem({ client, index, setSize, offset, ref }: Props) {
  const { t, i18n } = useTranslation(['clients', 'common']);
  const f = client.fields;
  return (
    <li
      ref={ref}
      className="client-card"
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      style={{ transform: `translateY(${offset}px)` }}
    >
      <Link href={`/clients/${client.id}`} className="client-card-link">
        <span className="client-name">
          {f.lastName}, {f.firstNames}
        </span>
        <span className="client-meta">
          <span>{formatDate(f.dateOfBirth, i18n.language)}</span>
          <span>{t(`common:municipality.${f.homeMunicipality}`)}</span>
          <span>{languageName(f.motherTongue, i18n.language)}</span>
          <span className={`status-badge status-${f.status}`}>{t(`clients:status.${f.status}`)}</span>
        </span>
      </Link>
    </li>
  );
});
