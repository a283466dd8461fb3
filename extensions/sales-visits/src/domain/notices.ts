/**
 * Who hears of a transition, and what they read: the approver when something awaits them,
 * the requester when it is decided. Pure; the API shell sends them as Directus notifications.
 */
import { approverOf, type Person } from './approval.ts';
import { definitionOf, type AnyFlowKey } from './flow-table.ts';
import type { Label } from './choices.ts';
import type { Language } from './language.ts';
import { companyLabel } from './targets.ts';
import { zonedMinute } from './zoned-time.ts';

const things: Record<AnyFlowKey, Label> = {
	plan: { 'zh-CN': '拜访计划', 'en-US': 'visit plan' },
	application: { 'zh-CN': '拜访申请', 'en-US': 'visit application' },
	reschedule: { 'zh-CN': '改期申请', 'en-US': 'reschedule request' },
	expense: { 'zh-CN': '费用申请', 'en-US': 'expense request' },
	visit: { 'zh-CN': '拜访', 'en-US': 'visit' },
	report: { 'zh-CN': '拜访报告', 'en-US': 'visit report' },
	follow_up: { 'zh-CN': '跟进事项', 'en-US': 'follow-up' },
	revisit: { 'zh-CN': '客户回访', 'en-US': 'revisit' },
	complaint: { 'zh-CN': '客户投诉', 'en-US': 'complaint' },
	opportunity: { 'zh-CN': '商机', 'en-US': 'opportunity' },
	quote: { 'zh-CN': '报价单', 'en-US': 'quote' },
	contract: { 'zh-CN': '合同', 'en-US': 'contract' },
	delivery: { 'zh-CN': '发货', 'en-US': 'delivery' },
	order: { 'zh-CN': '销售订单', 'en-US': 'sales order' },
	payment_schedule: { 'zh-CN': '回款计划', 'en-US': 'payment schedule' },
	periodic_report: { 'zh-CN': '周报/月报', 'en-US': 'weekly or monthly report' },
	appraisal: { 'zh-CN': '考核结果', 'en-US': 'appraisal' },
	target: { 'zh-CN': '业绩目标', 'en-US': 'sales target' },
	commission_statement: { 'zh-CN': '提成单', 'en-US': 'commission statement' },
	reception: { 'zh-CN': '客户接待', 'en-US': 'reception' },
};

/** The company's items (its targets) have no person: `owner.id` is empty. */
const whose = (owner: Person, language: Language) => (owner.id ? owner.name : companyLabel[language]);

export type Recipients = { users: string[] } | { position: 'general_manager' };

export interface NoticeText {
	subject: string;
	message: string | null;
}

/** Who must be told that `owner`'s item now awaits a decision. */
export function awaitingRecipients(owner: Person, needsGeneralManager: boolean): Recipients {
	const approver = approverOf(owner, needsGeneralManager);
	if (approver === null) return { users: [] };
	return approver.kind === 'general_manager' ? { position: 'general_manager' } : { users: [approver.id] };
}

/** `shortfalls`: customers a month plan leaves short of their visit quota (the coverage check). */
export function awaitingText(
	flow: AnyFlowKey,
	id: number,
	owner: Person,
	language: Language,
	shortfalls = 0,
): NoticeText {
	return language === 'zh-CN'
		? {
				subject: `待你审批：${whose(owner, 'zh-CN')}的${things[flow]['zh-CN']} #${id}`,
				message: shortfalls ? `本计划有 ${shortfalls} 个客户未满足拜访频次要求` : null,
			}
		: {
				subject: `Awaiting your approval: ${things[flow]['en-US']} #${id} from ${whose(owner, 'en-US')}`,
				message: shortfalls ? `The plan leaves ${shortfalls} customers short of their visit quota` : null,
			};
}

export function decidedText(
	flow: AnyFlowKey,
	id: number,
	to: string,
	decider: Person,
	comment: string | null,
	language: Language,
	/** Sent back to draft (a target's rejection) rather than decided into `to`. */
	sentBack = false,
): NoticeText {
	const decision = sentBack
		? { 'zh-CN': '被退回', 'en-US': 'Sent back' }
		: (definitionOf(flow).statuses[to] ?? { 'zh-CN': to, 'en-US': to });
	return language === 'zh-CN'
		? { subject: `你的${things[flow]['zh-CN']} #${id} ${decision['zh-CN']}（${decider.name}）`, message: comment }
		: {
				subject: `Your ${things[flow]['en-US']} #${id} was ${decision['en-US'].toLowerCase()} by ${decider.name}`,
				message: comment,
			};
}

/**
 * 需上门拜访: the customer's owner hears that a phone revisit could not solve the problem and an
 * on-site visit is scheduled for them; the reason is the message.
 */
export function escalatedText(
	revisit: number,
	escalation: { visit: number; customer: string; start: string },
	carer: Person,
	reason: string | null,
	timezone: string,
	language: Language,
): NoticeText {
	const when = zonedMinute(new Date(escalation.start), timezone);
	return language === 'zh-CN'
		? {
				subject: `需上门拜访：${escalation.customer}（客户回访 #${revisit}，${carer.name}），已为你安排拜访 #${escalation.visit}，时间 ${when}`,
				message: reason,
			}
		: {
				subject: `On-site visit needed: ${escalation.customer} (revisit #${revisit}, ${carer.name}); visit #${escalation.visit} is scheduled for you at ${when}`,
				message: reason,
			};
}
