import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ClientListRow } from '../../db/clientIndex.ts';
import { readNotesAhead } from '../../db/clientNotes.ts';
import { appDb } from '../../db/index.ts';
import { formatDate, languageName } from '../../i18n/format.ts';

/** One client of the list: a link to the client's page with the details that tell namesakes apart. */
export const ClientCardLink = memo(function ClientCardLink({ client }: { readonly client: ClientListRow }) {
  const { t, i18n } = useTranslation(['clients', 'common']);
  const f = client.fields;
  return (
    // The client's page shows their notes: reading them starts with the click, not after the page has rendered.
    <Link href={`/clients/${client.id}`} className="client-card-link" onClick={() => readNotesAhead(appDb(), client.id)}>
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
  );
});
