import { Tabs } from 'antd';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import '../workflow/workflow.css';
import { AccountsTab } from './AccountsTab.tsx';
import { DeliveriesTab, ReceiversTab } from './NotificationTabs.tsx';
import { ImportTab } from './ImportTab.tsx';
import { MappingsTab } from './MappingsTab.tsx';

/**
 * 数据交换中心 (issue 12): the coordination centre keeps the identifier mappings, the receivers of signed
 * notifications and reads their delivery log; the system administrator creates service accounts and issues their
 * tokens (shown once), the security administrator revokes them, the centre sees them; reporters import DHIS2 data
 * value sets and ADX with a dry run first. Each tab is there for the roles its routes answer.
 */
export function ExchangePage() {
  const t = useT();
  const role = useSession().user?.role;
  const reporter = role === 'districtReporter' || role === 'departmentReporter';
  const items = [
    ...(role === 'coordinator' || role === 'admin' || role === 'securityAdmin'
      ? [{ key: 'accounts', label: t('ex.tabAccounts'), children: <AccountsTab /> }]
      : []),
    ...(reporter ? [{ key: 'import', label: t('ex.tabImport'), children: <ImportTab /> }] : []),
    ...(role === 'coordinator' || reporter
      ? [{ key: 'mappings', label: t('ex.tabMappings'), children: <MappingsTab editable={role === 'coordinator'} /> }]
      : []),
    ...(role === 'coordinator'
      ? [
          { key: 'receivers', label: t('ex.tabReceivers'), children: <ReceiversTab /> },
          { key: 'deliveries', label: t('ex.tabDeliveries'), children: <DeliveriesTab /> },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader title={t('ex.title')} subtitle={t('ex.subtitle')} />
      <div className="wf-panel">
        <Tabs
          destroyOnHidden
          items={items.map((i) => ({ ...i, label: <span data-testid={`ex-tab-${i.key}`}>{i.label}</span> }))}
        />
      </div>
    </>
  );
}
