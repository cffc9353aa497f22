import { describe, expect, it } from 'vitest';
import { parseAdx, writeAdx } from './adx.format.ts';
import { FormatError } from './dhis2.format.ts';

/** The ADX example of DHIS2's documentation ("ADX data format"), as published. */
const DOCUMENTED = `<?xml version="1.0" encoding="UTF-8"?>
<adx xmlns="urn:ihe:qrph:adx:2015" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" exported="2015-02-08T19:30:00Z">
  <group orgUnit="OU_559" period="2015-06-01/P1M" completeDate="2015-07-01" dataSet="(TB/HIV)VCCT">
    <dataValue dataElement="VCCT_0" GENDER="FMLE" HIV_AGE="AGE0-14" value="32"/>
    <dataValue dataElement="VCCT_1" GENDER="FMLE" HIV_AGE="AGE0-14" value="20"/>
    <dataValue dataElement="VCCT_2" GENDER="FMLE" HIV_AGE="AGE0-14" value="10"/>
    <dataValue dataElement="PLHIV_TB_0" GENDER="FMLE" HIV_AGE="AGE0-14" value="10">
      <annotation/>
    </dataValue>
  </group>
  <group orgUnit="OU_559" period="2015-06-01/P1M" completeDate="2015-07-01" dataSet="TB_HIV_CONTROL">
    <dataValue dataElement="MDR_TB" value="7"><annotation>初诊</annotation></dataValue>
  </group>
</adx>`;

describe('ADX (urn:ihe:qrph:adx:2015)', () => {
  it("reads DHIS2's documented example: groups, periods, disaggregations, annotations", () => {
    const rows = parseAdx(DOCUMENTED);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({
      index: 0,
      dataElement: 'VCCT_0',
      period: '2015-06-01/P1M',
      periodCode: '2015-06',
      orgUnit: 'OU_559',
      categoryOptionCombo: 'GENDER=FMLE;HIV_AGE=AGE0-14',
      attributeOptionCombo: null,
      value: '32',
    });
    expect(rows[3]?.comment).toBeNull();
    expect(rows[4]).toMatchObject({ dataElement: 'MDR_TB', categoryOptionCombo: null, comment: '初诊', value: '7' });
  });

  it('refuses a DOCTYPE: no external entity (XXE), no entity expansion (billion laughs)', () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE adx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="&xxe;" period="2024-01-01/P1M"/></adx>`;
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="&lol3;" period="2024-01-01/P1M"/></adx>`;
    for (const xml of [xxe, laughs]) {
      const t0 = performance.now();
      expect(() => parseAdx(xml)).toThrow(FormatError);
      expect(performance.now() - t0).toBeLessThan(1000);
      try {
        parseAdx(xml);
      } catch (e) {
        expect((e as FormatError).text.en).toMatch(/DOCTYPE is not allowed/);
        expect(JSON.stringify(e)).not.toContain('root:');
      }
    }
    // An entity reference without a DOCTYPE is not expanded either: undefined, refused.
    expect(() =>
      parseAdx('<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="&xxe;" period="2024-01-01/P1M"/></adx>'),
    ).toThrow(FormatError);
  });

  it('refuses malformed XML, another namespace, a dataValue outside a group', () => {
    expect(() => parseAdx('<adx xmlns="urn:ihe:qrph:adx:2015"><group>')).toThrow(FormatError);
    expect(() => parseAdx('<adx xmlns="urn:other"></adx>')).toThrow(/namespace/);
    expect(() => parseAdx('<adx xmlns="urn:ihe:qrph:adx:2015"><dataValue dataElement="x" value="1"/></adx>')).toThrow(
      /inside a group/,
    );
    expect(() => parseAdx('')).toThrow(FormatError);
  });

  it('writes what it reads', () => {
    const xml = writeAdx(
      [
        {
          dataElement: 'D2-01',
          period: '202401',
          orgUnit: '510403',
          categoryOptionCombo: 'HllvX50cXC0',
          attributeOptionCombo: 'HllvX50cXC0',
          value: '6.5',
          storedBy: 'svc',
          lastUpdated: '2024-02-01T00:00:00.000Z',
          comment: '含 <符号> & "引号"',
          followup: false,
        },
        {
          dataElement: 'D2-02',
          period: '2024Q1',
          orgUnit: '510403',
          categoryOptionCombo: 'HllvX50cXC0',
          attributeOptionCombo: 'HllvX50cXC0',
          value: '3',
          storedBy: 'svc',
          lastUpdated: '2024-02-01T00:00:00.000Z',
          comment: null,
          followup: false,
        },
      ],
      '2024-12-05T02:00:00.000Z',
    );
    expect(xml).toContain('<group orgUnit="510403" period="2024-01-01/P1M">');
    expect(xml).toContain('<group orgUnit="510403" period="2024-01-01/P3M">');
    const back = parseAdx(xml);
    expect(back.map((r) => [r.dataElement, r.periodCode, r.value, r.comment])).toEqual([
      ['D2-01', '2024-01', '6.5', '含 <符号> & "引号"'],
      ['D2-02', '2024-Q1', '3', null],
    ]);
  });
});
