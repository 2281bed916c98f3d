import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { appDb } from '../../db/index.ts';
import { addNote, correctNote } from '../../db/notesRepo.ts';
import { NotFound } from '../../app/NotFound.tsx';
import { useClient } from '../clients/useClients.ts';
import { NoteForm } from './NoteForm.tsx';
import { newNoteValues, valuesOf } from './noteForm.ts';
import { useNoteThreads } from './useNotes.ts';

function useClientName(clientId: string): string {
  const client = useClient(clientId);
  return client ? `${client.fields.firstNames} ${client.fields.lastName}` : '';
}

export function NoteNewScreen({ clientId }: { readonly clientId: string }) {
  const { t } = useTranslation('notes');
  const [, navigate] = useLocation();
  const name = useClientName(clientId);
  const initial = useMemo(() => newNoteValues(), []);
  const back = () => navigate(`/clients/${clientId}`, { replace: true });
  return (
    <section aria-labelledby="note-heading">
      <h1 id="note-heading">{t('form.newTitle', { name })}</h1>
      <NoteForm
        clientId={clientId}
        draftKey={`note-new:${clientId}`}
        initial={initial}
        onSave={async (input) => {
          await addNote(appDb(), clientId, input);
          back();
        }}
        onCancel={back}
      />
    </section>
  );
}

export function NoteCorrectScreen({ clientId, rootId }: { readonly clientId: string; readonly rootId: string }) {
  const { t } = useTranslation('notes');
  const [, navigate] = useLocation();
  const name = useClientName(clientId);
  const threads = useNoteThreads(clientId);
  const thread = threads?.find((th) => th.rootId === rootId);
  const initial = useMemo(() => (thread ? valuesOf(thread.current.fields) : null), [thread]);
  if (threads !== undefined && thread === undefined) return <NotFound />;
  const back = () => navigate(`/clients/${clientId}`, { replace: true });
  return (
    <section aria-labelledby="note-heading">
      <h1 id="note-heading">{t('form.correctTitle', { name })}</h1>
      <p>{t('form.correctExplanation')}</p>
      <NoteForm
        clientId={clientId}
        draftKey={`note-correct:${rootId}`}
        initial={initial}
        onSave={async (input) => {
          if (thread) await correctNote(appDb(), thread.current, input);
          back();
        }}
        onCancel={back}
      />
    </section>
  );
}
