import { useTranslation } from 'react-i18next';
import type { ClientExport, ExportedRecord } from '#shared/schema/clientRights.ts';
import { clientFields } from '#shared/schema/client.ts';
import { conflictFields } from '#shared/schema/conflict.ts';
import { noteFields, type NoteFields } from '#shared/schema/note.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { clientFieldText } from '../clients/clientFieldText.ts';
import { NoteBody } from '../notes/NoteBody.tsx';

/**
 * The export as a page a person can read and print: the client's details, their guidance notes (every version, as
 * corrections are versions) and the edits kept as conflicts. A record the app cannot show in a readable form (a type
 * newer than this app, or a shape the schemas no longer accept) is still printed, as its fields and values, so the
 * printout is never less than the file.
 */
export function ClientExportView({ exported }: { readonly exported: ClientExport }) {
  const { t, i18n } = useTranslation(['clientRights', 'clients', 'notes', 'common']);
  const lng = i18n.language;
  const client = exported.records.find((r) => r.type === 'client' && r.id === exported.clientId);
  const details = client === undefined ? null : clientFields.safeParse(client.data);
  const notes: { record: ExportedRecord; fields: NoteFields }[] = [];
  const conflicts: { record: ExportedRecord; field: string; value: unknown }[] = [];
  const other: ExportedRecord[] = client !== undefined && details?.success === false ? [client] : [];
  for (const record of exported.records) {
    if (record === client) continue;
    const note = record.type === 'note' ? noteFields.safeParse(record.data) : null;
    const conflict = record.type === 'conflict' ? conflictFields.safeParse(record.data) : null;
    if (note?.success) notes.push({ record, fields: note.data });
    else if (conflict?.success) conflicts.push({ record, field: conflict.data.field, value: conflict.data.loserValue });
    else other.push(record);
  }
  notes.sort((a, b) => a.fields.occurredAt.localeCompare(b.fields.occurredAt));

  return (
    <section className="client-export" aria-labelledby="export-document-heading">
      <h2 id="export-document-heading">{t('export.documentTitle')}</h2>
      <p>{t('export.summary', { count: exported.records.length, time: formatDateTime(exported.exportedAt, lng) })}</p>

      <h3>{t('export.clientSection')}</h3>
      {details?.success === true ? (
        <dl className="details">
          {Object.entries(details.data).map(([field, value]) => (
            <div key={field} className="details-row">
              <dt>{t(`clients:field.${field}`)}</dt>
              <dd>{clientFieldText(field, value, t, lng)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{t('export.none')}</p>
      )}

      <h3>{t('export.notesSection')}</h3>
      {notes.length === 0 ? (
        <p>{t('export.none')}</p>
      ) : (
        <ol className="export-notes">
          {notes.map(({ record, fields }) => (
            <li key={record.id}>
              <NoteBody fields={fields} />
              {fields.supersedesId !== null && <p className="note-meta">{t('export.correction')}</p>}
            </li>
          ))}
        </ol>
      )}

      {conflicts.length > 0 && (
        <>
          <h3>{t('export.conflictsSection')}</h3>
          <ul>
            {conflicts.map(({ record, field, value }) => (
              <li key={record.id}>{t('export.conflictRow', { field: t(`clients:field.${field}`), value: clientFieldText(field, value, t, lng) })}</li>
            ))}
          </ul>
        </>
      )}

      {other.length > 0 && (
        <>
          <h3>{t('export.otherSection')}</h3>
          {other.map((record) => (
            <dl key={record.id} className="details">
              {Object.entries(record.data).map(([field, value]) => (
                <div key={field} className="details-row">
                  <dt>{field}</dt>
                  <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
                </div>
              ))}
            </dl>
          ))}
        </>
      )}
    </section>
  );
}
