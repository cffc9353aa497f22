/**
 * UI strings of the four lists' pages, in the shape of the app's dictionary (i18n.ts), kept beside the pages so that
 * they grow without touching the shell's file. The names of lists, states, colours and warning kinds come from the
 * domain (src/domain/lists/types.ts) in both languages.
 */
import { useCallback } from 'react';
import { useI18n, type Vars } from '../../i18n.ts';

interface Entry {
  zh: string;
  en: string;
}

const dict = {
  'lists.title': { zh: '四张清单', en: 'The four lists' },
  'lists.subtitle': {
    zh: '向上争取、改革事项、重大项目、重点任务：责任领导、牵头单位、具体责任人、节点与预警一目了然',
    en: 'Support sought, reforms, major projects, key tasks: who is responsible, milestones and warnings at a glance',
  },
  'lists.all': { zh: '全部', en: 'All' },
  'lists.code': { zh: '编号', en: 'Code' },
  'lists.item': { zh: '事项', en: 'Item' },
  'lists.kind': { zh: '清单', en: 'List' },
  'lists.dimension': { zh: '维度', en: 'Dimension' },
  'lists.team': { zh: '工作专班', en: 'Work team' },
  'lists.unit': { zh: '责任单位', en: 'Unit' },
  'lists.leadUnit': { zh: '牵头单位', en: 'Lead unit' },
  'lists.coUnits': { zh: '配合单位', en: 'Co-operating units' },
  'lists.leader': { zh: '责任领导', en: 'Responsible leader' },
  'lists.person': { zh: '具体责任人', en: 'Person in charge' },
  'lists.contact': { zh: '联系方式', en: 'Contact' },
  'lists.district': { zh: '涉及区县', en: 'District' },
  'lists.status': { zh: '状态', en: 'Status' },
  'lists.colour': { zh: '预警', en: 'Warning' },
  'lists.keyword': { zh: '关键词', en: 'Keyword' },
  'lists.keywordHint': { zh: '编号、名称或内容', en: 'Code, title or content' },
  'lists.start': { zh: '开始日期', en: 'Start' },
  'lists.deadline': { zh: '截止日期', en: 'Deadline' },
  'lists.originalDeadline': { zh: '原截止日期 {date}', en: 'Originally {date}' },
  'lists.progress': { zh: '进度', en: 'Progress' },
  'lists.target': { zh: '量化目标', en: 'Target' },
  'lists.floor': { zh: '确保', en: 'Floor' },
  'lists.stretch': { zh: '力争', en: 'Stretch' },
  'lists.count': { zh: '共 {count} 项', en: '{count} items' },
  'lists.notices': { zh: '督办 {count}', en: '{count} notices' },
  'lists.pending': { zh: '调整待批', en: 'Adjustment pending' },
  'lists.export': { zh: '导出 Excel', en: 'Export Excel' },
  'lists.import': { zh: '导入 Excel', en: 'Import Excel' },
  'lists.template': { zh: '下载模板', en: 'Download template' },
  'lists.imported': { zh: '已导入 {count} 项草稿，待下发', en: 'Imported {count} drafts, to be issued' },
  'lists.new': { zh: '新建事项', en: 'New item' },
  'lists.runWarnings': { zh: '立即计算预警', en: 'Compute warnings now' },
  'lists.warningsRun': {
    zh: '预警已更新：新增 {raised} 条，解除 {cleared} 条，自动督办 {notices} 件，升级 {escalated} 件',
    en: 'Warnings updated: {raised} raised, {cleared} cleared, {notices} notices issued, {escalated} escalated',
  },
  'lists.summary': { zh: '月度进展汇总', en: 'Monthly summary' },
  'lists.generatedHint': {
    zh: '含生成的演示数据（责任领导、责任人、节点或办理状态等），非官方信息',
    en: 'Contains generated demo data (leader, person in charge, milestones or state), not official',
  },
  'lists.generatedFields': { zh: '生成的字段：{fields}', en: 'Generated fields: {fields}' },

  'todos.title': { zh: '我的待办', en: 'My to-dos' },
  'todos.subtitle': {
    zh: '需要您签收、报送、答复或审核的事项，逾期的排在最前',
    en: 'What you must acknowledge, report, answer or review — late ones first',
  },
  'todos.what': { zh: '待办', en: 'To do' },
  'todos.dueDate': { zh: '办理期限', en: 'Due' },
  'todos.none': { zh: '暂无待办事项', en: 'Nothing to do' },
  'todos.late': { zh: '逾期 {days} 天', en: '{days} days late' },
  'todos.due': { zh: '{date} 前', en: 'by {date}' },
  'todos.lateCount': { zh: '其中逾期 {count} 项', en: '{count} late' },
  'todos.all': { zh: '查看全部', en: 'See all' },
  'todos.kind.acknowledge': { zh: '签收事项', en: 'Acknowledge' },
  'todos.kind.report': { zh: '报送月度进展', en: 'Report progress' },
  'todos.kind.answerNotice': { zh: '答复督办单', en: 'Answer a notice' },
  'todos.kind.reviewCompletion': { zh: '审核销号', en: 'Review completion' },
  'todos.kind.reviewAdjustment': { zh: '审批调整', en: 'Decide on an adjustment' },
  'todos.kind.reviewAnswer': { zh: '审核督办答复', en: 'Review an answer' },
  'todos.kind.escalatedNotice': { zh: '督办逾期未答复', en: 'Notice unanswered (escalated)' },

  'item.back': { zh: '返回清单', en: 'Back to the lists' },
  'item.details': { zh: '基本信息', en: 'Details' },
  'item.content': { zh: '具体内容', en: 'Content' },
  'item.source': { zh: '来源', en: 'Source' },
  'item.elapsed': { zh: '序时进度', en: 'Time elapsed' },
  'item.milestones': { zh: '节点计划', en: 'Milestones' },
  'item.milestone': { zh: '节点', en: 'Milestone' },
  'item.planned': { zh: '计划完成', en: 'Planned' },
  'item.completed': { zh: '实际完成', en: 'Completed' },
  'item.evidence': { zh: '佐证', en: 'Evidence' },
  'item.complete': { zh: '完成', en: 'Complete' },
  'item.reports': { zh: '月度进展', en: 'Monthly progress' },
  'item.period': { zh: '月份', en: 'Month' },
  'item.percent': { zh: '完成进度（%）', en: 'Progress (%)' },
  'item.value': { zh: '目标完成值', en: 'Figure reached' },
  'item.narrative': { zh: '进展情况', en: 'Progress' },
  'item.problems': { zh: '需协调解决的问题', en: 'Problems needing co-ordination' },
  'item.problem': { zh: '问题', en: 'Problem' },
  'item.owner': { zh: '责任方', en: 'Owner' },
  'item.problemDue': { zh: '解决时限', en: 'By' },
  'item.addProblem': { zh: '添加问题', en: 'Add a problem' },
  'item.lateReport': { zh: '逾期报送', en: 'Late' },
  'item.owed': { zh: '应报月份', en: 'Reports owed' },
  'item.owedDue': { zh: '{period}（{date} 前）', en: '{period} (by {date})' },
  'item.warnings': { zh: '预警记录', en: 'Warnings' },
  'item.raisedAt': { zh: '亮牌时间', en: 'Raised' },
  'item.clearedAt': { zh: '解除时间', en: 'Cleared' },
  'item.active': { zh: '在办', en: 'Active' },
  'item.notices': { zh: '督办单', en: 'Supervision notices' },
  'item.noticeDue': { zh: '答复期限 {date}', en: 'Answer by {date}' },
  'item.noticeAuto': { zh: '系统自动督办', en: 'Issued automatically' },
  'item.escalated': { zh: '逾期未答复，已升级', en: 'Unanswered past its date: escalated' },
  'item.answer': { zh: '答复', en: 'Answer' },
  'item.reviewAnswer': { zh: '审核答复', en: 'Review the answer' },
  'item.accept': { zh: '办结', en: 'Accept' },
  'item.returnAnswer': { zh: '退回重新答复', en: 'Return' },
  'item.attachments': { zh: '附件', en: 'Attachments' },
  'item.upload': { zh: '上传附件', en: 'Upload' },
  'item.uploadHint': {
    zh: '支持 PDF、OFD、图片、Office/WPS 文档、TXT、CSV、ZIP，单个不超过 10 MB',
    en: 'PDF, OFD, images, Office/WPS documents, TXT, CSV, ZIP; at most 10 MB each',
  },
  'item.adjustments': { zh: '调整与撤销', en: 'Adjustments' },
  'item.history': { zh: '办理记录', en: 'History' },
  'item.original': { zh: '（原目标）', en: '(original)' },
  'item.clearedOn': { zh: '{time} 解除', en: 'cleared {time}' },
  'item.resolve': { zh: '标记已解决', en: 'Mark solved' },
  'item.resolved': { zh: '已解决', en: 'Solved' },
  'adjust.pending': { zh: '待审批', en: 'Pending' },
  'adjust.approved': { zh: '已同意', en: 'Approved' },
  'adjust.rejected': { zh: '未同意', en: 'Rejected' },
  'history.resolveProblem': { zh: '问题已解决', en: 'Problem solved' },
  'history.create': { zh: '创建', en: 'Created' },
  'history.answerNotice': { zh: '答复督办单', en: 'Notice answered' },
  'history.acceptAnswer': { zh: '督办答复通过，办结', en: 'Answer accepted' },
  'history.returnAnswer': { zh: '督办答复退回', en: 'Answer returned' },
  'history.autoNotice': { zh: '系统自动督办', en: 'Notice issued automatically' },
  'history.escalateNotice': { zh: '督办逾期升级', en: 'Notice escalated' },
  'history.system': { zh: '系统', en: 'System' },
  'lists.refresh': { zh: '刷新', en: 'Refresh' },
  'item.indicator': { zh: '关联指标', en: 'Linked indicator' },
  'item.approve': { zh: '同意', en: 'Approve' },
  'item.reject': { zh: '不同意', en: 'Reject' },
  'item.note': { zh: '说明', en: 'Note' },
  'item.reason': { zh: '理由', en: 'Reason' },
  'item.problemText': { zh: '督办事由', en: 'Problem' },
  'item.dueDate': { zh: '答复期限', en: 'Answer by' },
  'item.newDeadline': { zh: '新的截止日期', en: 'New deadline' },
  'item.newFloor': { zh: '新的确保目标', en: 'New floor' },
  'item.newStretch': { zh: '新的力争目标', en: 'New stretch' },
  'item.adjustKind': { zh: '申请类型', en: 'Kind' },
  'item.done': { zh: '操作成功', en: 'Done' },
  'item.conflict': { zh: '事项已被他人更新，已重新加载', en: 'The item was changed by someone else; reloaded' },
  'item.nothing': { zh: '暂无', en: 'None' },
  'item.noActions': { zh: '当前无可办理的操作', en: 'Nothing for you to do here now' },

  'form.newTitle': { zh: '新建清单事项（草稿）', en: 'New list item (draft)' },
  'form.editTitle': { zh: '修改草稿', en: 'Edit draft' },
  'form.title': { zh: '事项名称', en: 'Title' },
  'form.year': { zh: '年度', en: 'Year' },
  'form.targetUnit': { zh: '目标单位', en: 'Unit of the target' },
  'form.indicator': { zh: '关联指标编码', en: 'Linked indicator code' },
  'form.addMilestone': { zh: '添加节点', en: 'Add a milestone' },
  'form.required': { zh: '必填', en: 'Required' },
  'form.created': { zh: '已创建草稿 {code}', en: 'Draft {code} created' },

  'leaders.title': { zh: '责任领导视图', en: 'By responsible leader' },
  'leaders.subtitle': {
    zh: '按责任领导汇总各自分管事项的红黄蓝牌，红牌多的排在前',
    en: 'Each leader’s items by colour; the most red first',
  },
  'units.title': { zh: '单位履责记录', en: 'Unit records' },
  'units.subtitle': {
    zh: '各牵头单位的事项按期完成、逾期、预警与督办情况及履责得分',
    en: 'Each lead unit’s items on time and late, warnings, notices and its score',
  },
  'units.choose': { zh: '选择单位', en: 'Unit' },
  'units.year': { zh: '年度', en: 'Year' },
  'units.score': { zh: '履责得分', en: 'Score' },
  'units.items': { zh: '牵头事项', en: 'Items led' },
  'units.closedOnTime': { zh: '按期销号', en: 'Closed on time' },
  'units.completedLate': { zh: '逾期完成', en: 'Completed late' },
  'units.overdue': { zh: '逾期未完成', en: 'Overdue' },
  'units.onTrack': { zh: '正常推进', en: 'On track' },
  'units.noticesCount': { zh: '督办单', en: 'Notices' },
  'units.escalations': { zh: '督办升级', en: 'Escalated' },
  'units.deductions': { zh: '扣分明细', en: 'Deductions' },
  'units.ranking': { zh: '履责得分排名', en: 'Scores of all units' },
  'units.ownItems': { zh: '本单位事项', en: 'The unit’s items' },
  'units.rule': {
    zh: '得分 = 基础分 − 黄牌×{yellow} − 红牌×{red} − 督办单×{notice} − 督办升级×{escalation} − 逾期事项×{lateItem}',
    en: 'Score = base − yellow×{yellow} − red×{red} − notice×{notice} − escalation×{escalation} − late item×{lateItem}',
  },

  'summary.title': { zh: '月度进展汇总（通报用）', en: 'Monthly progress summary (for the bulletin)' },
  'summary.subtitle': {
    zh: '当月在推事项的进展、预警与待协调问题，滞后事项排在前',
    en: 'The month’s items: progress, warnings and open problems, those behind first',
  },
  'summary.reported': { zh: '已报送', en: 'Reported' },
  'summary.notReported': { zh: '未报送', en: 'Not reported' },
  'summary.openProblems': { zh: '待协调问题', en: 'Open problems' },
} as const satisfies Record<string, Entry>;

export type ListMsgId = keyof typeof dict;

/** Whether `id` names a message of the lists (for ids built at run time, e.g. from a history action). */
export function isListMsg(id: string): id is ListMsgId {
  return id in dict;
}

/** The translation function for the lists' pages. */
export function useLt(): (id: ListMsgId, vars?: Vars) => string {
  const { lang } = useI18n();
  return useCallback(
    (id, vars) => {
      const text: string = dict[id][lang];
      if (!vars) return text;
      return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
    },
    [lang],
  );
}
