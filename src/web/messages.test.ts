import { describe, expect, it } from 'vitest';
import { messages } from './messages.ts';

const entries = Object.entries(messages) as [string, { zh: string; en: string }][];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the web string catalogue', () => {
  it('has both languages for every string, with the same placeholders', () => {
    for (const [id, { zh, en }] of entries) {
      expect(zh.trim(), id).not.toBe('');
      expect(en.trim(), id).not.toBe('');
      expect(placeholders(en), id).toEqual(placeholders(zh));
    }
  });

  it('translates each term of the domain one way only', () => {
    for (const term of ['牵头单位', '责任领导', '截止日期', '区县排名', '督办单', '指标体系', '单位', '三大差距']) {
      const english = new Set(entries.filter(([, m]) => m.zh === term).map(([, m]) => m.en));
      expect([...english], term).toHaveLength(1);
    }
  });
});
