import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ClientView } from '../../db/clientsRepo.ts';
import { formatDate, languageName } from '../../i18n/format.ts';

export const ClientListItem = memo(function ClientListItem({ client }: { readonly client: ClientView }) {
  const { t, i18n } = useTranslation(['clients', 'common']);
  const f = client.fields;
  return (
    <li className="client-card">
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
