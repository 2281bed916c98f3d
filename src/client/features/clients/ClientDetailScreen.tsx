import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ClientFields } from '#shared/schema/client.ts';
import { useClient, useViewLogged } from './useClients.ts';
import { NotFound } from '../../app/NotFound.tsx';
import { NoteThreads } from '../notes/NoteThreads.tsx';
import { useNoteThreads } from '../notes/useNotes.ts';
import { ConflictResolver } from '../conflicts/ConflictResolver.tsx';
import { useOpenConflicts } from '../conflicts/useOpenConflicts.ts';
import { clientFieldText } from './clientFieldText.ts';
import { DataText } from '../../ui/DataText.tsx';
import { useSessionState } from '../../state/sessionState.ts';

const shownFields: (keyof ClientFields)[] = [
  'dateOfBirth', 'homeMunicipality', 'customerGroup', 'status', 'firstPermitDate', 'motherTongue', 'serviceLanguage',
  'interpreterNeeded', 'interpreterLanguage', 'phone', 'email', 'address', 'firstNames', 'lastName',
];

export function ClientDetailScreen({ id }: { readonly id: string }) {
  const { t, i18n } = useTranslation(['clients', 'common', 'clientRights']);
  const client = useClient(id);
  useViewLogged(id, client !== undefined && client !== null);
  const conflicts = useOpenConflicts(id);
  // Read here rather than in NoteThreads, so the notes are read while the client is, not after it has been shown.
  const threads = useNoteThreads(id);
  // The server decides (access.ts, mayActOnDataSubjectRights); this only spares others a link that would be refused.
  const mayActOnData = useSessionState((s) => s.account?.role === 'counsellor');
  // Resolving a conflict removes the button that opened its dialog, so focus would drop to the start of the page:
  // move it to the field's value instead, where a screen reader reads the value that stayed.
  const resolvedField = useRef<keyof ClientFields | null>(null);
  const values = useRef(new Map<keyof ClientFields, HTMLElement>());
  useEffect(() => {
    const field = resolvedField.current;
    if (field === null) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    resolvedField.current = null;
    values.current.get(field)?.focus();
  }, [conflicts]);
  if (client === undefined) return <p role="status">{t('common:loading')}</p>;
  if (client === null) return <NotFound />;
  const f = client.fields;
  return (
    <article aria-labelledby="client-heading">
      <div className="screen-header">
        <h1 id="client-heading">
          {f.firstNames} {f.lastName}
        </h1>
        <Link href={`/clients/${id}/edit`} className="button button-secondary">
          {t('clients:detail.edit')}
        </Link>
      </div>
      <dl className="details">
        {shownFields.map((field) => {
          const fieldConflicts = conflicts?.filter((c) => c.fields.field === field) ?? [];
          return (
            <div key={field} className={`details-row ${fieldConflicts.length ? 'has-conflict' : ''}`}>
              <dt>{t(`clients:field.${field}`)}</dt>
              <dd
                tabIndex={-1}
                ref={(el) => {
                  if (el) values.current.set(field, el);
                  else values.current.delete(field);
                }}
              >
                <DataText field={field} empty={f[field] === ''}>
                  {clientFieldText(field, f[field], t, i18n.language)}
                </DataText>
                {fieldConflicts.map((c) => (
                  <ConflictResolver key={c.id} conflict={c} currentValue={f[field]} onResolve={() => (resolvedField.current = field)} />
                ))}
              </dd>
            </div>
          );
        })}
      </dl>
      <NoteThreads clientId={id} threads={threads} />
      {mayActOnData && (
        <p>
          <Link href={`/clients/${id}/data`}>{t('clientRights:link')}</Link>
        </p>
      )}
    </article>
  );
}
