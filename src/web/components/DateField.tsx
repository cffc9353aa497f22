import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

interface Props {
  /** The date as the API has it: YYYY-MM-DD. */
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** The latest / earliest date allowed (YYYY-MM-DD). */
  max?: string;
  min?: string;
  placeholder?: string;
  'data-testid'?: string;
}

/**
 * A date in a form: Ant Design's DatePicker (in the app's locale, like every other page's), holding the date as the
 * API's YYYY-MM-DD text, so a form's values are the request's. Replaces the browser's own date input, which writes
 * dates in the browser's locale ("12/09/2026").
 */
export function DateField({ value, onChange, max, min, placeholder, ...rest }: Props) {
  const day = (d: Dayjs) => d.format('YYYY-MM-DD');
  return (
    <DatePicker
      style={{ width: '100%' }}
      format="YYYY-MM-DD"
      value={value ? dayjs(value) : null}
      onChange={(d: Dayjs | null) => onChange?.(d ? day(d) : undefined)}
      disabledDate={(d) => (max !== undefined && day(d) > max) || (min !== undefined && day(d) < min)}
      {...(placeholder ? { placeholder } : {})}
      {...rest}
    />
  );
}
