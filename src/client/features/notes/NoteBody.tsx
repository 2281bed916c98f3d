import { useTranslation } from 'react-i18next';
import type { NoteFields } from '#shared/schema/note.ts';
import { formatDate, formatDateTime, languageName } from '../../i18n/format.ts';

export function NoteBody({ fields }: { readonly fields: NoteFields }) {
  const { t, i18n } = useTranslation('notes');
  const lng = i18n.language;
  const place = fields.place === 'other' ? fields.placeOther : t(`place.${fields.place}`);
  return (
    <div className="note-body">
      <p className="note-meta">
        <time dateTime={fields.occurredAt}>{formatDateTime(fields.occurredAt, lng)}</time>
        <span>{t('list.duration', { count: fields.durationMinutes })}</span>
        <span>{place}</span>
        {fields.interpreterUsed && <span>{t('list.interpreter', { language: languageName(fields.interpreterLanguage, lng) })}</span>}
      </p>
      <ul className="topic-list" aria-label={t('field.topics')}>
        {fields.topics.map((topic) => (
          <li key={topic} className="topic-tag">{t(`topic.${topic}`)}</li>
        ))}
      </ul>
      <p className="note-text">{fields.text}</p>
      {fields.followUpDate !== '' && <p className="note-follow-up">{t('list.followUp', { date: formatDate(fields.followUpDate, lng) })}</p>}
    </div>
  );
}
