import { Tooltip } from 'antd';
import type { Indicator } from '../types.ts';
import { GeneratedTag } from './GeneratedTag.tsx';

type Source = Indicator['source'];

/** Where a figure came from: the seed document's title with its quote on hover, or the "generated" tag. */
export function SourceText({ source }: { source: Source }) {
  if (source.doc === 'generated') return <GeneratedTag />;
  return (
    <Tooltip title={source.quote ? `“${source.quote}”` : source.title}>
      <span>{source.title || '—'}</span>
    </Tooltip>
  );
}
