import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { call, fieldErrors, toApiError } from '../../api.ts';
import { schemaError, schemaRule } from '../../schemaRules.ts';
import { useFramework, useOrgUnits, useWorkTeams } from '../../hooks/useReference.ts';
import { useI18n, useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { LIST_KIND_NAMES, LIST_KINDS, type ListKind } from '../../../domain/lists/types.ts';
import { itemInputSchema, listRoutes, type ItemDetail } from '../../../shared/api/lists.ts';
import { OrgUnitTreeSelect } from '../workflow/OrgUnitTreeSelect.tsx';
import { DateField } from '../../components/DateField.tsx';
import { apiErrorText } from '../../apiErrors.ts';

interface Values {
  kind: ListKind;
  year: number;
  title: string;
  content?: string;
  dimensionCode?: string;
  workTeamId?: string;
  leaderName: string;
  leadUnitId: string;
  coUnitIds?: string[];
  personInCharge: string;
  contact?: string;
  districtId?: string;
  startDate: string;
  deadline: string;
  targetUnit?: string;
  floor?: number | null;
  stretch?: number | null;
  indicatorCode?: string;
  milestones?: { title: string; plannedDate: string }[];
}

const fields = itemInputSchema.shape;
/**
 * The fields the schema's checks across fields name (dates against the year and each other, the stretch target
 * against the floor); the single fields are checked as they are typed. A milestone's `title` is not the item's.
 */
const CROSS_CHECKED = ['startDate', 'deadline', 'floor', 'stretch'] as const;

interface Props {
  open: boolean;
  /** The draft to edit; absent for a new one. */
  item?: ItemDetail;
  onClose: () => void;
  onSaved: (id: string) => void;
}

/** A new draft, or changes to a draft (the coordination centre only; the server checks the same rules again). */
export function ItemFormModal({ open, item, onClose, onSaved }: Props) {
  const t = useT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const org = useOrgUnits();
  const teams = useWorkTeams();
  const framework = useFramework('current');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    if (item) {
      const i = item.item;
      form.setFieldsValue({
        kind: i.kind,
        year: i.year,
        title: i.title,
        content: i.content,
        dimensionCode: i.dimensionCode ?? undefined,
        workTeamId: i.workTeamId ?? undefined,
        leaderName: i.leaderName,
        leadUnitId: i.leadUnitId,
        coUnitIds: i.coUnitIds,
        personInCharge: i.personInCharge,
        contact: i.contact,
        districtId: i.districtId ?? undefined,
        startDate: i.startDate,
        deadline: i.deadline,
        targetUnit: i.target?.unit,
        floor: i.target?.floor ?? null,
        stretch: i.target?.stretch ?? null,
        indicatorCode: i.target?.indicatorCode ?? undefined,
        milestones: item.milestones.map((m) => ({ title: m.title, plannedDate: m.plannedDate })),
      });
    } else {
      form.resetFields();
      form.setFieldsValue({ kind: 'task', year: new Date().getFullYear(), milestones: [] });
    }
  }, [open, item, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const hasTarget = v.floor != null || v.stretch != null || Boolean(v.targetUnit) || Boolean(v.indicatorCode);
    const body = {
      kind: v.kind,
      year: v.year,
      title: v.title,
      content: v.content ?? '',
      dimensionCode: v.dimensionCode ?? null,
      workTeamId: v.workTeamId ?? null,
      leaderName: v.leaderName,
      leadUnitId: v.leadUnitId,
      coUnitIds: v.coUnitIds ?? [],
      personInCharge: v.personInCharge,
      contact: v.contact ?? '',
      districtId: v.districtId ?? null,
      startDate: v.startDate,
      deadline: v.deadline,
      target: hasTarget
        ? {
            unit: v.targetUnit ?? '',
            floor: v.floor ?? null,
            stretch: v.stretch ?? null,
            indicatorCode: v.indicatorCode || null,
          }
        : null,
      milestones: v.milestones ?? [],
    };
    // The shared schema's checks across fields (the dates against the year and each other) before the server's.
    const refused = schemaError(itemInputSchema, body);
    if (refused) {
      form.setFields(fieldErrors(refused, CROSS_CHECKED, lang));
      void message.error(apiErrorText(refused, lang, t));
      return;
    }
    setBusy(true);
    try {
      if (item) {
        await call(listRoutes.update, {
          params: { id: item.item.id },
          body: { version: item.item.version, item: body },
        });
        void message.success(t('act.saved', { code: item.item.code }));
        onSaved(item.item.id);
      } else {
        const r = await call(listRoutes.create, { body });
        void message.success(t('form.created', { code: r.code }));
        onSaved(r.id);
      }
    } catch (e) {
      const error = toApiError(e);
      void message.error(apiErrorText(error, lang, t));
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal
      open={open}
      title={item ? t('form.editTitle') : t('form.newTitle')}
      width={880}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'item-form-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark data-testid="item-form">
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="kind" label={t('lists.kind')} rules={required}>
              <Select
                options={LIST_KINDS.map((k) => ({ value: k, label: LIST_KIND_NAMES[k][lang] }))}
                data-testid="item-form-kind"
              />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="year" label={t('form.year')} rules={required}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="title" label={t('form.title')} rules={[...required, schemaRule(fields.title, lang)]}>
              <Input data-testid="item-form-title" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="content" label={t('item.content')} rules={[schemaRule(fields.content, lang)]}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="dimensionCode" label={t('lists.dimension')}>
              <Select
                allowClear
                options={(framework.data?.dimensions ?? [])
                  .filter((d) => d.parentCode === null)
                  .map((d) => ({ value: d.code, label: `${d.code} ${lang === 'en' ? d.nameEn : d.name}` }))}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="workTeamId" label={t('lists.team')}>
              <Select
                allowClear
                options={teams.map((x) => ({ value: x.id, label: lang === 'en' ? x.nameEn : x.name }))}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="leaderName"
              label={t('lists.leader')}
              rules={[...required, schemaRule(fields.leaderName, lang)]}
            >
              <Input data-testid="item-form-leader" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="leadUnitId" label={t('common.leadUnit')} rules={required}>
              <OrgUnitTreeSelect
                scope={user?.entryScope ?? []}
                value={undefined}
                onChange={() => undefined}
                width="100%"
                testId="item-form-lead"
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="coUnitIds" label={t('lists.coUnits')}>
              <Select
                mode="multiple"
                allowClear
                showSearch
                optionFilterProp="label"
                options={org.list
                  .filter((u) => u.kind !== 'village' && u.kind !== 'community')
                  .map((u) => ({ value: u.id, label: lang === 'en' ? u.nameEn : u.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item
              name="personInCharge"
              label={t('lists.person')}
              rules={[...required, schemaRule(fields.personInCharge, lang)]}
            >
              <Input data-testid="item-form-person" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="contact" label={t('lists.contact')} rules={[schemaRule(fields.contact, lang)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="districtId" label={t('lists.district')}>
              <Select
                allowClear
                options={org.districts.map((d) => ({ value: d.id, label: lang === 'en' ? d.nameEn : d.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="startDate" label={t('lists.start')} rules={required}>
              <DateField data-testid="item-form-start" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="deadline" label={t('lists.deadline')} rules={required}>
              <DateField data-testid="item-form-deadline" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="targetUnit" label={t('form.targetUnit')}>
              <Input placeholder="亿元 / 个 / %" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="floor" label={t('lists.floor')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="stretch" label={t('lists.stretch')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="indicatorCode" label={t('form.indicator')}>
              <Input placeholder="D2-04" />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'title']} rules={required} style={{ width: 420 }}>
                    <Input placeholder={t('item.milestone')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'plannedDate']} rules={required}>
                    <DateField />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', plannedDate: '' })}>
                {t('form.addMilestone')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
