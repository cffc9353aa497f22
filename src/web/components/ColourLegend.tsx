import { Space } from 'antd';
import { COLOUR_LEGEND } from '../../domain/evaluation.ts';
import { useI18n } from '../i18n.ts';
import { COLOURS, COLOUR_ORDER } from '../status.ts';

/** 绿 达标 · 黄 接近目标或滞后进度 · 红 未达标 · 灰 无数据/无目标, as swatches like the matrix cells. */
export function ColourLegend() {
  const { t, lang } = useI18n();
  return (
    <Space size={12} wrap>
      {[...COLOUR_ORDER].reverse().map((c) => (
        <span
          key={c}
          title={COLOUR_LEGEND[c][lang]}
          style={{ display: 'inline-flex', alignItems: 'center', gap: 6, fontSize: 12 }}
        >
          <span
            style={{
              width: 14,
              height: 14,
              borderRadius: 3,
              background: COLOURS[c].background,
              border: `1px solid ${COLOURS[c].border}`,
              borderInlineStart: `3px solid ${COLOURS[c].solid}`,
              display: 'inline-block',
            }}
          />
          {t(COLOURS[c].meaning)}
        </span>
      ))}
    </Space>
  );
}
