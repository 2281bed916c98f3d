import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n/format.ts';
import { feedbackEmail, statementPreparedOn, supervisoryAuthority } from './statementFacts.ts';
import './accessibilityStatement.css';

/**
 * The accessibility statement required by Act 306/2019 §15, laid out like the Finnish model statement
 * (saavutettavuusseloste): the service, its conformance status, the non-accessible content, how the statement was
 * prepared, feedback, and the supervisory authority.
 */
export function AccessibilityStatementScreen() {
  const { t, i18n } = useTranslation('accessibility');
  const authority = supervisoryAuthority;
  return (
    <article aria-labelledby="statement-heading" className="statement">
      <h1 id="statement-heading">{t('title')}</h1>
      <p>{t('intro')}</p>
      <p>{t('law')}</p>

      <section aria-labelledby="statement-status">
        <h2 id="statement-status">{t('status.heading')}</h2>
        <p>{t('status.text')}</p>
      </section>

      <section aria-labelledby="statement-non-conforming">
        <h2 id="statement-non-conforming">{t('nonConforming.heading')}</h2>
        <p>{t('nonConforming.intro')}</p>
        <ul className="statement-issues">
          <li>{t('nonConforming.notesLanguage')}</li>
          <li>{t('nonConforming.screenReaders')}</li>
          <li>{t('nonConforming.machineTranslation')}</li>
          <li>{t('nonConforming.dateTimeInputs')}</li>
          <li>{t('nonConforming.windowedLists')}</li>
        </ul>
      </section>

      <section aria-labelledby="statement-preparation">
        <h2 id="statement-preparation">{t('preparation.heading')}</h2>
        <p>{t('preparation.date', { date: formatDate(statementPreparedOn, i18n.language) })}</p>
        <p>{t('preparation.method')}</p>
      </section>

      <section aria-labelledby="statement-feedback">
        <h2 id="statement-feedback">{t('feedback.heading')}</h2>
        <p>{t('feedback.text')}</p>
        <dl className="statement-contact">
          <Contact term={t('contact.email')}>
            <a href={`mailto:${feedbackEmail}`} dir="ltr">{feedbackEmail}</a>
          </Contact>
        </dl>
        <p>{t('feedback.answer')}</p>
      </section>

      <section aria-labelledby="statement-enforcement">
        <h2 id="statement-enforcement">{t('enforcement.heading')}</h2>
        <p>{t('enforcement.text')}</p>
      </section>

      <section aria-labelledby="statement-authority">
        <h2 id="statement-authority">{t('authority.heading')}</h2>
        <p>
          {t('authority.name')}
          <br />
          {t('authority.unit')}
        </p>
        <dl className="statement-contact">
          <Contact term={t('contact.website')}>
            <a href={authority.websiteUrl} dir="ltr">{authority.website}</a>
          </Contact>
        </dl>
      </section>
    </article>
  );
}

/** One row of contact details; addresses and numbers are left-to-right even on a right-to-left page. */
function Contact({ term, children }: { readonly term: string; readonly children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
