import { Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n.ts';
import type { Dimension, Indicator } from '../../types.ts';

interface Props {
  dimensions: Dimension[];
  indicators: Indicator[];
  selected: string | undefined;
  /** `dim:<code>` or `ind:<code>`. */
  onSelect: (key: string | undefined) => void;
}

/** Dimensions (八大市域样本) → sub-dimensions → indicators. */
export function FrameworkTree({ dimensions, indicators, selected, onSelect }: Props) {
  const { pick } = useI18n();
  const treeData = useMemo<TreeDataNode[]>(() => {
    const sorted = [...dimensions].sort((a, b) => a.sort - b.sort);
    const build = (parent: string | null): TreeDataNode[] =>
      sorted
        .filter((d) => d.parentCode === parent)
        .map((d) => ({
          key: `dim:${d.code}`,
          title: `${pick(d.name, d.nameEn)}`,
          children: [
            ...build(d.code),
            ...indicators
              .filter((i) => i.dimensionCode === d.code)
              .sort((a, b) => a.sort - b.sort)
              .map((i) => ({ key: `ind:${i.code}`, title: pick(i.name, i.nameEn), isLeaf: true })),
          ],
        }));
    return build(null);
  }, [dimensions, indicators, pick]);
  return (
    <Tree
      blockNode
      showLine
      treeData={treeData}
      selectedKeys={selected ? [selected] : []}
      onSelect={(keys) => onSelect(keys[0] === undefined ? undefined : String(keys[0]))}
      style={{ fontSize: 13 }}
    />
  );
}
