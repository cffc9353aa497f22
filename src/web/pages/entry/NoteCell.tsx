import { Input } from 'antd';
import { useI18n, useT } from '../../i18n.ts';
import type { IssueText } from '../../../shared/errors.ts';
import type { GridRow } from './types.ts';

interface Props {
  row: GridRow;
  note: string;
  editable: boolean;
  /** A returned value was revised without saying why. */
  required: boolean;
  serverError: IssueText | undefined;
  onNote: (note: string) => void;
}

/** 说明: why a figure is what it is; required when revising a value the reviewer returned. */
export function NoteCell({ row, note, editable, required, serverError, onNote }: Props) {
  const { lang } = useI18n();
  const t = useT();
  if (!editable) return <span className="muted">{row.value?.note ?? ''}</span>;
  const error = required ? t('entry.error.noteRequired') : serverError ? serverError[lang] : null;
  return (
    <div>
      <Input
        data-testid={`note-input-${row.indicatorCode}`}
        value={note}
        maxLength={500}
        placeholder={row.value?.status === 'returned' ? t('entry.error.noteRequired') : undefined}
        status={error ? 'error' : undefined}
        onChange={(e) => onNote(e.target.value)}
      />
      {error ? <div className="wf-field-msg wf-field-error">{error}</div> : null}
    </div>
  );
}
