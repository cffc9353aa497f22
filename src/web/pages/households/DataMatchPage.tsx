import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Table, Tabs, Typography, Upload } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { BUILTIN_CASE_KINDS, CASE_SOURCE_NAMES } from '../../../domain/households/cases.ts';
import { householdCaseRoutes, type CaseListRow } from '../../../shared/api/household-cases.ts';
import { call, toApiError, type ApiError } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { GeneratedTag } from '../../components/GeneratedTag.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRoute } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { CaseActModal, useServerToday } from './CaseParts.tsx';
import { CaseStatusTag, stepName, useUnitName } from './common.tsx';
import { idTail, matchRows, parseDelimited, readXlsx, type MatchRow, type ParseIssue } from './dataMatchRows.ts';
import './households.css';

const DEPARTMENTS = ['医保局', '民政局', '残联', '人社局', '教育局', '住建局', '卫健委', '应急管理局'];

type Result = Awaited<ReturnType<typeof call<typeof householdCaseRoutes.dataMatch>>>;

/**
 * 部门数据比对: a department's monthly push (医保、民政、残联、人社、教育、住建 …) — a file or pasted rows of ID numbers
 * with the kind and the reason — matched through the blind index, all or nothing; the unmatched and out-of-scope
 * rows come back by row and the last four digits. Below, the cases the matches opened, for the township to verify.
 */
export function DataMatchPage() {
  const { lang, t } = useI18n();
  const { user } = useSession();
  const unitName = useUnitName();
  const { message } = App.useApp();
  const [department, setDepartment] = useState<string>('医保局');
  const [kind, setKind] = useState<string>(user?.role === 'hrOfficer' ? 'zeroEmployment' : 'below10k');
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [table, setTable] = useState<string[][] | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [visiting, setVisiting] = useState<CaseListRow | null>(null);
  const [casePage, setCasePage] = useState(1);
  const cases = useRoute(householdCaseRoutes.list, {
    query: { status: 'open', source: 'dataMatch', page: casePage, pageSize: 20 },
  });
  const today = useServerToday();
  /** The file's row of a row the server reports (it numbers what it is sent from 2). */
  const [sentRows, setSentRows] = useState<number[]>([]);
  const fileRow = (serverRow: number) => sentRows[serverRow - 2] ?? serverRow;

  const source = table ?? (text.trim() ? parseDelimited(text) : null);
  const parsed = useMemo(
    () =>
      source
        ? matchRows(source, { kind, reason: reason.trim() }, today)
        : { rows: [] as MatchRow[], fileRows: [] as number[], issues: [] as ParseIssue[] },
    [source, kind, reason, today],
  );

  const readFile = async (file: File) => {
    setResult(null);
    setError(null);
    try {
      if (/\.xlsx$/i.test(file.name)) setTable(await readXlsx(await file.arrayBuffer()));
      else setTable(parseDelimited(await file.text()));
      setFileName(file.name);
      setText('');
    } catch {
      void message.error(t('hh.match.unreadable', { name: file.name }));
    }
  };

  const send = async () => {
    if (parsed.rows.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call(householdCaseRoutes.dataMatch, {
        body: { department: department.trim(), rows: parsed.rows },
      });
      setSentRows(parsed.fileRows);
      setResult(r);
      cases.reload();
      void message.success(t('hh.match.done', { opened: r.opened, joined: r.joined }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<CaseListRow> = [
    { title: t('hh.case.code'), dataIndex: 'code', width: 150 },
    {
      title: t('hh.village'),
      key: 'village',
      width: 120,
      render: (_: unknown, c) => unitName(c.villageId, c.villageName),
    },
    { title: t('hh.case.kind'), key: 'kind', width: 170, render: (_: unknown, c) => c.kindName[lang] },
    {
      title: t('common.status'),
      key: 'status',
      width: 130,
      render: (_: unknown, c) => <CaseStatusTag status={c.status} />,
    },
    {
      title: t('hh.case.step'),
      key: 'step',
      width: 180,
      render: (_: unknown, c) =>
        c.step ? (
          <span className={c.overdue ? 'hh-overdue' : ''}>
            {stepName(c.step.step, lang)} · {t('hh.dueOn', { date: c.step.due })}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_: unknown, c) => (
        <Space wrap>
          {c.actions.includes('recordVisit') ? (
            <Button size="small" type="primary" onClick={() => setVisiting(c)}>
              {t('hh.wb.visit')}
            </Button>
          ) : null}
          <Link to={`/households/${encodeURIComponent(c.householdId)}`}>{t('hh.wb.household')}</Link>
          {c.generated ? <GeneratedTag /> : null}
        </Space>
      ),
    },
  ];

  return (
    <div className="hh-page">
      <PageHeader title={t('hh.match.title')} subtitle={t('hh.match.subtitle')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item label={t('hh.match.department')} required>
                <Select
                  showSearch
                  value={department}
                  onChange={setDepartment}
                  options={DEPARTMENTS.map((d) => ({ value: d, label: d }))}
                  data-testid="match-department"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('hh.match.defaultKind')} extra={t('hh.match.defaultKindHint')}>
                <Select
                  value={kind}
                  onChange={setKind}
                  options={BUILTIN_CASE_KINDS.map((k) => ({ value: k.code, label: k.name[lang] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('hh.match.defaultReason')} extra={t('hh.match.defaultReasonHint')}>
                <Input
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  maxLength={500}
                  placeholder={t('hh.match.reasonPlaceholder')}
                  data-testid="match-reason"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Tabs
          items={[
            {
              key: 'file',
              label: t('hh.match.file'),
              children: (
                <Upload.Dragger
                  accept=".csv,.txt,.xlsx"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void readFile(file);
                    return false;
                  }}
                  data-testid="match-file"
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p>
                    {fileName
                      ? t('hh.match.fileRead', { name: fileName, n: source?.length ?? 0 })
                      : t('hh.match.fileHint')}
                  </p>
                  <p className="hh-muted">{t('hh.match.columns')}</p>
                </Upload.Dragger>
              ),
            },
            {
              key: 'paste',
              label: t('hh.match.paste'),
              children: (
                <Input.TextArea
                  rows={6}
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    setTable(null);
                    setFileName(null);
                    setResult(null);
                  }}
                  placeholder={t('hh.match.pastePlaceholder')}
                  data-testid="match-paste"
                />
              ),
            },
          ]}
        />
        {source && parsed.issues.length > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={t('hh.match.issues', { n: parsed.issues.length })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {parsed.issues.slice(0, 20).map((i) => (
                  <li key={`${i.row}-${i.zh}`}>
                    {i.row > 0 ? t('hh.match.row', { row: i.row }) : ''}
                    {lang === 'en' ? i.en : i.zh}
                  </li>
                ))}
              </ul>
            }
            data-testid="match-issues"
          />
        ) : null}
        <Space style={{ marginTop: 12 }} wrap>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={parsed.rows.length === 0 || !department.trim()}
            loading={busy}
            onClick={() => void send()}
            data-testid="match-send"
          >
            {t('hh.match.send', { n: parsed.rows.length })}
          </Button>
          <Typography.Text type="secondary">{t('hh.match.privacy')}</Typography.Text>
        </Space>
        {error ? (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={error} />
          </div>
        ) : null}
        {result ? (
          <Alert
            type={result.unmatched.length + result.outOfScope.length > 0 ? 'warning' : 'success'}
            showIcon
            style={{ marginTop: 12 }}
            data-testid="match-result"
            title={t('hh.match.result', { rows: result.rows, opened: result.opened, joined: result.joined })}
            description={
              result.unmatched.length + result.outOfScope.length > 0 ? (
                <div>
                  {result.unmatched.length > 0 ? (
                    <div>
                      {t('hh.match.unmatched', { n: result.unmatched.length })}
                      {result.unmatched
                        .slice(0, 30)
                        .map((u) => t('hh.match.rowTail', { row: fileRow(u.row), tail: u.idTail }))
                        .join('、')}
                    </div>
                  ) : null}
                  {result.outOfScope.length > 0 ? (
                    <div>
                      {t('hh.match.outOfScope', { n: result.outOfScope.length })}
                      {result.outOfScope
                        .slice(0, 30)
                        .map((u) => t('hh.match.rowTail', { row: fileRow(u.row), tail: u.idTail }))
                        .join('、')}
                    </div>
                  ) : null}
                </div>
              ) : undefined
            }
          />
        ) : null}
        {parsed.rows.length > 0 && !result ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('hh.match.preview', {
              tails: parsed.rows
                .slice(0, 8)
                .map((r) => `…${idTail(r.idNumber)}`)
                .join('、'),
            })}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card size="small" title={t('hh.match.toVerify', { source: CASE_SOURCE_NAMES.dataMatch[lang] })}>
        {cases.error ? <ErrorAlert error={cases.error} onRetry={cases.reload} /> : null}
        <Table<CaseListRow>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={cases.data?.rows ?? []}
          loading={cases.loading}
          scroll={{ x: 950 }}
          pagination={{
            current: casePage,
            pageSize: 20,
            total: cases.data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            onChange: setCasePage,
          }}
          locale={{ emptyText: t('hh.match.noneToVerify') }}
          data-testid="match-cases"
        />
      </Card>
      <CaseActModal
        target={
          visiting ? { id: visiting.id, code: visiting.code, version: visiting.version, action: 'recordVisit' } : null
        }
        onClose={() => setVisiting(null)}
        onDone={cases.reload}
      />
    </div>
  );
}
