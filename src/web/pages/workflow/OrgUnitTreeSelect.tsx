import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useOrgUnits } from '../../hooks/useReference.ts';
import { useI18n } from '../../i18n.ts';
import { buildOrgTree } from './orgTree.ts';

interface CommonProps {
  /** Only these units and their descendants; null for the whole tree. */
  scope: readonly string[] | null;
  excludeKinds?: readonly string[];
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
  width?: number | string;
}

interface SingleProps extends CommonProps {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

/** One org unit, chosen from the tree of units the user may use. */
export function OrgUnitTreeSelect({
  scope,
  excludeKinds,
  value,
  onChange,
  placeholder,
  allowClear,
  testId,
  width = 240,
}: SingleProps) {
  const treeData = useOrgTreeData(scope, excludeKinds);
  return (
    <TreeSelect
      data-testid={testId}
      style={{ width }}
      value={value}
      onChange={(v: string | undefined) => onChange(v ?? undefined)}
      treeData={treeData}
      treeDefaultExpandedKeys={treeData.map((n) => n.value)}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder}
      popupMatchSelectWidth={false}
    />
  );
}

interface MultiProps extends CommonProps {
  value?: string[];
  onChange?: (value: string[]) => void;
}

/**
 * Several org units for a scope. Ticking a unit covers everything below it, so only the topmost ticked units are
 * kept — exactly how the server reads a scope.
 */
export function OrgUnitScopeSelect({
  scope,
  excludeKinds,
  value,
  onChange,
  placeholder,
  testId,
  width = '100%',
}: MultiProps) {
  const treeData = useOrgTreeData(scope, excludeKinds);
  return (
    <TreeSelect
      data-testid={testId}
      style={{ width }}
      value={value}
      onChange={(v: string[]) => onChange?.(v)}
      treeData={treeData}
      treeDefaultExpandedKeys={treeData.map((n) => n.value)}
      treeCheckable
      showCheckedStrategy={TreeSelect.SHOW_PARENT}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder}
      maxTagCount="responsive"
      allowClear
    />
  );
}

function useOrgTreeData(scope: readonly string[] | null, excludeKinds: readonly string[] | undefined) {
  const { list } = useOrgUnits();
  const { pick } = useI18n();
  const scopeKey = scope === null ? null : scope.join(',');
  const excludeKey = (excludeKinds ?? []).join(',');
  return useMemo(
    () =>
      buildOrgTree(list, {
        scope: scopeKey === null ? null : scopeKey.split(','),
        excludeKinds: excludeKey ? excludeKey.split(',') : [],
        name: (u) => pick(u.name, u.nameEn),
      }),
    [list, scopeKey, excludeKey, pick],
  );
}
