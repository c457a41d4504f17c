import type { Catalogue } from './catalogue';

/**
 * The simplified-Chinese texts, in the wording of the seed pack's policy guide and the regulator's
 * five-tier guidance (正常/关注/次级/可疑/损失, 逾期, 委外催收, 诉讼, 核销, 贷后检查 …).
 *
 * @example
 * ```ts
 * zhCN.classification.substandard; // '次级'
 * ```
 */
export const zhCN = {
  state: { normal: '正常', overdueM1: '逾期 M1', overdueM2M3: '逾期 M2–M3', outsourced: '委外催收', litigation: '诉讼', writtenOff: '核销', settled: '结清' },
  bucket: { M0: 'M0（未逾期）', M1: 'M1（逾期 1–30 天）', M2: 'M2（逾期 31–60 天）', M3: 'M3（逾期 61–90 天）', M4: 'M4（逾期 91–120 天）', M5: 'M5（逾期 121–150 天）', M6: 'M6（逾期 151–180 天）', 'M6+': 'M6+（逾期 180 天以上）' },
  classification: { pass: '正常', specialMention: '关注', substandard: '次级', doubtful: '可疑', loss: '损失' },
  riskLevel: { low: '低风险', medium: '中风险', high: '高风险' },
  managementMode: { regular: '常规管理', key: '重点管理' },
  segment: { none: '未进入催收', ableWilling: '有能力有意愿', ableUnwilling: '有能力无意愿', unableWilling: '有意愿无能力', lostContact: '失联' },
  taskStatus: { open: '待办', done: '已完成', late: '逾期完成', breached: '超期未办', cancelled: '已取消' },
  timelineKind: {
    stateChanged: '状态变更', bucketChanged: '逾期档位变更', classificationChanged: '五级分类变更', paymentApplied: '还款入账',
    agencyAssigned: '委外机构受托', agencyRecalled: '委外机构收回', writeOffRequested: '申请核销', collateralRevalued: '押品重估',
    policyBreach: '违反催收规范', judgmentRecorded: '判决登记', riskLevelChanged: '风险等级变更', managementModeChanged: '管理模式变更',
    segmentChanged: '催收分群变更', scheduleReplaced: '还款计划变更', observationRestarted: '观察期重新起算',
    observationEnded: '观察期届满', promiseKept: '承诺还款已履行', promiseBroken: '承诺还款未履行', riskSignalRecorded: '风险信号登记',
    taskOpened: '任务生成', taskDone: '任务完成', taskBreached: '任务超期', taskCancelled: '任务取消', eventRecorded: '事件登记',
    eventRejected: '事件被拒', warning: '提示', packSwitched: '规则包版本切换',
  },
  eventType: {
    payment: '还款', contactAttempt: '联系', promiseToPay: '承诺还款', fieldVisit: '外访', inspection: '贷后检查',
    noticeSent: '发送通知书', collateralValuation: '押品估值', materialEvent: '重大事项', ratingChange: '评级调整',
    restructure: '重组', extension: '展期', agencyPlacement: '委外催收', agencyRecall: '委外收回', lawsuitFiled: '提起诉讼',
    judgment: '判决', writeOffRequest: '核销申请', writeOffApproval: '核销批准', misappropriation: '挪用贷款', riskSignal: '风险信号',
  },
  taskKind: {
    disbursementCallback: '放款后回访', firstInspection: '首次贷后检查', periodicInspection: '定期贷后检查', inspectionReport: '贷后检查报告',
    annualReport: '年度检查报告', collateralInspection: '押品现场检查', earlySettlementDemand: '要求提前还款', riskMonitoring: '风险监测',
    overdueInspection: '逾期检查', workLogEntry: '工作日志', supervisorSignOff: '主管签批', monthlyWorkLog: '月度工作日志',
    maturityNotice: '到期通知书', guarantorMaturityNotice: '担保人到期提示', maturityCallReminder: '到期电话提醒',
    repaymentReminder: '还款提醒', interestReminder: '付息提醒', collectionNotice: '催收通知书', guaranteeNotice: '履行担保责任通知书',
    interestCollectionNotice: '欠息催收通知书', overdueNotice: '逾期催收通知书（月度）', longOverdueNotice: '长期逾期催收通知书',
    longOverdueGuarantorNotice: '长期逾期担保人通知书', limitationWarning: '中断诉讼时效', materialEventReport: '重大事项报告',
    ratingRenewal: '信用评级更新', ratingAdjustment: '信用评级调整', ledgerCarryForward: '台账结转', settlementCertificate: '结清证明',
    agencyPlacement: '委外催收派案', fieldVisit: '上门外访', informationRepair: '联系信息修复', legalReview: '诉讼审查',
    additionalSecurityDemand: '要求追加担保', collateralRevaluation: '押品重估', borrowerCall: '借款人催收电话',
    contactCall: '联系人电话', dailyCall: '每日催收电话', firmNotice: '严正催收函', hardshipPlan: '困难还款方案',
    guarantorDemand: '向担保人追偿', nplCollection: '不良贷款清收', manualReview: '人工复核', preCollection: '预催收提醒',
  },
  party: { borrower: '借款人', contact: '联系人', guarantor: '担保人', collector: '催收员', loanOfficer: '客户经理', supervisor: '主管', collateral: '押品' },
  issue: {
    'json.syntax': 'JSON 语法错误', 'json.tooDeep': 'JSON 嵌套过深', 'json.forbiddenKey': 'JSON 含禁用的键名', 'input.invalid': '输入不符合格式',
    'money.number': '金额不能写成 JSON 数字', 'money.format': '金额格式错误', 'money.negative': '金额不能为负', 'money.range': '金额超出范围',
    'rate.format': '利率格式错误', 'date.format': '日期格式错误', 'date.invalid': '日期不存在', 'event.unknownType': '未知的事件类型',
    'event.unknownKind': '未知的事件种类', 'input.tooLong': '输入过长', 'input.tooManyProblems': '问题过多', 'input.controlCharacter': '文本含控制字符',
    'event.duplicateId': '事件编号重复', 'event.beforeDisbursement': '事件早于放款日', 'contract.schedule': '还款计划有误',
    'calendar.outOfCoverage': '日期超出工作日历范围', 'calendar.invalid': '工作日历有误', 'pack.missingFile': '规则包缺少文件',
    'pack.unknownOperator': '未知的运算符', 'pack.unknownFact': '未知的事实', 'pack.unknownParam': '未知的参数', 'pack.missingParam': '缺少参数',
    'pack.paramType': '参数类型错误', 'pack.unknownEventType': '规则包引用了未知的事件类型', 'pack.unknownTaskKind': '未知的任务类型',
    'pack.cadenceBreach': '频率违反制度要求', 'pack.duplicateRule': '规则重复', 'pack.unknownRule': '未知的规则', 'pack.tableOverlap': '决策表区间重叠',
    'pack.invalid': '规则包无效', 'pack.emptyGroup': '条件组为空', 'pack.unsupportedPath': '不支持的事实路径', 'cli.usage': '用法错误',
    'cli.io': '读写错误', 'internal.loop': '内部错误',
  },
  cli: {
    at: '位置',
    hint: '提示',
    detail: '详情',
    internal: '内部错误',
    internalHint: '这是 postloan 的缺陷，请连同导致问题的输入一并报告。',
    usageHint: '运行 `postloan --help` 查看用法',
    badLang: (value: string) => `--lang 只能是 en 或 zh-CN，实际为 "${value}"`,
    morePrefix: '…',
  },
  casePage: {
    title: '贷后档案', loan: '贷款', asOf: '截至', pack: '规则包', summary: '贷款现状', state: '状态', bucket: '逾期档位', dpd: '逾期天数',
    classification: '五级分类', riskLevel: '风险等级', managementMode: '管理模式', segment: '催收分群', balances: '余额',
    outstanding: '未偿余额', overdue: '逾期金额', principal: '本金', interest: '利息', penalty: '罚息', total: '合计', provision: '拨备',
    limitation: '诉讼时效届满日', nextReview: '下次分类复核日', none: '—', dpdChart: '逾期天数走势（含逾期档位区间与状态变更）',
    dpdAxis: '逾期天数', stateBands: '状态', classificationChanges: '五级分类变更', tasks: '贷后任务',
    taskHeaders: ['任务', '对象', '规则', '生成日', '到期日', '完成日', '状态'], notices: '通知书及回执', contacts: '每日联系记录',
    contactHeaders: ['日期', '事件', '违规'], breaches: '违反催收规范', decisions: '决策及依据',
    decisionHeaders: ['日期', '事项', '变化', '规则', '依据数值'], inputs: '依据数值', masked: '个人信息已脱敏。', yuan: '元',
  },
} satisfies Catalogue;
