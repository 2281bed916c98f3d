import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useNoteThreads } from './useNotes.ts';
import { NoteBody } from './NoteBody.tsx';

/** The counselling log of one client: each note as its current version, with earlier versions one click away. */
export function NoteThreads({ clientId }: { readonly clientId: string }) {
  const { t } = useTranslation(['notes', 'common']);
  const threads = useNoteThreads(clientId);
  return (
    <section aria-labelledby="notes-heading" className="notes">
      <div className="screen-header">
        <h2 id="notes-heading">{t('notes:list.title')}</h2>
        <Link href={`/clients/${clientId}/notes/new`} className="button button-primary">
          {t('notes:list.add')}
        </Link>
      </div>
      {threads === undefined && <p role="status">{t('common:loading')}</p>}
      {threads?.length === 0 && <p>{t('notes:list.empty')}</p>}
      <ol className="note-list">
        {threads?.map((thread) => (
          <li key={thread.rootId} className="note-card">
            <NoteBody fields={thread.current.fields} />
            <div className="note-actions">
              <Link href={`/clients/${clientId}/notes/${thread.rootId}/correct`} className="button button-quiet">
                {t('notes:list.correct')}
              </Link>
            </div>
            {thread.versions.length > 1 && (
              <details className="note-history">
                <summary>{t('notes:list.history', { count: thread.versions.length - 1 })}</summary>
                <ol>
                  {thread.versions
                    .filter((v) => v.id !== thread.current.id)
                    .map((v) => (
                      <li key={v.id} className="note-version">
                        <NoteBody fields={v.fields} />
                      </li>
                    ))}
                </ol>
              </details>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
