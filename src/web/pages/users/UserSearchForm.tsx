import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select } from 'antd';
import { useI18n } from '../../i18n.ts';
import { ROLE_LABELS, ROLES, type UserFilter, type UserState } from './types.ts';

interface Props {
  filter: UserFilter;
  onChange: (filter: UserFilter) => void;
  /** Null for the security administrator, who authorises accounts but does not create them. */
  onCreate: (() => void) | null;
}

const STATES: readonly UserState[] = ['active', 'disabled', 'locked'];

export function UserSearchForm({ filter, onChange, onCreate }: Props) {
  const { t } = useI18n();
  return (
    <div className="wf-toolbar">
      <Form layout="inline">
        <Form.Item label={t('users.keyword')}>
          <Input
            data-testid="user-search"
            allowClear
            style={{ width: 200 }}
            value={filter.keyword}
            onChange={(e) => onChange({ ...filter, keyword: e.target.value })}
          />
        </Form.Item>
        <Form.Item label={t('users.role')}>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('users.allRoles')}
            value={filter.role}
            options={ROLES.map((r) => ({ value: r, label: t(ROLE_LABELS[r]) }))}
            onChange={(role: UserFilter['role']) => onChange({ ...filter, role })}
          />
        </Form.Item>
        <Form.Item label={t('users.state')}>
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('users.allStates')}
            value={filter.state}
            options={STATES.map((s) => ({ value: s, label: t(`users.state.${s}`) }))}
            onChange={(state: UserFilter['state']) => onChange({ ...filter, state })}
          />
        </Form.Item>
        <Form.Item>
          <Button onClick={() => onChange({ keyword: '', role: undefined, state: undefined })}>
            {t('common.reset')}
          </Button>
        </Form.Item>
      </Form>
      {onCreate ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="user-create">
          {t('users.create')}
        </Button>
      ) : null}
    </div>
  );
}
