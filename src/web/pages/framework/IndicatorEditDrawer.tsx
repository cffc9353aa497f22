import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, call, fieldErrors, onlyApiError } from '../../api.ts';
import { frameworkRoutes, indicatorInputSchema } from '../../../shared/api/frameworks.ts';
import { schemaRule } from '../../schemaRules.ts';
import { useOrgUnits, useWorkTeams } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';
import type { FrameworkDetail, Indicator, IndicatorInput } from '../../types.ts';
import { FormulaField } from './FormulaField.tsx';
import { DIRECTION_LABELS, FREQUENCY_LABELS, GAP_LABELS, SCOPE_LABELS, VALUE_KIND_LABELS } from './labels.ts';
import { issueLine } from '../../apiErrors.ts';

interface Props {
  open: boolean;
  framework: FrameworkDetail;
  /** The indicator to edit; null adds a new one. */
  indicator: Indicator | null;
  onClose: () => void;
  /** After a save, or after a conflict: the caller reloads the framework. */
  onSaved: () => void;
}

type FormValues = Omit<IndicatorInput, 'formula' | 'gap' | 'seasonalProfile'> & {
  formula: string;
  gap: IndicatorInput['gap'] | 'none';
};

/** Each field's rule is the server's (indicatorInputSchema). */
const fields = indicatorInputSchema.shape;

const FIELDS: (keyof FormValues)[] = [
  'code',
  'dimensionCode',
  'name',
  'nameEn',
  'unit',
  'direction',
  'frequency',
  'valueKind',
  'leadDepartmentId',
  'workTeamId',
  'dataSource',
  'definition',
  'weight',
  'formula',
  'scope',
  'reportingUnitIds',
  'headline',
  'gap',
  'minValue',
  'maxValue',
];

function toForm(i: Indicator | null, dimensionCode: string): FormValues {
  return {
    code: i?.code ?? '',
    dimensionCode: i?.dimensionCode ?? dimensionCode,
    name: i?.name ?? '',
    nameEn: i?.nameEn ?? '',
    unit: i?.unit ?? '',
    direction: i?.direction ?? 'higher',
    frequency: i?.frequency ?? 'monthly',
    valueKind: i?.valueKind ?? 'level',
    leadDepartmentId: i?.leadDepartmentId ?? null,
    workTeamId: i?.workTeamId ?? null,
    dataSource: i?.dataSource ?? '',
    definition: i?.definition ?? '',
    weight: i?.weight ?? 1,
    formula: i?.formula ?? '',
    scope: i?.scope ?? 'cityAndDistricts',
    reportingUnitIds: i?.reportingUnitIds ?? null,
    headline: i?.headline ?? false,
    gap: i?.gap ?? 'none',
    minValue: i?.minValue ?? null,
    maxValue: i?.maxValue ?? null,
  };
}

/** Edit (or add) an indicator of a draft framework; the rules are those of the server's indicatorInputSchema. */
export function IndicatorEditDrawer({ open, framework, indicator, onClose, onSaved }: Props) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const org = useOrgUnits();
  const teams = useWorkTeams();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const code = Form.useWatch('code', form);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(toForm(indicator, framework.dimensions[0]?.code ?? ''));
      setError(null);
    }
  }, [open, indicator, framework, form]);

  const required = { required: true, message: t('framework.required') };

  const save = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    const input: IndicatorInput = {
      ...v,
      code: v.code.trim(),
      name: v.name.trim(),
      nameEn: v.nameEn.trim(),
      unit: v.unit.trim(),
      dataSource: v.dataSource.trim(),
      definition: v.definition.trim(),
      formula: v.formula.trim() ? v.formula.trim() : null,
      gap: v.gap === 'none' ? null : v.gap,
      leadDepartmentId: v.leadDepartmentId ?? null,
      workTeamId: v.workTeamId ?? null,
      minValue: v.minValue ?? null,
      maxValue: v.maxValue ?? null,
      reportingUnitIds: v.reportingUnitIds && v.reportingUnitIds.length > 0 ? v.reportingUnitIds : null,
      seasonalProfile: indicator?.seasonalProfile ?? null,
    };
    try {
      await call(frameworkRoutes.saveIndicator, {
        params: { id: framework.framework.id },
        body: { rowVersion: framework.framework.rowVersion, indicator: input },
      });
      void message.success(t('common.saved'));
      onSaved();
      onClose();
    } catch (caught) {
      const e = onlyApiError(caught);
      if (e.code === 'CONFLICT') {
        void message.warning(t('framework.conflict'));
        onSaved();
      }
      setError(e);
      form.setFields(fieldErrors(e, FIELDS, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      title={indicator ? `${t('framework.editIndicator')} · ${indicator.code}` : t('framework.addIndicator')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error.text(lang)}
          description={error.details.length ? error.details.map((d) => issueLine(d, lang, t)).join('；') : undefined}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="code" label={t('common.code')} rules={[required, schemaRule(fields.code, lang)]}>
              <Input disabled={indicator !== null} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="dimensionCode" label={t('common.dimension')} rules={[required]}>
              <Select
                options={framework.dimensions.map((d) => ({
                  value: d.code,
                  label: `${d.code} ${pick(d.name, d.nameEn)}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={t('common.name')} rules={[required, schemaRule(fields.name, lang)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="unit" label={t('common.unit')} rules={[schemaRule(fields.unit, lang)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="nameEn" label={t('framework.nameEn')} rules={[schemaRule(fields.nameEn, lang)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="direction" label={t('framework.direction')} rules={[required]}>
              <Radio.Group
                optionType="button"
                options={(['higher', 'lower'] as const).map((d) => ({ value: d, label: t(DIRECTION_LABELS[d]) }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="frequency" label={t('framework.frequency')} rules={[required]}>
              <Select
                options={(['monthly', 'quarterly', 'yearly'] as const).map((f) => ({
                  value: f,
                  label: t(FREQUENCY_LABELS[f]),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="valueKind" label={t('framework.valueKind')} rules={[required]}>
              <Select
                options={(['cumulative', 'rate', 'level'] as const).map((k) => ({
                  value: k,
                  label: t(VALUE_KIND_LABELS[k]),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leadDepartmentId" label={t('common.leadUnit')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={org.departments.map((d) => ({ value: d.id, label: pick(d.name, d.nameEn) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="workTeamId" label={t('framework.workTeam')}>
              <Select allowClear options={teams.map((w) => ({ value: w.id, label: pick(w.name, w.nameEn) }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="definition" label={t('common.definition')} rules={[schemaRule(fields.definition, lang)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="dataSource"
              label={t('framework.dataSource')}
              rules={[schemaRule(fields.dataSource, lang)]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="formula"
              label={t('framework.formula')}
              extra={t('framework.formulaHint')}
              rules={[schemaRule(fields.formula, lang)]}
            >
              <FormulaField frameworkId={framework.framework.id} indicatorCode={code || indicator?.code} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="weight" label={t('common.weight')} rules={[required, schemaRule(fields.weight, lang)]}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="scope" label={t('framework.scope')} rules={[required]}>
              <Select
                options={(['city', 'cityAndDistricts'] as const).map((s) => ({ value: s, label: t(SCOPE_LABELS[s]) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="reportingUnitIds" label={t('framework.reportingUnits')}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t('framework.reportingUnitsHint')}
                options={[...(org.root ? [org.root] : []), ...org.districts].map((u) => ({
                  value: u.id,
                  label: pick(u.name, u.nameEn),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="gap" label={t('framework.gap')}>
              <Select
                options={[
                  { value: 'none', label: t('framework.gap.none') },
                  ...(['regional', 'urbanRural', 'income'] as const).map((g) => ({
                    value: g,
                    label: t(GAP_LABELS[g]),
                  })),
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="headline" label={t('framework.headline')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="minValue" label={t('framework.minValue')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="maxValue"
              label={t('framework.maxValue')}
              dependencies={['minValue']}
              rules={[
                {
                  validator: async (_, v: number | null | undefined) => {
                    const min = form.getFieldValue('minValue') as number | null | undefined;
                    if (v !== null && v !== undefined && min !== null && min !== undefined && v < min)
                      throw new Error('≥ ' + String(min));
                  },
                },
              ]}
            >
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
