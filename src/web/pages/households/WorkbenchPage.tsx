import { FormOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Pagination, Segmented, Space, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { CASE_ACTION_NAMES, type CaseAction } from '../../../domain/households/cases.ts';
import { householdCaseRoutes, type CasePageRow } from '../../../shared/api/household-cases.ts';
import { householdRoutes, type HouseholdRow } from '../../../shared/api/households.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { GeneratedTag } from '../../components/GeneratedTag.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { CaseActModal, FORWARD } from './CaseParts.tsx';
import { LeadModal } from './HouseholdPage.tsx';
import { CaseStatusTag, ClassTags, FlagTags, hasLiveCase, perCapitaText, stepName, useUnitName } from './common.tsx';
import './households.css';

type Tab = 'cases' | 'attention' | 'all';
const CASE_PAGE = 20;

/**
 * 村级工作台: what a village cadre (or a township officer) does today, on a phone — the monitoring cases waiting for
 * them (overdue first) with one tap to record a visit or take the next step, the households that need attention
 * (below 10,000, zero-employment, near the line) with one tap to log a visit, and the village's households by name
 * or the last four digits of an ID number.
 */
export function WorkbenchPage() {
  const { lang, t, pick } = useI18n();
  const { user } = useSession();
  const org = useOrgUnits();
  const unitName = useUnitName();
  const [tab, setTab] = useState<Tab>('cases');
  const [keyword, setKeyword] = useState('');
  const [query, setQuery] = useState<{ name?: string; idTail?: string }>({});
  const [acting, setActing] = useState<{ row: CasePageRow; action: CaseAction } | null>(null);
  const [lead, setLead] = useState<HouseholdRow | null>(null);

  const [casePage, setCasePage] = useState(1);
  // My cases, overdue first: filtered and paged by the server, each with its household's masked head name.
  const cases = useRoute(
    householdCaseRoutes.list,
    { query: { status: 'live', mine: 'true', page: casePage, pageSize: CASE_PAGE } },
    { live: true },
  );
  const below = useRoute(householdRoutes.search, { query: { flag: 'below10k', pageSize: 50, page: 1 } });
  const zero = useRoute(householdRoutes.search, { query: { flag: 'zeroEmployment', pageSize: 50, page: 1 } });
  const near = useRoute(householdRoutes.search, {
    query: { flag: 'nearLine', certainOnly: 'true', pageSize: 50, page: 1 },
  });
  const all = useRoute(householdRoutes.search, { query: { ...query, pageSize: 30, page: 1 } });
  const todo = cases.data?.rows ?? [];
  const overdue = cases.data?.overdue ?? 0;
  const attention = useMemo(() => {
    const seen = new Map<string, HouseholdRow>();
    for (const r of [...(below.data?.rows ?? []), ...(zero.data?.rows ?? []), ...(near.data?.rows ?? [])]) {
      if (!seen.has(r.id)) seen.set(r.id, r);
    }
    // Those without a live case first: nobody is working on them yet.
    return [...seen.values()].sort((a, b) => Number(hasLiveCase(a)) - Number(hasLiveCase(b)));
  }, [below.data, zero.data, near.data]);
  const scopeNames = (user?.entryScope ?? []).map((id) => {
    const u = org.byId.get(id);
    return u ? pick(u.name, u.nameEn) : '';
  });
  const reload = () => {
    cases.reload();
    below.reload();
    zero.reload();
    near.reload();
    all.reload();
  };

  const search = () => {
    const k = keyword.trim();
    setQuery(/^[0-9]{3}[0-9Xx]$/.test(k) ? { idTail: k } : k ? { name: k } : {});
  };

  return (
    <div className="hh-page hh-workbench">
      <div className="hh-wb-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t(
            user?.role === 'villageCadre'
              ? 'hh.wb.title'
              : user?.role === 'townshipOfficer'
                ? 'hh.wb.titleTownship'
                : 'hh.wb.titleCounty',
          )}
        </Typography.Title>
        <span className="hh-muted">{scopeNames.filter(Boolean).join('、')}</span>
      </div>
      <div className="hh-wb-stats">
        <Card size="small">
          <Statistic title={t('hh.wb.todo')} value={cases.data?.todo ?? 0} />
        </Card>
        <Card size="small">
          <Statistic
            title={t('hh.wb.overdue')}
            value={overdue}
            styles={{ content: overdue > 0 ? { color: '#cf1322' } : {} }}
          />
        </Card>
        <Card size="small">
          <Statistic title={t('hh.wb.attention')} value={attention.length} />
        </Card>
      </div>
      <Segmented<Tab>
        block
        value={tab}
        onChange={setTab}
        options={[
          { value: 'cases', label: t('hh.wb.tabCases') },
          { value: 'attention', label: t('hh.wb.tabAttention') },
          { value: 'all', label: t('hh.wb.tabAll') },
        ]}
        style={{ marginBottom: 12 }}
        data-testid="wb-tabs"
      />
      {cases.error ? <ErrorAlert error={cases.error} onRetry={cases.reload} /> : null}
      {tab === 'cases' ? (
        todo.length === 0 && !cases.loading ? (
          <Empty description={t('hh.wb.noTodo')} />
        ) : (
          todo.map((c) => {
            const quickVisit = c.actions.includes('recordVisit');
            const next = c.actions.find((a) => FORWARD.includes(a) && a !== 'recordVisit');
            return (
              <Card
                key={c.id}
                size="small"
                className={`hh-wb-card${c.overdue ? ' hh-wb-overdue' : ''}`}
                data-testid={`wb-case-${c.code}`}
              >
                <div className="hh-wb-row">
                  <b>
                    {c.household
                      ? `${c.household.headName} · ${t('hh.people', { n: c.household.size })}`
                      : unitName(c.villageId, c.villageName)}
                  </b>
                  <CaseStatusTag status={c.status} />
                </div>
                {c.household ? <div className="hh-muted">{unitName(c.villageId, c.villageName)}</div> : null}
                <div>{c.kindName[lang]}</div>
                {c.step ? (
                  <div className={c.overdue ? 'hh-overdue' : 'hh-muted'}>
                    {t('hh.waitingFor', { step: stepName(c.step.step, lang), date: c.step.due })}
                    {c.overdue ? ` · ${t('hh.overdue')}` : ''}
                  </div>
                ) : null}
                <div className="hh-muted">
                  {c.code} {c.generated ? <GeneratedTag /> : null}
                </div>
                <div className="hh-wb-actions">
                  {quickVisit ? (
                    <Button
                      type="primary"
                      onClick={() => setActing({ row: c, action: 'recordVisit' })}
                      data-testid={`wb-visit-${c.code}`}
                    >
                      {t('hh.wb.visit')}
                    </Button>
                  ) : null}
                  {next ? (
                    <Button onClick={() => setActing({ row: c, action: next })} data-testid={`wb-next-${c.code}`}>
                      {CASE_ACTION_NAMES[next][lang]}
                    </Button>
                  ) : null}
                  <Link to={`/households/${encodeURIComponent(c.householdId)}`}>
                    {t('hh.wb.household')} <RightOutlined />
                  </Link>
                </div>
              </Card>
            );
          })
        )
      ) : null}
      {tab === 'cases' && (cases.data?.total ?? 0) > CASE_PAGE ? (
        <Pagination
          simple
          align="center"
          current={casePage}
          pageSize={CASE_PAGE}
          total={cases.data?.total ?? 0}
          onChange={setCasePage}
          data-testid="wb-case-pages"
        />
      ) : null}
      {tab === 'attention' ? (
        attention.length === 0 ? (
          <Empty description={t('hh.wb.noAttention')} />
        ) : (
          attention.map((r) => (
            <HouseholdCard
              key={r.id}
              row={r}
              hasCase={hasLiveCase(r)}
              onLead={user?.role === 'villageCadre' || user?.role === 'townshipOfficer' ? () => setLead(r) : undefined}
            />
          ))
        )
      ) : null}
      {tab === 'all' ? (
        <>
          <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
            <Input
              allowClear
              value={keyword}
              onChange={(e) => setKeyword(e.target.value)}
              onPressEnter={search}
              placeholder={t('hh.wb.searchPlaceholder')}
              data-testid="wb-search"
            />
            <Button type="primary" icon={<SearchOutlined />} onClick={search} data-testid="wb-search-go">
              {t('common.search')}
            </Button>
          </Space.Compact>
          {all.error ? <ErrorAlert error={all.error} onRetry={all.reload} /> : null}
          <div className="hh-muted" style={{ marginBottom: 8 }}>
            {t('hh.total', { n: all.data?.total ?? 0 })}
            {(all.data?.total ?? 0) > 30 ? ` · ${t('hh.wb.refine')}` : ''}
          </div>
          {(all.data?.rows ?? []).map((r) => (
            <HouseholdCard key={r.id} row={r} hasCase={hasLiveCase(r)} />
          ))}
        </>
      ) : null}
      <CaseActModal
        target={
          acting
            ? { id: acting.row.id, code: acting.row.code, version: acting.row.version, action: acting.action }
            : null
        }
        onClose={() => setActing(null)}
        onDone={reload}
      />
      <LeadModal
        open={lead !== null}
        householdId={lead?.id ?? ''}
        villageId={lead?.villageId ?? ''}
        onClose={() => setLead(null)}
        onDone={reload}
      />
    </div>
  );
}

function HouseholdCard({ row, hasCase, onLead }: { row: HouseholdRow; hasCase: boolean; onLead?: () => void }) {
  const { lang, t } = useI18n();
  const unitName = useUnitName();
  return (
    <Card size="small" className="hh-wb-card" data-testid={`wb-household-${row.code}`}>
      <div className="hh-wb-row">
        <Link to={`/households/${encodeURIComponent(row.id)}`}>
          <b>{row.headName}</b> · {t('hh.people', { n: row.size })}
        </Link>
        {row.generated ? <GeneratedTag /> : null}
      </div>
      <div className="hh-muted">
        {unitName(row.villageId, row.villageName)} · {row.code}
      </div>
      <div>
        {t('hh.perCapita')}：{perCapitaText(row.perCapita, lang)} <ClassTags classes={row.incomeClasses} />
      </div>
      <div style={{ marginTop: 4 }}>
        <FlagTags flags={row.flags} />
      </div>
      <div className="hh-wb-actions">
        {hasCase ? <Tag color="blue">{t('hh.wb.hasCase')}</Tag> : null}
        {onLead && !hasCase ? (
          <Button size="middle" icon={<FormOutlined />} onClick={onLead} data-testid={`wb-lead-${row.code}`}>
            {t('hh.wb.logVisit')}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}
