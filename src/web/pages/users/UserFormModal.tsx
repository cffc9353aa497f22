import { Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { call, fieldErrors, onlyApiError } from '../../api.ts';
import { createUserSchema, userRoutes } from '../../../shared/api/users.ts';
import { schemaRule } from '../../schemaRules.ts';
import { useWorkTeams } from '../../hooks/useReference.ts';
import { type MsgId, useI18n } from '../../i18n.ts';
import type { Role } from '../../types.ts';
import { OrgUnitScopeSelect } from '../workflow/OrgUnitTreeSelect.tsx';
import { BUSINESS_ROLES, ROLE_LABELS, type CreatedUser, type User, type UsersDuty } from './types.ts';

/** The fields' rules are the server's (createUserSchema; the edit has the same name rule). */
const fields = createUserSchema.shape;

interface FormValues {
  username: string;
  displayName: string;
  role: Role;
  entryScope: string[];
  viewScope: string[];
  workTeamId: string | null;
  disabled: boolean;
}

interface Props {
  /** The system administrator edits the account (name, disabled); the security administrator its rights. */
  duty: UsersDuty;
  /** 'new' to create; a user to edit; null when closed. */
  editing: User | 'new' | null;
  onClose: () => void;
  onCreated: (created: CreatedUser) => void;
  onSaved: (user: User) => void;
  /** Someone else changed the user meanwhile (409 on the version). */
  onConflict: () => void;
}

const FIELDS = ['username', 'displayName', 'role', 'entryScope', 'viewScope', 'workTeamId', 'disabled'] as const;

const ENTRY_HINTS: Partial<Record<Role, MsgId>> = {
  districtReporter: 'users.entryHint.districtReporter',
  departmentReporter: 'users.entryHint.departmentReporter',
  reviewer: 'users.entryHint.reviewer',
  villageCadre: 'users.entryHint.household',
  townshipOfficer: 'users.entryHint.household',
};

/**
 * 新建用户 / 编辑用户 (system administrator: user name, display name, disabled) and 授权 (security administrator: role,
 * the two scopes and the work team). A new account has no role until it is authorised (src/server/security/duties.ts).
 */
export function UserFormModal({ duty, editing, onClose, onCreated, onSaved, onConflict }: Props) {
  const { lang, t, pick } = useI18n();
  const teams = useWorkTeams();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const role = Form.useWatch('role', form);
  const isNew = editing === 'new';
  const rights = duty === 'authorisation';

  const initial: FormValues | undefined =
    editing === null
      ? undefined
      : editing === 'new'
        ? {
            username: '',
            displayName: '',
            role: 'districtReporter',
            entryScope: [],
            viewScope: [],
            workTeamId: null,
            disabled: false,
          }
        : {
            username: editing.username,
            displayName: editing.displayName,
            role: editing.role ?? 'districtReporter',
            entryScope: editing.entryScope,
            viewScope: editing.viewScope,
            workTeamId: editing.workTeamId,
            disabled: editing.disabled,
          };

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || editing === null) return;
    const body = {
      role: v.role,
      entryScope: v.entryScope ?? [],
      viewScope: v.viewScope ?? [],
      workTeamId: v.workTeamId ?? null,
      version: editing === 'new' ? 0 : editing.version,
    };
    setBusy(true);
    try {
      if (editing === 'new')
        onCreated(await call(userRoutes.create, { body: { username: v.username, displayName: v.displayName } }));
      else if (rights) onSaved(await call(userRoutes.assignRights, { params: { id: editing.id }, body }));
      else
        onSaved(
          await call(userRoutes.update, {
            params: { id: editing.id },
            body: { displayName: v.displayName, disabled: v.disabled, version: editing.version },
          }),
        );
    } catch (caught) {
      const e = onlyApiError(caught);
      if (e.code === 'CONFLICT' && editing !== 'new') {
        onConflict();
        return;
      }
      const fields = fieldErrors(e, FIELDS, lang);
      if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name, errors: f.errors })));
      else form.setFields([{ name: isNew ? 'username' : 'displayName', errors: [e.text(lang)] }]);
    } finally {
      setBusy(false);
    }
  };

  const entryHint = role ? (ENTRY_HINTS[role] ?? 'users.entryHint.none') : undefined;
  return (
    <Modal
      open={editing !== null}
      title={
        isNew
          ? t('users.create')
          : rights
            ? pick('授权：角色与数据范围', 'Authorise: role and scopes')
            : t('users.edit')
      }
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'user-form-save' }}
      onOk={() => void submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        key={editing === null || editing === 'new' ? 'new' : `${editing.id}:${editing.version}`}
        initialValues={initial}
        layout="vertical"
        preserve={false}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={isNew ? t('users.usernameRule') : undefined}
          rules={
            isNew
              ? [
                  { required: true, message: t('users.required') },
                  schemaRule(fields.username, lang, t('users.usernameRule')),
                ]
              : []
          }
        >
          <Input data-testid="user-form-username" disabled={!isNew} maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('users.required') },
            schemaRule(fields.displayName, lang),
          ]}
        >
          <Input data-testid="user-form-display-name" maxLength={64} disabled={rights} />
        </Form.Item>
        {isNew ? (
          <p className="muted">
            {pick(
              '新账户没有角色，由安全管理员授权后才能登录。',
              'A new account has no role; it can sign in once the security administrator authorises it.',
            )}
          </p>
        ) : null}
        {rights ? (
          <>
            <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.required') }]}>
              <Select
                data-testid="user-form-role"
                options={BUSINESS_ROLES.map((r) => ({ value: r, label: t(ROLE_LABELS[r]) }))}
              />
            </Form.Item>
            <Form.Item name="entryScope" label={t('users.entryScope')} extra={entryHint ? t(entryHint) : undefined}>
              <OrgUnitScopeSelect scope={null} testId="user-form-entry-scope" />
            </Form.Item>
            <Form.Item
              name="viewScope"
              label={t('users.viewScope')}
              extra={t('users.viewHint')}
              rules={[{ required: true, type: 'array', min: 1, message: t('users.viewScopeRequired') }]}
            >
              <OrgUnitScopeSelect scope={null} testId="user-form-view-scope" />
            </Form.Item>
            <Form.Item name="workTeamId" label={t('users.workTeam')}>
              <Select
                data-testid="user-form-work-team"
                allowClear
                placeholder={t('users.none')}
                options={teams.map((team) => ({ value: team.id, label: pick(team.name, team.nameEn) }))}
                onClear={() => form.setFieldValue('workTeamId', null)}
              />
            </Form.Item>
          </>
        ) : null}
        {isNew || rights ? null : (
          <Form.Item name="disabled" label={t('users.disabled')} valuePropName="checked">
            <Switch data-testid="user-form-disabled" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
