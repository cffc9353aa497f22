import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n.ts';
import { actDone } from './actDone.ts';

describe('the message after an act', () => {
  it('says what was done, never a bare 操作成功', () => {
    const zh = (path: string, body: unknown = {}) => translate('zh', actDone(path, body));
    expect(zh('/lists/items/i1/acknowledge')).toBe('已签收，事项进入推进');
    expect(zh('/lists/items/i1/request-completion')).toContain('待共富办审核');
    expect(zh('/lists/adjustments/a1/decide', { approve: true })).toBe('已同意调整申请');
    expect(zh('/lists/adjustments/a1/decide', { approve: false })).toBe('已不同意调整申请');
    expect(zh('/lists/notices/n1/answer')).toContain('已答复');
    for (const last of [
      'issue',
      'close',
      'return-completion',
      'reports',
      'complete',
      'adjustments',
      'notices',
      'review',
      'resolve',
    ])
      expect(zh(`/lists/x/${last}`)).not.toBe('已办理');
  });
});
