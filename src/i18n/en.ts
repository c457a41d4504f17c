import type { Catalogue } from './catalogue';

/**
 * The English texts. Issue titles are short; the issue's own message (English, built where the problem
 * is found) follows as the detail.
 *
 * @example
 * ```ts
 * en.classification.substandard; // 'Substandard'
 * ```
 */
export const en = {
  state: { normal: 'Normal', overdueM1: 'Overdue M1', overdueM2M3: 'Overdue M2–M3', outsourced: 'Outsourced collection', litigation: 'Litigation', writtenOff: 'Written off', settled: 'Settled' },
  bucket: { M0: 'M0 (current)', M1: 'M1 (1–30 days)', M2: 'M2 (31–60 days)', M3: 'M3 (61–90 days)', M4: 'M4 (91–120 days)', M5: 'M5 (121–150 days)', M6: 'M6 (151–180 days)', 'M6+': 'M6+ (over 180 days)' },
  classification: { pass: 'Pass', specialMention: 'Special mention', substandard: 'Substandard', doubtful: 'Doubtful', loss: 'Loss' },
  riskLevel: { low: 'Low risk', medium: 'Medium risk', high: 'High risk' },
  managementMode: { regular: 'Regular management', key: 'Key management' },
  segment: { none: 'Not in collection', ableWilling: 'Able and willing', ableUnwilling: 'Able but unwilling', unableWilling: 'Willing but unable', lostContact: 'Lost contact' },
  taskStatus: { open: 'Open', done: 'Done', late: 'Done late', breached: 'Breached', cancelled: 'Cancelled' },
  timelineKind: {
    stateChanged: 'State changed', bucketChanged: 'Bucket changed', classificationChanged: 'Classification changed', paymentApplied: 'Payment applied',
    agencyAssigned: 'Agency assigned', agencyRecalled: 'Agency recalled', writeOffRequested: 'Write-off requested', collateralRevalued: 'Collateral revalued',
    policyBreach: 'Policy breach', judgmentRecorded: 'Judgment recorded', riskLevelChanged: 'Risk level changed', managementModeChanged: 'Management mode changed',
    segmentChanged: 'Collection segment changed', scheduleReplaced: 'Schedule replaced', observationRestarted: 'Observation period restarted',
    observationEnded: 'Observation period ended', promiseKept: 'Promise to pay kept', promiseBroken: 'Promise to pay broken', riskSignalRecorded: 'Risk signal recorded',
    taskOpened: 'Task opened', taskDone: 'Task done', taskBreached: 'Task breached', taskCancelled: 'Task cancelled', eventRecorded: 'Event recorded',
    eventRejected: 'Event rejected', warning: 'Warning', packSwitched: 'Pack version switched',
  },
  eventType: {
    payment: 'Payment', contactAttempt: 'Contact attempt', promiseToPay: 'Promise to pay', fieldVisit: 'Field visit', inspection: 'Inspection',
    noticeSent: 'Notice sent', collateralValuation: 'Collateral valuation', materialEvent: 'Material event', ratingChange: 'Rating change',
    restructure: 'Restructuring', extension: 'Extension', agencyPlacement: 'Agency placement', agencyRecall: 'Agency recall', lawsuitFiled: 'Lawsuit filed',
    judgment: 'Judgment', writeOffRequest: 'Write-off request', writeOffApproval: 'Write-off approval', misappropriation: 'Misappropriation', riskSignal: 'Risk signal',
  },
  taskKind: {
    disbursementCallback: 'Post-disbursement call', firstInspection: 'First inspection', periodicInspection: 'Periodic inspection', inspectionReport: 'Inspection report',
    annualReport: 'Annual inspection report', collateralInspection: 'Collateral inspection', earlySettlementDemand: 'Early settlement demand', riskMonitoring: 'Risk monitoring',
    overdueInspection: 'Overdue inspection', workLogEntry: 'Work-log entry', supervisorSignOff: 'Supervisor sign-off', monthlyWorkLog: 'Monthly work log',
    maturityNotice: 'Maturity notice', guarantorMaturityNotice: 'Maturity notice to guarantor', maturityCallReminder: 'Maturity call reminder',
    repaymentReminder: 'Repayment reminder', interestReminder: 'Interest reminder', collectionNotice: 'Collection notice', guaranteeNotice: 'Guarantee-performance notice',
    interestCollectionNotice: 'Interest collection notice', overdueNotice: 'Monthly overdue notice', longOverdueNotice: 'Long-overdue notice',
    longOverdueGuarantorNotice: 'Long-overdue notice to guarantor', limitationWarning: 'Limitation interruption', materialEventReport: 'Material event report',
    ratingRenewal: 'Rating renewal', ratingAdjustment: 'Rating adjustment', ledgerCarryForward: 'Ledger carry-forward', settlementCertificate: 'Settlement certificate',
    agencyPlacement: 'Agency placement', fieldVisit: 'Field visit', informationRepair: 'Contact information repair', legalReview: 'Legal review',
    additionalSecurityDemand: 'Additional security demand', collateralRevaluation: 'Collateral revaluation', borrowerCall: 'Collection call to borrower',
    contactCall: 'Call to contact', dailyCall: 'Daily collection call', firmNotice: 'Firm collection notice', hardshipPlan: 'Hardship plan',
    guarantorDemand: 'Demand on guarantor', nplCollection: 'NPL collection', manualReview: 'Manual review', preCollection: 'Pre-collection reminder',
  },
  party: { borrower: 'Borrower', contact: 'Contact', guarantor: 'Guarantor', collector: 'Collector', loanOfficer: 'Loan officer', supervisor: 'Supervisor', collateral: 'Collateral' },
  issue: {
    'json.syntax': 'Not valid JSON', 'json.tooDeep': 'JSON nested too deeply', 'json.forbiddenKey': 'Forbidden JSON key', 'input.invalid': 'Invalid input',
    'money.number': 'Money written as a JSON number', 'money.format': 'Money in the wrong format', 'money.negative': 'Negative amount', 'money.range': 'Amount out of range',
    'rate.format': 'Rate in the wrong format', 'date.format': 'Date in the wrong format', 'date.invalid': 'Not a calendar date', 'event.unknownType': 'Unknown event type',
    'event.unknownKind': 'Unknown event kind', 'input.tooLong': 'Input too long', 'input.tooManyProblems': 'Too many problems', 'input.controlCharacter': 'Control character in text',
    'event.duplicateId': 'Duplicate event id', 'event.beforeDisbursement': 'Event before disbursement', 'contract.schedule': 'Repayment schedule problem',
    'calendar.outOfCoverage': 'Date outside the calendar', 'calendar.invalid': 'Invalid calendar', 'pack.missingFile': 'Rule pack file missing',
    'pack.unknownOperator': 'Unknown operator', 'pack.unknownFact': 'Unknown fact', 'pack.unknownParam': 'Unknown parameter', 'pack.missingParam': 'Missing parameter',
    'pack.paramType': 'Parameter of the wrong type', 'pack.unknownEventType': 'Unknown event type in the pack', 'pack.unknownTaskKind': 'Unknown task kind',
    'pack.cadenceBreach': 'Cadence breaks the policy', 'pack.duplicateRule': 'Duplicate rule', 'pack.unknownRule': 'Unknown rule', 'pack.tableOverlap': 'Decision table overlap',
    'pack.invalid': 'Invalid rule pack', 'pack.emptyGroup': 'Empty condition group', 'pack.unsupportedPath': 'Unsupported fact path', 'cli.usage': 'Usage error',
    'cli.io': 'I/O error', 'internal.loop': 'Internal error',
  },
  cli: {
    at: 'at',
    hint: 'hint',
    detail: 'detail',
    internal: 'Internal error',
    internalHint: 'This is a bug in postloan; please report it with the input that caused it.',
    usageHint: 'run `postloan --help` for usage',
    badLang: (value: string) => `--lang must be en or zh-CN, got "${value}"`,
    morePrefix: '…',
  },
  casePage: {
    title: 'Loan case file', loan: 'Loan', asOf: 'As of', pack: 'Rule pack', summary: 'Where the loan stands', state: 'State', bucket: 'Bucket', dpd: 'Days past due',
    classification: 'Classification', riskLevel: 'Risk level', managementMode: 'Management mode', segment: 'Collection segment', balances: 'Balances',
    outstanding: 'Outstanding', overdue: 'Overdue', principal: 'Principal', interest: 'Interest', penalty: 'Penalty interest', total: 'Total', provision: 'Provision',
    limitation: 'Limitation period expires', nextReview: 'Next classification review', none: '—', dpdChart: 'Days past due over time, with bucket bands and state changes',
    dpdAxis: 'DPD', stateBands: 'States', classificationChanges: 'Classification changes', tasks: 'Tasks',
    taskHeaders: ['Task', 'Party', 'Rule', 'Opened', 'Due', 'Closed', 'Status'], notices: 'Notices and receipts', contacts: 'Contacts by day',
    contactHeaders: ['Day', 'Events', 'Conduct breaches'], breaches: 'Conduct breaches', decisions: 'Decisions and their explanations',
    decisionHeaders: ['Day', 'What', 'Change', 'Rules', 'Inputs'], inputs: 'Inputs', masked: 'Personal data is masked.', yuan: 'yuan',
  },
  explain: {
    header: (loanId: string, asOf: string, pack: string, rule: string | undefined) => `Loan ${loanId} as of ${asOf} · pack ${pack}${rule === undefined ? '' : ` · rule ${rule}`}`,
    factsOn: (on: string) => `Fact values are those at the end of ${on}. ✓ holds · ✗ does not hold.`,
    factsOnLast: (on: string, state: string) => `Fact values are those at the end of ${on}, the last day the loan was looked at (${state}). ✓ holds · ✗ does not hold.`,
    topic: { bucket: 'bucket', classification: 'classification', state: 'state', riskLevel: 'risk level', managementMode: 'management mode', segment: 'collection segment', permits: 'permits', tasks: 'tasks' },
    because: undefined,
    original: '',
    role: { decides: '✓', alsoHolds: '✓ also holds:', entered: '→ moved it here:', refused: '! holds, but the lifecycle does not allow it:', notHeld: '✗ does not hold:' },
    operator: { in: 'is one of', notIn: 'is not one of', contains: 'contains', doesNotContain: 'does not contain' },
    is: (fact: string, value: string) => `${fact} is ${value}`,
    ruleRef: (policyId: string, ruleId: string, on: string | undefined) => `(${policyId}, rule ${ruleId}${on === undefined ? '' : `, on ${on}`})`,
    none: '(none)',
    noneValue: 'none',
    not: 'not:',
    allOf: 'all of:',
    anyOf: 'any of:',
    outstanding: (n: number) => `${n} outstanding`,
    open: (kind: string, whom: string, due: string) => `open: ${kind} for ${whom}, due ${due}`,
    late: (kind: string, whom: string, due: string) => `past the deadline: ${kind} for ${whom}, due ${due}`,
    lateSummary: (n: number, first: string, last: string) => `${n} past the deadline, due ${first} … ${last}`,
  },
} satisfies Catalogue;
