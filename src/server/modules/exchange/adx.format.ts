import { SaxesParser, type SaxesTagNS } from 'saxes';
import { fromAdxPeriod, fromDhis2Period, toAdxPeriod } from '../../../domain/exchange/periods.ts';
import { writeAll, type ChunkWriter } from './chunk-writer.ts';
import { FormatError, type ExchangeRow, type OutValue } from './dhis2.format.ts';

/**
 * ADX — the Aggregate Data Exchange profile of IHE QRPH (namespace `urn:ihe:qrph:adx:2015`), as DHIS2 reads and
 * writes it: `<adx>` holds `<group orgUnit period [dataSet] [completeDate]>` elements, each holding
 * `<dataValue dataElement value>` (with an optional `<annotation>`, the comment). Periods are an ISO start and
 * duration (`2024-01-01/P1M`). Further attributes of a `dataValue` are its disaggregation (`SEX="F"`): Gongfu keeps
 * none, so such a value resolves only through an operand mapping `dataElement.SEX=F` (attributes sorted, `;`-joined);
 * further attributes of a `group` are an attribute option combo, which Gongfu refuses.
 *
 * Parsed with saxes, a streaming, non-validating parser that never fetches or expands external entities and does not
 * read a document type's internal subset; this reader refuses any `<!DOCTYPE>` outright, so neither an external
 * entity (XXE) nor an entity expansion (billion laughs) can reach it.
 */
export const ADX_NS = 'urn:ihe:qrph:adx:2015';

const GROUP_KNOWN = new Set(['orgUnit', 'period', 'dataSet', 'completeDate']);
const VALUE_KNOWN = new Set(['dataElement', 'value']);

/**
 * @example parseAdx('<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="510403" period="2024-01-01/P1M">' +
 *   '<dataValue dataElement="D2-01" value="5"/></group></adx>')
 *   // → [{ index: 0, dataElement: 'D2-01', period: '2024-01', orgUnit: '510403', value: '5', … }]
 */
export function parseAdx(xml: string): ExchangeRow[] {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const rows: ExchangeRow[] = [];
  let failure: FormatError | null = null;
  let root = false;
  let group: { orgUnit: string; period: string; aoc: string | null } | null = null;
  let current: ExchangeRow | null = null;
  let inAnnotation = false;
  let annotation = '';
  const fail = (zh: string, en: string) => {
    failure ??= new FormatError(
      { zh: `ADX 格式错误（第 ${parser.line} 行）：${zh}`, en: `malformed ADX (line ${parser.line}): ${en}` },
      parser.line,
    );
  };
  parser.on('doctype', () =>
    fail('不允许 DOCTYPE（不展开实体）', 'a DOCTYPE is not allowed (entities are never expanded)'),
  );
  parser.on('error', (e) => fail(e.message, e.message));
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (failure) return;
    const attr = (name: string): string | null => tag.attributes[name]?.value ?? null;
    if (!root) {
      if (tag.local !== 'adx' || tag.uri !== ADX_NS)
        fail(`根元素应为 ${ADX_NS} 命名空间的 adx`, `the root element must be adx in namespace ${ADX_NS}`);
      root = true;
      return;
    }
    if (tag.uri !== ADX_NS) return;
    if (tag.local === 'group') {
      const extra = Object.values(tag.attributes)
        .filter((a) => a.uri === '' && !GROUP_KNOWN.has(a.local))
        .map((a) => `${a.local}=${a.value}`)
        .sort();
      group = {
        orgUnit: attr('orgUnit') ?? '',
        period: attr('period') ?? '',
        aoc: extra.length > 0 ? extra.join(';') : null,
      };
    } else if (tag.local === 'dataValue') {
      if (!group) return fail('dataValue 应在 group 之内', 'a dataValue must be inside a group');
      const extra = Object.values(tag.attributes)
        .filter((a) => a.uri === '' && !VALUE_KNOWN.has(a.local))
        .map((a) => `${a.local}=${a.value}`)
        .sort();
      current = {
        index: rows.length,
        line: parser.line,
        dataElement: attr('dataElement') ?? '',
        period: group.period,
        periodCode: fromAdxPeriod(group.period),
        orgUnit: group.orgUnit,
        categoryOptionCombo: extra.length > 0 ? extra.join(';') : null,
        attributeOptionCombo: group.aoc,
        value: attr('value'),
        storedBy: null,
        lastUpdated: null,
        comment: null,
        followup: false,
      };
      rows.push(current);
    } else if (tag.local === 'annotation') {
      inAnnotation = true;
      annotation = '';
    }
  });
  parser.on('text', (t) => {
    if (inAnnotation) annotation += t;
  });
  parser.on('cdata', (t) => {
    if (inAnnotation) annotation += t;
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    if (tag.uri !== ADX_NS) return;
    if (tag.local === 'annotation') {
      inAnnotation = false;
      if (current) current.comment = annotation.trim() || null;
    } else if (tag.local === 'dataValue') current = null;
    else if (tag.local === 'group') group = null;
  });
  try {
    parser.write(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).close();
  } catch (e) {
    fail((e as Error).message, (e as Error).message);
  }
  // Set inside the parser's callbacks, which the type checker does not follow.
  const failed = failure as FormatError | null;
  if (failed) throw failed;
  if (!root) throw new FormatError({ zh: 'ADX 文件为空', en: 'the ADX file is empty' });
  return rows;
}

const escapeXml = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);

/**
 * ADX of the values (DHIS2 periods in, ISO start and duration out), one group per org unit and period in the order
 * given — a group may run on over a page's end —, written a page at a time; `exported` is the time of the export.
 */
export function adxWriter(exported: string): ChunkWriter<OutValue> {
  let key: string | null = null;
  return {
    start: () => `<?xml version="1.0" encoding="UTF-8"?>\n<adx xmlns="${ADX_NS}" exported="${escapeXml(exported)}">\n`,
    page: (values) => {
      const out: string[] = [];
      for (const v of values) {
        const period = fromDhis2Period(v.period) ?? v.period;
        const k = `${v.orgUnit}|${period}`;
        if (k !== key) {
          if (key !== null) out.push('  </group>\n');
          out.push(`  <group orgUnit="${escapeXml(v.orgUnit)}" period="${toAdxPeriod(period)}">\n`);
          key = k;
        }
        const attrs = `dataElement="${escapeXml(v.dataElement)}" value="${escapeXml(v.value)}"`;
        out.push(
          v.comment === null
            ? `    <dataValue ${attrs}/>\n`
            : `    <dataValue ${attrs}><annotation>${escapeXml(v.comment)}</annotation></dataValue>\n`,
        );
      }
      return out.join('');
    },
    end: () => `${key !== null ? '  </group>\n' : ''}</adx>\n`,
  };
}

/** ADX of the values, the whole file at once. */
export function writeAdx(values: readonly OutValue[], exported: string): string {
  return writeAll(adxWriter(exported), values);
}
