import { useTranslation } from 'react-i18next';

/** The error as the browser gave it, folded away, for a person to read out or copy to IT support. */
export function ErrorForSupport({ detail }: { readonly detail: string }) {
  const { t } = useTranslation('common');
  return (
    <details>
      <summary>{t('startup.detail')}</summary>
      <p>
        <code>{detail}</code>
      </p>
    </details>
  );
}
