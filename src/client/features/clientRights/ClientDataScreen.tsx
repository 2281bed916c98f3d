import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { RequestErrorCode } from '#shared/errors.ts';
import type { ClientExport } from '#shared/schema/clientRights.ts';
import { eraseClient, fetchClientExport } from '../../clientRights/clientRightsApi.ts';
import { NotFound } from '../../app/NotFound.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../online/ConfirmDialog.tsx';
import { errorCodeOf, requestErrorText } from '../online/requestError.ts';
import { useOnline } from '../online/useOnline.ts';
import { useClient } from '../clients/useClients.ts';
import { ClientExportView } from './ClientExportView.tsx';

type ExportState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly code: RequestErrorCode }
  | { readonly status: 'ready'; readonly exported: ClientExport; readonly fileUrl: string };

/** The export as a file a person can save: the server's answer as it came, indented for reading. */
function exportFileUrl(exported: ClientExport): string {
  return URL.createObjectURL(new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' }));
}

/**
 * A client's data subject rights: fetch and print or save everything the server holds about them, or erase it.
 * Both act on the server, so both need the network. The export is fetched only when asked for, since each fetch
 * is logged as an export of every record in it.
 */
export function ClientDataScreen({ id }: { readonly id: string }) {
  const { t } = useTranslation(['clientRights', 'common', 'errors']);
  const client = useClient(id);
  const online = useOnline();
  const [exportState, setExportState] = useState<ExportState>({ status: 'idle' });
  const [erased, setErased] = useState<number | null>(null);
  const fileUrl = exportState.status === 'ready' ? exportState.fileUrl : null;
  useEffect(() => () => (fileUrl === null ? undefined : URL.revokeObjectURL(fileUrl)), [fileUrl]);
  // The dialog and the screen it was on are gone once the erasure is done: start reading at what happened.
  const erasedHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (erased !== null) erasedHeading.current?.focus();
  }, [erased]);

  if (erased !== null) {
    return (
      <section aria-labelledby="erased-heading">
        <h1 id="erased-heading" tabIndex={-1} ref={erasedHeading}>
          {t('erase.doneTitle')}
        </h1>
        <p role="status">{t('erase.done', { count: erased })}</p>
        <Link href="/">{t('backToList')}</Link>
      </section>
    );
  }
  if (client === undefined) return <p role="status">{t('common:loading')}</p>;
  if (client === null) return <NotFound />;
  const name = `${client.fields.firstNames} ${client.fields.lastName}`;

  const prepare = () => {
    setExportState({ status: 'loading' });
    fetchClientExport(id).then(
      (exported) => setExportState({ status: 'ready', exported, fileUrl: exportFileUrl(exported) }),
      (err: unknown) => setExportState({ status: 'failed', code: errorCodeOf(err) }),
    );
  };

  return (
    <article aria-labelledby="client-data-heading" className="client-data">
      <div className="screen-header no-print">
        <h1 id="client-data-heading">{t('title', { name })}</h1>
        <Link href={`/clients/${id}`}>{t('backToClient')}</Link>
      </div>

      <section aria-labelledby="export-heading" className="client-data-section">
        <h2 id="export-heading" className="no-print">
          {t('export.heading')}
        </h2>
        <p className="no-print">{t('export.explanation')}</p>
        {!online && <p className="form-hint no-print">{t('needsNetwork')}</p>}
        <div className="form-actions no-print">
          <Button variant="secondary" onPress={prepare} isDisabled={!online || exportState.status === 'loading'}>
            {t('export.prepare')}
          </Button>
          {exportState.status === 'ready' && (
            <>
              <a className="button button-secondary" href={exportState.fileUrl} download={`silta-client-${id}.json`}>
                {t('export.download')}
              </a>
              <Button variant="secondary" onPress={() => window.print()}>
                {t('export.print')}
              </Button>
            </>
          )}
        </div>
        <div role="status" className="no-print">
          {exportState.status === 'loading' && t('export.preparing')}
        </div>
        {exportState.status === 'failed' && (
          <p role="alert" className="form-error no-print">
            {requestErrorText(t, exportState.code)}
          </p>
        )}
        {exportState.status === 'ready' && <ClientExportView exported={exportState.exported} />}
      </section>

      <section aria-labelledby="erase-heading" className="client-data-section no-print">
        <h2 id="erase-heading">{t('erase.heading')}</h2>
        <p>{t('erase.explanation')}</p>
        {!online && <p className="form-hint">{t('needsNetwork')}</p>}
        <ConfirmDialog
          trigger={t('erase.button')}
          title={t('erase.confirmTitle', { name })}
          explanation={t('erase.confirmExplanation')}
          confirm={t('erase.confirm')}
          isDisabled={!online}
          onConfirm={async () => setErased((await eraseClient(id)).erased)}
        />
      </section>
    </article>
  );
}
