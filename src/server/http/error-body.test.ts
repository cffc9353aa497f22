import { describe, expect, it } from 'vitest';
import { bilingual, legacyText } from '../errors.ts';
import { errorBody } from './error-handler.ts';

describe('field issues in both languages', () => {
  it('every issue answered carries { zh, en }; the joined message stays for older callers', () => {
    const body = errorBody('VALIDATION', undefined, undefined, [
      { field: 'entries.0.value', ...bilingual('西区生产总值不能小于 0', 'below the minimum 0') },
      { field: 'file', message: '请以 multipart/form-data 上传，文件字段名为 file / upload as multipart/form-data' },
      { field: 'period', message: 'Invalid input: expected string' },
    ]);
    expect(body.error.details).toEqual([
      {
        field: 'entries.0.value',
        message: '西区生产总值不能小于 0 / below the minimum 0',
        text: { zh: '西区生产总值不能小于 0', en: 'below the minimum 0' },
      },
      {
        field: 'file',
        message: '请以 multipart/form-data 上传，文件字段名为 file / upload as multipart/form-data',
        // A slash inside the Chinese half ("multipart/form-data") is not where the languages meet.
        text: { zh: '请以 multipart/form-data 上传，文件字段名为 file', en: 'upload as multipart/form-data' },
      },
      {
        field: 'period',
        message: 'Invalid input: expected string',
        text: { zh: 'Invalid input: expected string', en: 'Invalid input: expected string' },
      },
    ]);
  });

  it('reads a message written before `text` in one place', () => {
    expect(legacyText('计算指标，不能填报 / computed, cannot be entered')).toEqual({
      zh: '计算指标，不能填报',
      en: 'computed, cannot be entered',
    });
    expect(legacyText('本期已锁定')).toEqual({ zh: '本期已锁定', en: '本期已锁定' });
  });
});
