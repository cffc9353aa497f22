import { describe, expect, it } from 'vitest';
import { fieldName } from './fieldName.ts';
import { translate, type Translate } from './i18n.ts';

const zh: Translate = (id, vars) => translate('zh', id, vars);
const en: Translate = (id, vars) => translate('en', id, vars);

describe('the field an error names', () => {
  it('is the user’s word, never the API’s key', () => {
    expect(fieldName('file', zh)).toBe('文件');
    expect(fieldName('file', en)).toBe('File');
    expect(fieldName('leadUnitId', zh)).toBe('牵头单位');
    expect(fieldName('milestones.0.plannedDate', zh)).toBe('节点');
    expect(fieldName('节点1名称', zh)).toBe('节点1名称');
    expect(fieldName('someNewKey', zh)).toBe('其他');
    expect(fieldName(undefined, zh)).toBe('');
  });
});
