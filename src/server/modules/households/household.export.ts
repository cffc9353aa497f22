import ExcelJS from 'exceljs';
import { FLAG_NAMES, INCOME_CLASS_NAMES } from '../../../domain/households/registry.ts';
import { STAT_FLAGS } from '../../../domain/households/statistics.ts';
import type { HouseholdStatisticsResponse, UnitStatisticsDto } from '../../../shared/api/household-statistics.ts';
import type { HouseholdRow } from '../../../shared/api/households.ts';

const FLAG_TEXT = { yes: '是', possibly: '可能', no: '' } as const;

/** The households of an export as a workbook: one row per household, masked unless the export was unmasked. */
export async function householdsWorkbook(
  rows: readonly HouseholdRow[],
  meta: { exportedAt: string; exportedBy: string; reason: string; unmasked: boolean; total: number },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongfu';
  const ws = wb.addWorksheet('家庭名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '户编号', key: 'code', width: 20 },
    { header: '区县', key: 'district', width: 10 },
    { header: '乡镇（街道）', key: 'township', width: 12 },
    { header: '村（社区）', key: 'village', width: 14 },
    { header: meta.unmasked ? '户主' : '户主（已脱敏）', key: 'head', width: 12 },
    { header: '人数', key: 'size', width: 6 },
    { header: '收入年度', key: 'year', width: 9 },
    { header: '人均收入（元）', key: 'perCapita', width: 18 },
    { header: '收入类别', key: 'classes', width: 18 },
    ...STAT_FLAGS.map((f) => ({ header: FLAG_NAMES[f].zh, key: f, width: 12 })),
    { header: '状态', key: 'status', width: 8 },
    { header: '数据性质', key: 'generated', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const pc = r.perCapita;
    ws.addRow({
      code: r.code,
      district: r.districtName,
      township: r.townshipName,
      village: r.villageName,
      head: r.headName,
      size: r.size,
      year: r.incomeYear ?? '',
      perCapita:
        pc === null
          ? ''
          : pc.exact
            ? Math.round(pc.low)
            : `${Math.round(pc.low)}–${pc.high === null ? '' : Math.round(pc.high)}（档位）`,
      classes: r.incomeClasses.map((c) => INCOME_CLASS_NAMES[c].zh).join(r.incomeClasses.length > 1 ? ' 或 ' : ''),
      ...Object.fromEntries(STAT_FLAGS.map((f) => [f, FLAG_TEXT[r.flags[f]]])),
      status: r.status === 'active' ? '在册' : '已注销',
      generated: r.generated ? '示例数据' : '',
    });
  }
  const about = wb.addWorksheet('导出说明');
  about.getColumn(1).width = 100;
  for (const line of [
    `导出时间：${meta.exportedAt}`,
    `导出人：${meta.exportedBy}`,
    `导出理由：${meta.reason}`,
    `共 ${meta.total} 户${rows.length < meta.total ? `（本文件含前 ${rows.length} 户）` : ''}`,
    meta.unmasked ? '姓名为明文：请按个人信息保护要求保管，不得外传。' : '姓名已脱敏；身份证号码、电话不导出。',
    '“可能”表示仅有收入档位、无法确证的标记。',
  ])
    about.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '<5' : v);
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Math.round(v * 1000) / 10);

/** The statistics of a unit and its children as a workbook, suppressed as the reader sees them. */
export async function statisticsWorkbook(s: HouseholdStatisticsResponse): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongfu';
  const ws = wb.addWorksheet('家庭收入统计', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '单位', key: 'name', width: 16 },
    { header: '户数', key: 'households', width: 8 },
    { header: '人数', key: 'people', width: 8 },
    { header: '中等收入占比%（确定）', key: 'middleLow', width: 14 },
    { header: '中等收入占比%（至多）', key: 'middleHigh', width: 14 },
    ...STAT_FLAGS.flatMap((f) => [
      { header: `${FLAG_NAMES[f].zh}（确定）`, key: `${f}C`, width: 12 },
      { header: `${FLAG_NAMES[f].zh}（可能至）`, key: `${f}U`, width: 12 },
    ]),
    { header: '人均收入均值（下限）', key: 'meanLow', width: 14 },
    { header: '人均收入中位数（下限）', key: 'medianLow', width: 14 },
    { header: '基尼系数', key: 'gini', width: 10 },
    { header: '基尼系数口径', key: 'giniBasis', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  const add = (u: UnitStatisticsDto) =>
    ws.addRow({
      name: u.name,
      households: cell(u.households),
      people: cell(u.people),
      middleLow: pct(u.middleShare?.low),
      middleHigh: pct(u.middleShare?.high),
      ...Object.fromEntries(
        STAT_FLAGS.flatMap((f) => [
          [`${f}C`, cell(u.flags[f].certain)],
          [`${f}U`, cell(u.flags[f].upTo)],
        ]),
      ),
      meanLow: u.meanPerCapita ? Math.round(u.meanPerCapita.low ?? 0) : '—',
      medianLow: u.medianPerCapita ? Math.round(u.medianPerCapita.low ?? 0) : '—',
      gini: u.gini?.value === null || u.gini?.value === undefined ? '—' : Math.round(u.gini.value * 1000) / 1000,
      giniBasis: u.gini ? (u.gini.basis === 'exact' ? '精确' : '估计（含档位收入）') : '',
    });
  add(s.unit);
  for (const c of s.children) add(c);
  const about = wb.addWorksheet('说明');
  about.getColumn(1).width = 100;
  for (const line of [
    `口径：${s.rule.zh}`,
    `计算时间：${s.computedAt}`,
    s.suppressed
      ? '少于5户的单元格显示为“<5”（含为防止推算而隐藏的单元格）。'
      : '完整数据（您有权查看这些单位的家庭）。',
    s.generated ? '含示例数据（系统生成，非真实家庭）。' : '',
  ])
    if (line) about.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
