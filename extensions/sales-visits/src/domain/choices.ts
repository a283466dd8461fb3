/**
 * Every enumerated value of the contract (docs: shared/design/domain.md), with its
 * zh-CN and en-US label. The schema, the permissions, the seeds and (later) the flows
 * all read their status lists from here, so each list exists exactly once.
 */
import { kpis, type KpiKey } from './kpi.ts';

export interface Label {
	'zh-CN': string;
	'en-US': string;
}

export type ChoiceSet<V extends string> = Readonly<Record<V, Label>>;

const set = <V extends string>(labels: Record<V, [zh: string, en: string]>): ChoiceSet<V> =>
	Object.freeze(
		Object.fromEntries(
			(Object.entries(labels) as [V, [string, string]][]).map(([value, [zh, en]]) => [
				value,
				{ 'zh-CN': zh, 'en-US': en },
			]),
		) as Record<V, Label>,
	);

export const values = <V extends string>(choices: ChoiceSet<V>): V[] => Object.keys(choices) as V[];

export const positions = set({
	rep: ['销售人员', 'Sales rep'],
	manager: ['销售经理', 'Sales manager'],
	general_manager: ['总经理', 'General manager'],
	assistant: ['销售助理', 'Sales assistant'],
	service: ['客户服务专员', 'Customer service'],
	finance: ['财务', 'Finance'],
	legal: ['法务', 'Legal'],
});

/** Who approves a quote whose largest discount falls under a discount rule (discount_rules.approver_position). */
export const approverPositions = set({
	none: ['无需审批（业务员可直接发出）', 'Nobody: the rep may send it'],
	manager: ['销售经理', 'Sales manager'],
	general_manager: ['总经理', 'General manager'],
});

export const customerTiers = set({
	A: ['A类', 'Tier A'],
	B: ['B类', 'Tier B'],
	C: ['C类', 'Tier C'],
	D: ['D类', 'Tier D'],
});

export const customerCategories = set({
	key: ['重点客户', 'Key'],
	potential: ['潜力客户', 'Potential'],
	ordinary: ['普通客户', 'Ordinary'],
});

export const customerRelationships = set({
	existing: ['业务往来客户', 'Existing business'],
	target: ['目标客户', 'Target'],
	potential: ['潜在客户', 'Potential'],
	peer: ['同行业', 'Peer'],
});

export const keyAccountClasses = set({
	important: ['重要客户', 'Important'],
	high_value: ['高值客户', 'High value'],
	group: ['集团客户', 'Group'],
	strategic: ['战略客户', 'Strategic'],
});

export const regionScopes = set({
	local: ['本市', 'Local (city)'],
	province: ['本省', 'In province'],
	other: ['其它地区', 'Other regions'],
});

export const customerStatuses = set({
	active: ['活跃', 'Active'],
	dormant: ['休眠', 'Dormant'],
	churned: ['已流失', 'Churned'],
});

export const customerKinds = set({
	end_user: ['终端客户', 'End user'],
	dealer: ['经销商', 'Dealer'],
});

export const leadGrades = set({
	H: ['H级（7天内购买）', 'H (buying within 7 days)'],
	A: ['A级（15天内购买）', 'A (within 15 days)'],
	B: ['B级（30天内购买）', 'B (within 30 days)'],
	C: ['C级（2–3个月内）', 'C (within 2–3 months)'],
	O: ['O级（已订单）', 'O (ordered)'],
});

export const decisionRoles = set({
	decision_maker: ['决策者', 'Decision maker'],
	coach: ['内线/教练', 'Coach'],
	influencer: ['影响者', 'Influencer'],
	user: ['使用者', 'User'],
	gatekeeper: ['把关者', 'Gatekeeper'],
	other: ['其他', 'Other'],
});

export const periodTypes = set({
	month: ['月计划', 'Monthly'],
	week: ['周计划', 'Weekly'],
});

export const planStatuses = set({
	draft: ['草稿', 'Draft'],
	submitted: ['已提交', 'Submitted'],
	approved: ['已批准', 'Approved'],
	rejected: ['已驳回', 'Rejected'],
});

export const visitPurposes = set({
	market_research: ['市场调查', 'Market research'],
	competitor_intel: ['了解竞争对手', 'Competitor intelligence'],
	relationship: ['客户维护', 'Relationship care'],
	payment_collection: ['结清货款', 'Payment collection'],
	new_customer: ['开发新客户', 'New customer'],
	product_promotion: ['新产品推广', 'Product promotion'],
	coverage: ['提高覆盖率', 'Coverage'],
});

export const visitChannels = set({
	onsite: ['上门拜访', 'On site'],
	phone: ['电话拜访', 'Phone'],
	video: ['视频拜访', 'Video'],
});

export const applicationStatuses = set({
	not_required: ['无需申请', 'Not required'],
	pending: ['待审批', 'Pending'],
	approved: ['已批准', 'Approved'],
	rejected: ['已驳回', 'Rejected'],
});

/** 改期申请: a plan visit's day moves only when the supervisor approves (不得擅自更改拜访计划). */
export const rescheduleStatuses = set({
	none: ['无', 'None'],
	pending: ['待审批', 'Pending'],
	approved: ['已批准', 'Approved'],
	rejected: ['已驳回', 'Rejected'],
});

export const visitStatuses = set({
	scheduled: ['已安排', 'Scheduled'],
	in_progress: ['拜访中', 'In progress'],
	completed: ['已完成', 'Completed'],
	cancelled: ['已取消', 'Cancelled'],
	missed: ['未拜访', 'Missed'],
});

export const reportStatuses = set({
	not_due: ['未到期', 'Not due'],
	pending: ['待提交', 'Pending'],
	submitted: ['已提交', 'Submitted'],
	overdue: ['已逾期', 'Overdue'],
	approved: ['已通过', 'Approved'],
	returned: ['已退回', 'Returned'],
});

export const reviewDecisions = set({
	approved: ['通过', 'Approved'],
	returned: ['退回修改', 'Returned'],
});

export const followUpStatuses = set({
	open: ['待跟进', 'Open'],
	done: ['已完成', 'Done'],
	cancelled: ['已取消', 'Cancelled'],
});

export const revisitKinds = set({
	first_after_sale: ['售后首次回访', 'First after sale'],
	periodic_phone: ['定期电话回访', 'Periodic phone'],
	key_account_onsite: ['大客户现场回访', 'Key account on site'],
	complaint: ['投诉处理回访', 'After complaint'],
	maintenance: ['维护回访', 'Maintenance'],
});

export const revisitChannels = set({
	phone: ['电话', 'Phone'],
	onsite: ['现场', 'On site'],
});

export const revisitStatuses = set({
	scheduled: ['待回访', 'Scheduled'],
	done: ['已回访', 'Done'],
	missed: ['已错过', 'Missed'],
	cancelled: ['已取消', 'Cancelled'],
});

export const complaintSeverities = set({
	low: ['轻微', 'Low'],
	medium: ['一般', 'Medium'],
	high: ['严重', 'High'],
	critical: ['重大', 'Critical'],
});

/** 投诉原因: what a complaint is found to come from when it is closed. */
export const complaintCauses = set({
	product_quality: ['产品质量', 'Product quality'],
	delivery: ['交付', 'Delivery'],
	service: ['服务', 'Service'],
	price: ['价格', 'Price'],
	other: ['其他', 'Other'],
});

export const complaintStatuses = set({
	open: ['待响应', 'Open'],
	responded: ['已响应', 'Responded'],
	resolved: ['已解决', 'Resolved'],
	closed: ['已关闭', 'Closed'],
});

export const orderStatuses = set({
	signed: ['已签约', 'Signed'],
	delivered: ['已交付', 'Delivered'],
	paid: ['已回款', 'Paid'],
	cancelled: ['已取消', 'Cancelled'],
});

export const opportunityStages = set({
	lead: ['线索', 'Lead'],
	qualified: ['需求确认', 'Qualified'],
	proposal: ['方案报价', 'Proposal'],
	negotiation: ['商务谈判', 'Negotiation'],
	won: ['赢单', 'Won'],
	lost: ['输单', 'Lost'],
});

export const lostReasons = set({
	price: ['价格因素', 'Price'],
	product: ['产品不符合需求', 'Product fit'],
	relationship: ['客户关系', 'Relationship'],
	competitor: ['竞争对手', 'Competitor'],
	timing: ['时机/预算', 'Timing'],
	other: ['其他', 'Other'],
});

export const quoteStatuses = set({
	draft: ['草稿', 'Draft'],
	pending: ['待审批', 'Pending approval'],
	approved: ['已批准', 'Approved'],
	rejected: ['已驳回', 'Rejected'],
	sent: ['已发送', 'Sent'],
	accepted: ['客户已接受', 'Accepted'],
	expired: ['已过期', 'Expired'],
});

/** The festivals a work calendar day may be marked with: owners are reminded to greet their customers (客户关怀). */
export const festivals = set({
	new_year: ['元旦', 'New Year’s Day'],
	spring_festival: ['春节', 'Spring Festival'],
	lantern_festival: ['元宵节', 'Lantern Festival'],
	qingming: ['清明节', 'Qingming Festival'],
	labour_day: ['劳动节', 'Labour Day'],
	dragon_boat: ['端午节', 'Dragon Boat Festival'],
	mid_autumn: ['中秋节', 'Mid-Autumn Festival'],
	national_day: ['国庆节', 'National Day'],
});

export const reportPeriodTypes = set({
	week: ['周报', 'Weekly report'],
	month: ['月报', 'Monthly report'],
});

export const periodicReportStatuses = set({
	draft: ['草稿', 'Draft'],
	submitted: ['已提交', 'Submitted'],
	approved: ['已通过', 'Approved'],
	returned: ['已退回', 'Returned'],
});

/** 客户接待: requested by the host, approved by the supervisor, stamped at the front desk, reported after. */
export const receptionStatuses = set({
	requested: ['待审批', 'Requested'],
	approved: ['已批准', 'Approved'],
	rejected: ['已驳回', 'Rejected'],
	arrived: ['已到访', 'Arrived'],
	held: ['已接待', 'Held'],
	reported: ['已报告', 'Reported'],
	cancelled: ['已取消', 'Cancelled'],
});

export const targetStatuses = set({
	draft: ['草稿', 'Draft'],
	submitted: ['已提交', 'Submitted'],
	approved: ['已批准', 'Approved'],
});

export const appraisalStatuses = set({
	draft: ['待确认', 'Draft'],
	confirmed: ['本人已确认', 'Confirmed'],
	approved: ['已批准', 'Approved'],
	returned: ['已退回', 'Returned'],
});

export const appraisalPeriodTypes = set({
	month: ['月度', 'Month'],
	quarter: ['季度', 'Quarter'],
	year: ['年度', 'Year'],
});

/** 考核等级, from the scheme's score bands (appraisal_schemes.levels). */
export const appraisalLevels = set({
	excellent: ['优秀', 'Excellent'],
	good: ['良好', 'Good'],
	pass: ['合格', 'Pass'],
	warning: ['警告', 'Warning'],
	fail: ['不合格', 'Fail'],
});

/** 线性：权重 × 完成率（封顶 1）；阶梯：每低于 step_percent 扣 step_points 分. */
export const appraisalScorings = set({
	linear: ['按完成比例', 'Linear'],
	step: ['阶梯扣分', 'Step deduction'],
});

export const targetPeriodTypes = set({
	year: ['年度', 'Year'],
	quarter: ['季度', 'Quarter'],
	month: ['月度', 'Month'],
});

/** 提成基数: what a commission rule pays on. */
export const commissionBases = set({
	collected: ['回款', 'Collected'],
	signed: ['签约', 'Signed'],
});

export const commissionStatementStatuses = set({
	draft: ['草稿', 'Draft'],
	approved: ['已批准', 'Approved'],
	paid: ['已发放', 'Paid'],
});

export const contractStatuses = set({
	draft: ['草稿', 'Draft'],
	legal_review: ['法务审核', 'Legal review'],
	finance_review: ['财务审核', 'Finance review'],
	pending_gm: ['待总经理审批', 'Pending General Manager'],
	approved: ['已批准', 'Approved'],
	signed: ['已签订', 'Signed'],
	rejected: ['已驳回', 'Rejected'],
	terminated: ['已终止', 'Terminated'],
});

export const deliveryStatuses = set({
	shipped: ['已发货', 'Shipped'],
	accepted: ['已验收', 'Accepted'],
	rejected: ['验收未通过', 'Rejected'],
});

export const paymentScheduleStatuses = set({
	open: ['待回款', 'Open'],
	paid: ['已回款', 'Paid'],
	overdue: ['已逾期', 'Overdue'],
});

export const paymentMethods = set({
	bank_transfer: ['银行转账', 'Bank transfer'],
	acceptance_bill: ['承兑汇票', 'Acceptance bill'],
	cheque: ['支票', 'Cheque'],
	cash: ['现金', 'Cash'],
	other: ['其他', 'Other'],
});

/** Receivables by days past due (应收账款账龄). */
export const agingBuckets = set({
	d0_30: ['0–30 天', '0–30 days'],
	d31_60: ['31–60 天', '31–60 days'],
	d61_90: ['61–90 天', '61–90 days'],
	over_90: ['90 天以上', 'Over 90 days'],
});

export const expenseKinds = set({
	gift: ['礼品', 'Gift'],
	entertainment: ['应酬', 'Entertainment'],
	travel: ['差旅', 'Travel'],
	materials: ['物料', 'Materials'],
});

export const expenseStatuses = set({
	pending: ['待审批', 'Pending'],
	approved: ['已批准', 'Approved'],
	rejected: ['已驳回', 'Rejected'],
});

export const quotaPeriods = set({
	month: ['每月', 'Month'],
	quarter: ['每季度', 'Quarter'],
	half_year: ['每半年', 'Half year'],
	year: ['每年', 'Year'],
});

export const quotaChannels = set({
	onsite: ['仅上门', 'On site only'],
	any: ['任意方式', 'Any channel'],
});

export const monthPlanDue = set({
	last_day_of_prior_month: ['上月最后一天', 'Last day of the prior month'],
	last_workday_of_prior_month: ['上月最后一个工作日', 'Last working day of the prior month'],
});

export const unapprovedCheckIn = set({
	refuse: ['拒绝签到', 'Refuse the check-in'],
	flag: ['允许签到并记为未经批准（视作旷工）', 'Accept it, flagged unauthorized'],
});

export const geofenceModes = set({
	soft: ['宽松：范围外须填写原因，由主管确认', 'Soft: outside only with a reason, acknowledged by the manager'],
	hard: ['严格：范围外不能签到', 'Hard: no check-in outside the radius'],
});

export const planCoverageChecks = set({
	warn: ['提醒：照常提交，并列出未满足频次的客户', 'Warn: submit, listing the customers left short'],
	block: ['阻止：有客户未满足频次时不能提交', 'Block: no submission while a customer is left short'],
});

export const weekdays = set({
	'0': ['星期日', 'Sunday'],
	'1': ['星期一', 'Monday'],
	'2': ['星期二', 'Tuesday'],
	'3': ['星期三', 'Wednesday'],
	'4': ['星期四', 'Thursday'],
	'5': ['星期五', 'Friday'],
	'6': ['星期六', 'Saturday'],
});

export const timezones = set({
	'Asia/Shanghai': ['北京时间', 'China Standard Time (Asia/Shanghai)'],
	'Asia/Urumqi': ['乌鲁木齐时间', 'Ürümqi (Asia/Urumqi)'],
	'Asia/Hong_Kong': ['香港时间', 'Hong Kong (Asia/Hong_Kong)'],
	'Asia/Taipei': ['台北时间', 'Taipei (Asia/Taipei)'],
	'Asia/Singapore': ['新加坡时间', 'Singapore (Asia/Singapore)'],
	'Europe/Berlin': ['柏林时间', 'Berlin (Europe/Berlin)'],
	'America/New_York': ['纽约时间', 'New York (America/New_York)'],
	UTC: ['协调世界时（UTC）', 'Coordinated Universal Time (UTC)'],
});

/** 考核指标: any KPI of domain/kpi.ts, by its key, labelled as the KPI summary labels it. */
export const appraisalKpis: ChoiceSet<KpiKey> = Object.freeze(
	Object.fromEntries(kpis.map((k) => [k.key, k.label])) as Record<KpiKey, Label>,
);
