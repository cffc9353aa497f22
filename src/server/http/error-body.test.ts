import { describe, expect, it } from 'vitest';
import { bilingual } from '../errors.ts';
import { errorBody, zodText } from './error-handler.ts';

describe('field issues in both languages', () => {
  it('every issue answered carries { zh, en }, and its message is the Chinese alone, never both joined', () => {
    const body = errorBody('VALIDATION', undefined, undefined, [
      { field: 'entries.0.value', ...bilingual('西区生产总值不能小于 0', 'below the minimum 0') },
    ]);
    expect(body.error.details).toEqual([
      {
        field: 'entries.0.value',
        message: '西区生产总值不能小于 0',
        text: { zh: '西区生产总值不能小于 0', en: 'below the minimum 0' },
      },
    ]);
  });

  it('reads a schema message ("中文 / English") back into its halves in one place', () => {
    expect(zodText('计算指标，不能填报 / computed, cannot be entered').text).toEqual({
      zh: '计算指标，不能填报',
      en: 'computed, cannot be entered',
    });
    // A slash inside the Chinese half ("multipart/form-data") is not where the languages meet.
    expect(zodText('请以 multipart/form-data 上传 / upload as multipart/form-data').text).toEqual({
      zh: '请以 multipart/form-data 上传',
      en: 'upload as multipart/form-data',
    });
    expect(zodText('未知的村（社区）/ unknown village').text.zh).toBe('未知的村（社区）');
    expect(zodText('本期已锁定').text).toEqual({ zh: '本期已锁定', en: '本期已锁定' });
    expect(zodText('Invalid input: expected string')).toEqual({
      message: '输入有误（Invalid input: expected string）',
      text: { zh: '输入有误（Invalid input: expected string）', en: 'Invalid input: expected string' },
    });
  });
});
