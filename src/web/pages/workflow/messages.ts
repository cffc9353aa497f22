/**
 * UI strings of the reporting workflow pages (entry, review, rounds, users), in the same shape as the app's
 * dictionary in i18n.ts; kept beside the pages so that they can grow without touching the shell's file.
 */
import { useCallback } from 'react';
import { useI18n, type Vars } from '../../i18n.ts';

interface Entry {
  zh: string;
  en: string;
}

const dict = {
  // Shared by several pages
  'wf.period': { zh: '填报期别', en: 'Period' },
  'wf.orgUnit': { zh: '填报单位', en: 'Org unit' },
  'wf.indicator': { zh: '指标', en: 'Indicator' },
  'wf.previous': { zh: '上期值', en: 'Previous' },
  'wf.previousOf': { zh: '上期（{period}）', en: 'Previous ({period})' },
  'wf.current': { zh: '本期值', en: 'This period' },
  'wf.note': { zh: '说明', en: 'Note' },
  'wf.change': { zh: '变动', en: 'Change' },
  'wf.submittedAt': { zh: '提交时间', en: 'Submitted' },
  'wf.reload': { zh: '重新加载', en: 'Reload' },
  'wf.confirm': { zh: '确定', en: 'OK' },
  'wf.monthly': { zh: '月度', en: 'Monthly' },
  'wf.quarterly': { zh: '季度', en: 'Quarterly' },
  'wf.yearly': { zh: '年度', en: 'Yearly' },
  'wf.allPeriods': { zh: '全部期别', en: 'All periods' },
  'wf.allUnits': { zh: '全部单位', en: 'All units' },
  'wf.openRound': { zh: '填报中', en: 'Open' },
  'wf.conflictTitle': { zh: '数据已被他人修改', en: 'Changed by someone else' },
  'wf.selectPlaceholder': { zh: '请选择', en: 'Choose' },

  // Data entry
  'entry.title': { zh: '数据填报', en: 'Data entry' },
  'entry.subtitle': {
    zh: '选择单位和期别，逐项填写本期值，保存草稿后提交审核',
    en: 'Choose the unit and period, enter this period’s values, save a draft and submit for review',
  },
  'entry.code': { zh: '指标编码', en: 'Code' },
  'entry.name': { zh: '指标名称', en: 'Indicator' },
  'entry.target': { zh: '年度目标（确保/力争）', en: 'Annual target (floor/stretch)' },
  'entry.status': { zh: '状态', en: 'Status' },
  'entry.notEntered': { zh: '未填报', en: 'Not entered' },
  'entry.save': { zh: '保存草稿', en: 'Save draft' },
  'entry.submit': { zh: '提交审核', en: 'Submit for review' },
  'entry.template': { zh: '下载模板', en: 'Download template' },
  'entry.import': { zh: '导入 Excel', en: 'Import Excel' },
  'entry.discard': { zh: '撤销修改', en: 'Discard changes' },
  'entry.discardConfirm': { zh: '撤销本页全部未保存的修改？', en: 'Discard every unsaved change on this page?' },
  'entry.unsavedCount': { zh: '{count} 项修改未保存', en: '{count} unsaved changes' },
  'entry.unsavedTag': { zh: '未保存', en: 'Unsaved' },
  'entry.noChanges': { zh: '没有需要保存的修改', en: 'Nothing to save' },
  'entry.fixErrors': {
    zh: '有 {count} 项数据不符合要求，请按红色提示修改后再保存',
    en: '{count} entries are invalid; fix the red messages first',
  },
  'entry.saved': { zh: '已保存 {count} 项草稿', en: 'Saved {count} drafts' },
  'entry.savedWithWarnings': {
    zh: '已保存 {count} 项草稿，其中 {warnings} 项变动较大，请核实',
    en: 'Saved {count} drafts; {warnings} changed a lot, please check',
  },
  'entry.saveFailed': { zh: '保存失败，全部修改均未保存', en: 'Not saved: none of the changes was stored' },
  'entry.submitConfirmTitle': { zh: '提交审核', en: 'Submit for review' },
  'entry.submitConfirm': {
    zh: '将提交 {unit} {period} 的 {count} 项草稿。提交后进入审核，审核期间不能修改。确认提交？',
    en: 'Submit {count} drafts of {unit} for {period}? While under review they cannot be changed.',
  },
  'entry.submitted': { zh: '已提交 {count} 项，等待审核', en: 'Submitted {count} values for review' },
  'entry.saveFirst': { zh: '请先保存草稿再提交', en: 'Save your changes before submitting' },
  'entry.nothingToSubmit': { zh: '没有待提交的草稿或退回数据', en: 'No drafts or returned values to submit' },
  'entry.locked': { zh: '{period} 数据已锁定', en: '{period} is locked' },
  'entry.lockedHint': {
    zh: '本期数据已由共富办锁定，不能填报或修改。如确需修改，请联系共富办解锁。',
    en: 'The coordination centre has locked this period: nothing can be entered or changed. Ask them to unlock it.',
  },
  'entry.returnedBanner': {
    zh: '{count} 项数据被审核退回，请按退回原因修改并填写说明后重新提交',
    en: '{count} values were returned by the reviewer; revise them, say why in the note, and submit again',
  },
  'entry.returnReason': { zh: '退回原因', en: 'Returned because' },
  'entry.computed': { zh: '计算指标', en: 'Computed' },
  'entry.readOnly.computed': { zh: '计算指标，由系统自动计算，无需填报', en: 'Computed by the system; not entered' },
  'entry.readOnly.locked': { zh: '本期已锁定', en: 'Period locked' },
  'entry.error.notNumber': { zh: '请输入数字', en: 'Enter a number' },
  'entry.error.belowMin': { zh: '不能小于 {min}', en: 'Must be at least {min}' },
  'entry.error.aboveMax': { zh: '不能大于 {max}', en: 'Must be at most {max}' },
  'entry.error.noteRequired': { zh: '修改退回的数据须填写说明', en: 'Say why you revised a returned value' },
  'entry.warning.change': {
    zh: '较上期 {previous} 变动 {pct}%，请核实',
    en: '{pct}% change from the previous {previous}; please check',
  },
  'entry.conflictHint': {
    zh: '保存未生效（全部修改均未保存）。以下数据在您打开本页后已被他人修改：',
    en: 'Nothing was saved. These values were changed by someone else after you opened the page:',
  },
  'entry.conflictReload': { zh: '重新加载（保留其他修改）', en: 'Reload (keep my other changes)' },
  'entry.conflictReloadHint': {
    zh: '重新加载后，上述各项显示他人修改后的最新值，您在其他指标上的修改将保留。',
    en: 'After reloading, those rows show the latest values; your changes to other rows are kept.',
  },
  'entry.changedByOthers': { zh: '他人已修改', en: 'Changed by others' },
  'entry.leaveTitle': { zh: '有未保存的修改', en: 'Unsaved changes' },
  'entry.leaveConfirm': {
    zh: '本页有 {count} 项修改尚未保存，离开后将丢失。确定离开？',
    en: '{count} changes are not saved and will be lost. Leave anyway?',
  },
  'entry.leave': { zh: '离开', en: 'Leave' },
  'entry.stay': { zh: '留在本页', en: 'Stay' },
  'entry.chooseUnit': { zh: '请选择填报单位', en: 'Choose an org unit' },
  'entry.showAll': {
    zh: '同时显示其他部门填报的 {count} 项指标（只读）',
    en: 'Also show the {count} indicators other departments enter (read-only)',
  },
  'entry.noRows': { zh: '该单位本期没有需要填报的指标', en: 'Nothing to report for this unit and period' },
  'entry.summary': {
    zh: '共 {total} 项：已填 {filled} · 草稿 {draft} · 已提交 {submitted} · 退回 {returned} · 已审核 {approved} · 已发布 {published}',
    en: '{total} indicators: {filled} filled · {draft} draft · {submitted} submitted · {returned} returned · {approved} approved · {published} published',
  },
  'entry.importTitle': { zh: '导入结果', en: 'Import result' },
  'entry.importDone': {
    zh: '已导入 {imported} 项草稿；{unchanged} 项与已存草稿相同；{skipped} 项本期值为空，已跳过',
    en: 'Imported {imported} drafts; {unchanged} unchanged; {skipped} with an empty value skipped',
  },
  'entry.importRowN': { zh: '第 {row} 行', en: 'row {row}' },
  'entry.importFailed': {
    zh: '文件有 {count} 处错误，未导入任何数据（全部或全不）',
    en: 'The file has {count} errors; nothing was imported (all or nothing)',
  },
  'entry.importRow': { zh: '行', en: 'Row' },
  'entry.importColumn': { zh: '列', en: 'Column' },
  'entry.importSheet': { zh: '工作表', en: 'Sheet' },
  'entry.importField': { zh: '字段', en: 'Field' },
  'entry.importReason': { zh: '原因', en: 'Reason' },
  'entry.importWarnings': { zh: '提示', en: 'Warnings' },
  'entry.importSaveFirst': {
    zh: '导入会覆盖本页数据，请先保存或撤销未保存的修改',
    en: 'Save or discard your changes before importing',
  },
  'entry.templateHint': {
    zh: '下载已预填指标和上期值的 Excel 模板，填好后导入',
    en: 'Excel template with the indicators and last period’s values; fill it in and import it',
  },

  // Review
  'review.title': { zh: '数据审核', en: 'Review' },
  'review.subtitle': {
    zh: '核对各单位提交的数据，审核通过或填写原因退回',
    en: 'Check submitted values; approve them or return them with a reason',
  },
  'review.indicatorSearch': { zh: '指标编码或名称', en: 'Indicator code or name' },
  'review.approve': { zh: '审核通过', en: 'Approve' },
  'review.return': { zh: '退回', en: 'Return' },
  'review.selected': { zh: '已选 {count} 项', en: '{count} selected' },
  'review.selectFirst': { zh: '请先勾选要审核的数据', en: 'Select values first' },
  'review.approveConfirm': { zh: '确认审核通过选中的 {count} 项数据？', en: 'Approve the {count} selected values?' },
  'review.approved': { zh: '已审核通过 {count} 项', en: 'Approved {count} values' },
  'review.returned': { zh: '已退回 {count} 项', en: 'Returned {count} values' },
  'review.returnTitle': { zh: '退回 {count} 项数据', en: 'Return {count} values' },
  'review.returnReason': { zh: '退回原因', en: 'Reason' },
  'review.returnReasonRequired': {
    zh: '请填写退回原因，填报人将看到此原因',
    en: 'Give a reason; the reporter will see it',
  },
  'review.returnReasonPlaceholder': {
    zh: '例如：与统计局快报数不一致，请核实后重报',
    en: 'e.g. differs from the statistics bureau’s flash figure; please check',
  },
  'review.conflict': {
    zh: '部分数据已被他人修改或已审核，列表已刷新，请重新核对',
    en: 'Some values changed or were already reviewed; the list was reloaded',
  },
  'review.empty': { zh: '没有待审核的数据', en: 'Nothing awaits review' },
  'review.bigChange': { zh: '变动超过 50%', en: 'Changed more than 50%' },
  'review.count': { zh: '待审核 {count} 项', en: '{count} awaiting review' },

  // Rounds
  'rounds.title': { zh: '填报进度', en: 'Reporting rounds' },
  'rounds.subtitle': {
    zh: '各单位本轮填报、审核情况；逾期未报的单位排在最前',
    en: 'Who has reported what; late units come first',
  },
  'rounds.list': { zh: '填报轮次', en: 'Rounds' },
  'rounds.dueDate': { zh: '截止日期', en: 'Due date' },
  'rounds.openedAt': { zh: '开启时间', en: 'Opened' },
  'rounds.status': { zh: '状态', en: 'Status' },
  'rounds.status.open': { zh: '填报中', en: 'Open' },
  'rounds.status.closed': { zh: '已结束', en: 'Closed' },
  'rounds.new': { zh: '开启新一轮填报', en: 'Open a round' },
  'rounds.newTitle': { zh: '开启填报轮次', en: 'Open a reporting round' },
  'rounds.opened': { zh: '已开启 {period} 填报', en: 'Opened the round for {period}' },
  'rounds.unit': { zh: '单位', en: 'Org unit' },
  'rounds.expected': { zh: '应报', en: 'Expected' },
  'rounds.missing': { zh: '未填', en: 'Missing' },
  'rounds.draft': { zh: '草稿', en: 'Draft' },
  'rounds.submitted': { zh: '待审核', en: 'Submitted' },
  'rounds.returned': { zh: '退回', en: 'Returned' },
  'rounds.approved': { zh: '已审核', en: 'Approved' },
  'rounds.published': { zh: '已发布', en: 'Published' },
  'rounds.progress': { zh: '完成进度', en: 'Progress' },
  'rounds.progressHint': {
    zh: '已提交、已审核和已发布的项数占应报项数的比例',
    en: 'Submitted, approved and published as a share of expected',
  },
  'rounds.late': { zh: '逾期', en: 'Late' },
  'rounds.lateDays': { zh: '逾期 {days} 天', en: '{days} days late' },
  'rounds.complete': { zh: '已完成', en: 'Complete' },
  'rounds.inProgress': { zh: '进行中', en: 'In progress' },
  'rounds.awaitingReview': { zh: '待审核', en: 'Awaiting review' },
  'rounds.today': { zh: '今天 {today} · 截止 {due}', en: 'Today {today} · due {due}' },
  'rounds.lateSummary': { zh: '{count} 个单位逾期未完成', en: '{count} units are late' },
  'rounds.allOnTime': { zh: '没有逾期单位', en: 'No unit is late' },
  'rounds.publish': { zh: '发布已审核数据', en: 'Publish approved values' },
  'rounds.publishConfirm': {
    zh: '将发布 {period} 已审核数据 {count} 项（{indicators} 个指标），涉及 {units}。发布后进入领导驾驶舱、评价结果、排名、通报和导出。确认发布？',
    en: "Publish {count} approved values of {period} ({indicators} indicators) from {units}? They then appear on the leaders' cockpit, in the evaluation, the ranking, the bulletin and the exports.",
  },
  'rounds.publishNothing': {
    zh: '{period} 没有待发布的已审核数据。',
    en: '{period} has no approved values waiting to be published.',
  },
  'rounds.publishUnit': { zh: '{name} {count} 项', en: '{name} ({count})' },
  'rounds.publishedCount': { zh: '已发布 {count} 项', en: 'Published {count} values' },
  'rounds.lock': { zh: '锁定本期', en: 'Lock period' },
  'rounds.lockConfirm': {
    zh: '锁定后 {period} 的数据不能再填报、修改、审核或发布，直到共富办解锁。确认锁定？',
    en: 'While {period} is locked nothing can be entered, changed, reviewed or published. Lock it?',
  },
  'rounds.locked': { zh: '已锁定', en: 'Locked' },
  'rounds.lockedAt': { zh: '{period} 已于 {time} 锁定', en: '{period} locked at {time}' },
  'rounds.lockDone': { zh: '{period} 已锁定', en: '{period} locked' },
  'rounds.unlock': { zh: '解锁', en: 'Unlock' },
  'rounds.unlockTitle': { zh: '解锁 {period}', en: 'Unlock {period}' },
  'rounds.unlockReason': { zh: '解锁原因', en: 'Reason' },
  'rounds.unlockReasonRequired': { zh: '请填写解锁原因', en: 'Give a reason' },
  'rounds.unlockDone': { zh: '{period} 已解锁', en: '{period} unlocked' },
  'rounds.none': { zh: '尚未开启填报轮次', en: 'No reporting round yet' },
  'rounds.openEntry': { zh: '去填报', en: 'Enter' },

  // Users
  'users.title': { zh: '用户管理', en: 'Users' },
  'users.subtitle': { zh: '账户、角色与数据权限范围；在线会话', en: 'Accounts, roles and scopes; active sessions' },
  'users.tabUsers': { zh: '用户', en: 'Users' },
  'users.tabSessions': { zh: '在线会话', en: 'Active sessions' },
  'users.keyword': { zh: '用户名或姓名', en: 'User or display name' },
  'users.username': { zh: '用户名', en: 'User name' },
  'users.displayName': { zh: '姓名', en: 'Display name' },
  'users.role': { zh: '角色', en: 'Role' },
  'users.entryScope': { zh: '填报范围', en: 'Entry scope' },
  'users.viewScope': { zh: '查看范围', en: 'View scope' },
  'users.workTeam': { zh: '工作专班', en: 'Work team' },
  'users.state': { zh: '账户状态', en: 'State' },
  'users.state.active': { zh: '正常', en: 'Active' },
  'users.state.disabled': { zh: '已停用', en: 'Disabled' },
  'users.state.locked': { zh: '已锁定', en: 'Locked' },
  'users.state.lockedUntil': { zh: '锁定至 {time}', en: 'Locked until {time}' },
  'users.state.mustChange': { zh: '待修改初始密码', en: 'Must change password' },
  'users.createdAt': { zh: '创建时间', en: 'Created' },
  'users.create': { zh: '新建用户', en: 'New user' },
  'users.edit': { zh: '编辑用户', en: 'Edit user' },
  'users.disabled': { zh: '停用账户', en: 'Disabled' },
  'users.resetPassword': { zh: '重置密码', en: 'Reset password' },
  'users.resetConfirm': {
    zh: '重置 {name} 的密码？旧密码立即失效，用户下次登录须修改密码。',
    en: 'Reset {name}’s password? The old one stops working and the user must change it at next sign-in.',
  },
  'users.created': { zh: '已创建用户 {name}', en: 'Created {name}' },
  'users.updated': { zh: '已保存 {name}', en: 'Saved {name}' },
  'users.conflict': {
    zh: '该用户已被他人修改，已重新加载，请重新编辑',
    en: 'Changed by someone else; reloaded, edit again',
  },
  'users.passwordTitle': { zh: '初始密码', en: 'Initial password' },
  'users.newPasswordTitle': { zh: '新密码', en: 'New password' },
  'users.passwordOnce': {
    zh: '密码只显示这一次，关闭后无法再次查看。请立即复制并通过安全渠道告知 {name}，用户首次登录须修改密码。',
    en: 'This password is shown only once. Copy it now and give it to {name} over a safe channel; they must change it at first sign-in.',
  },
  'users.copy': { zh: '复制密码', en: 'Copy' },
  'users.copied': { zh: '已复制', en: 'Copied' },
  'users.copyFailed': { zh: '无法访问剪贴板，请手动选择复制', en: 'Clipboard unavailable; select and copy by hand' },
  'users.passwordSaved': { zh: '我已记下密码', en: 'I have noted it' },
  'users.usernameRule': {
    zh: '3–32 位小写字母、数字或 _ . -，以字母开头',
    en: '3–32 lower-case letters, digits, _ . -, starting with a letter',
  },
  'users.required': { zh: '必填', en: 'Required' },
  'users.viewScopeRequired': { zh: '至少选择一个查看范围', en: 'Choose at least one unit' },
  'users.scopeHint': { zh: '包含所选单位的全部下级', en: 'Includes every unit below the ones chosen' },
  'users.none': { zh: '无', en: 'None' },
  'users.entryHint.districtReporter': {
    zh: '可填报的地区（含全部下级）',
    en: 'Regions this user enters figures for (with everything below)',
  },
  'users.entryHint.departmentReporter': {
    zh: '所属部门：可填报本部门牵头的指标',
    en: 'The user’s department: it enters the indicators it leads',
  },
  'users.entryHint.reviewer': {
    zh: '可审核的地区（含全部下级）',
    en: 'Regions whose figures this user reviews (with everything below)',
  },
  'users.entryHint.none': {
    zh: '该角色不填报、不审核，可留空',
    en: 'This role neither enters nor reviews; leave empty',
  },
  'users.viewHint': { zh: '可查看的地区和部门（含全部下级）', en: 'Units this user may read (with everything below)' },
  'users.allRoles': { zh: '全部角色', en: 'All roles' },
  'users.allStates': { zh: '全部状态', en: 'All states' },
  'users.sessionUser': { zh: '用户', en: 'User' },
  'users.sessionIp': { zh: 'IP 地址', en: 'IP address' },
  'users.sessionCreated': { zh: '登录时间', en: 'Signed in' },
  'users.sessionLastSeen': { zh: '最近活动', en: 'Last seen' },
  'users.endSession': { zh: '结束会话', en: 'End session' },
  'users.endSessionConfirm': {
    zh: '结束 {name} 的这个会话？对方需重新登录。',
    en: 'End this session of {name}? They will have to sign in again.',
  },
  'users.sessionEnded': { zh: '会话已结束', en: 'Session ended' },
  'users.count': { zh: '共 {count} 个用户', en: '{count} users' },
  'users.sessionCount': { zh: '当前 {count} 个有效会话', en: '{count} active sessions' },
} as const satisfies Record<string, Entry>;

export type WfMsgId = keyof typeof dict;

/** The translation function for the workflow pages, in the language chosen in the header. */
export function useWt(): (id: WfMsgId, vars?: Vars) => string {
  const { lang } = useI18n();
  return useCallback(
    (id: WfMsgId, vars?: Vars) => {
      const text: string = dict[id][lang];
      if (!vars) return text;
      return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
    },
    [lang],
  );
}
