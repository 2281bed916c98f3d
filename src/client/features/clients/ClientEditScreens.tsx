import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { appDb } from '../../db/index.ts';
import { createClient, updateClient } from '../../db/clientsRepo.ts';
import { ClientForm } from './ClientForm.tsx';
import { emptyClient } from './clientForm.ts';
import { useClient } from './useClients.ts';
import { NotFound } from '../../app/NotFound.tsx';

export function ClientNewScreen() {
  const { t } = useTranslation('clients');
  const [, navigate] = useLocation();
  return (
    <section aria-labelledby="form-heading">
      <h1 id="form-heading">{t('form.newTitle')}</h1>
      <ClientForm
        draftKey="client-new"
        initial={emptyClient}
        onSave={async (fields) => navigate(`/clients/${await createClient(appDb(), fields)}`, { replace: true })}
        onCancel={() => navigate('/')}
      />
    </section>
  );
}

export function ClientEditScreen({ id }: { readonly id: string }) {
  const { t } = useTranslation('clients');
  const [, navigate] = useLocation();
  const client = useClient(id);
  if (client === null) return <NotFound />;
  return (
    <section aria-labelledby="form-heading">
      <h1 id="form-heading">{t('form.editTitle')}</h1>
      <ClientForm
        draftKey={`client-edit:${id}`}
        initial={client?.fields ?? null}
        onSave={async (fields) => {
          await updateClient(appDb(), id, fields);
          navigate(`/clients/${id}`, { replace: true });
        }}
        onCancel={() => navigate(`/clients/${id}`)}
      />
    </section>
  );
}
