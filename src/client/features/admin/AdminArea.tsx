/**
 * The administration: accounts, devices and the audit log. The router offers it to the admin role only (the server
 * refuses everyone else anyway), under /admin. Nothing in it reads or shows client records.
 */
import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useRoute } from 'wouter';
import { NotFound } from '../../app/NotFound.tsx';
import { AccountsScreen } from './AccountsScreen.tsx';
import { AuditScreen } from './AuditScreen.tsx';
import { DevicesScreen } from './DevicesScreen.tsx';
import { NewAccountScreen } from './NewAccountScreen.tsx';

function SectionLink({ href, children }: { readonly href: string; readonly children: string }) {
  const [here] = useRoute(href);
  // "New account" belongs to Accounts: the link says it leads to the section you are in, though not this page.
  const [within] = useRoute(`${href}/*`);
  return (
    <Link href={href} aria-current={here ? 'page' : within ? 'true' : undefined}>
      {children}
    </Link>
  );
}

export function AdminArea() {
  const { t } = useTranslation('admin');
  return (
    <>
      <nav aria-label={t('nav.label')} className="admin-nav">
        <SectionLink href="/accounts">{t('nav.accounts')}</SectionLink>
        <SectionLink href="/devices">{t('nav.devices')}</SectionLink>
        <SectionLink href="/audit">{t('nav.audit')}</SectionLink>
      </nav>
      <Switch>
        <Route path="/accounts" component={AccountsScreen} />
        <Route path="/accounts/new" component={NewAccountScreen} />
        <Route path="/devices" component={DevicesScreen} />
        <Route path="/audit" component={AuditScreen} />
        <Route path="/">
          <Redirect to="/accounts" replace />
        </Route>
        <Route component={NotFound} />
      </Switch>
    </>
  );
}
