import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { NoteThread } from '#shared/domain/noteHistory.ts';
import type { NoteVersion } from '../../db/notesRepo.ts';
import { WindowedList } from '../../ui/WindowedList.tsx';
import { NoteBody } from './NoteBody.tsx';

/** A note of a few lines with its details; the real height is measured once it is rendered. */
const ESTIMATED_NOTE_PX = 180;
/**
 * About 360 px beyond each end of the view. Every note rendered is laid out before the client's page is shown:
 * with five either side, opening a client with 200 notes took about 12 % longer at 4x CPU slowdown (median of 24
 * interleaved openings, 1 Dec 2026).
 */
const OVERSCAN = 2;

const keyOf = (thread: NoteThread<NoteVersion>) => thread.rootId;
const renderThread = (thread: NoteThread<NoteVersion>) => <NoteCard thread={thread} />;

interface NoteThreadsProps {
  readonly clientId: string;
  /** The client's notes (useNoteThreads); undefined while they are read. */
  readonly threads: readonly NoteThread<NoteVersion>[] | undefined;
}

/**
 * The counselling log of one client: each note as its current version, with earlier versions one click away.
 * Windowed (WindowedList.tsx), since a long client has hundreds of notes.
 */
export function NoteThreads({ clientId, threads }: NoteThreadsProps) {
  const { t } = useTranslation(['notes', 'common']);
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
      {threads !== undefined && (
        <WindowedList
          as="ol"
          items={threads}
          keyOf={keyOf}
          estimatedItemPx={ESTIMATED_NOTE_PX}
          overscan={OVERSCAN}
          className="note-list"
          itemClassName="note-card"
          renderItem={renderThread}
        />
      )}
    </section>
  );
}

const NoteCard = memo(function NoteCard({ thread }: { readonly thread: NoteThread<NoteVersion> }) {
  const { t } = useTranslation('notes');
  const clientId = thread.current.fields.clientId;
  return (
    <>
      <NoteBody fields={thread.current.fields} />
      <div className="note-actions">
        <Link href={`/clients/${clientId}/notes/${thread.rootId}/correct`} className="button button-quiet">
          {t('list.correct')}
        </Link>
      </div>
      {thread.versions.length > 1 && (
        <details className="note-history">
          <summary>{t('list.history', { count: thread.versions.length - 1 })}</summary>
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
    </>
  );
});
