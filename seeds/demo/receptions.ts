/**
 * 客户接待 (销售人员待客制度) of the demo's reps: a reception in every state, each with the log
 * rows of the steps it took; escorts from other departments; a gift requested for one; a report
 * on time whose promises became follow-ups, and one reported late.
 */
import { DEFAULT_RECEPTION_REPORT_HOURS } from '../../extensions/sales-visits/src/domain/sales-flows.ts';
import { assistant, reps, service, supervisor } from './people.ts';
import {
	addMinutes,
	at,
	recentMoment,
	workdayOnOrAfter,
	workdaysAfter,
	workdaysBefore,
	addDays,
	type Clock,
} from './time.ts';
import type { ApprovalLogEntry, Customer, ExpenseRequest, FollowUp, Reception, ReceptionEscort } from './types.ts';

type Log = Omit<ApprovalLogEntry, 'id'>;
type UserId = string;
type State = Reception['status'];

const HOUR = 3_600_000;
const dueAfter = (left: string) => new Date(Date.parse(left) + DEFAULT_RECEPTION_REPORT_HOURS * HOUR).toISOString();

/** Who came, why, and what the host wrote: one per reception, in order. */
const VISITS: { visitors: string; count: number; purpose: string; needs: string; location: string; budget: number }[] =
	[
		{
			visitors: '钱国强（采购总监）、孙立新（技术主管）',
			count: 2,
			purpose: '考察生产线与质检流程，洽谈年度框架协议',
			needs: '年度采购约 300 万元，要求 15 天交期与驻厂技术支持',
			location: '总部一号会议室、二号车间',
			budget: 1200,
		},
		{
			visitors: '周海燕（供应链经理）',
			count: 1,
			purpose: '新品样品确认',
			needs: '希望下月起每月稳定供货，关注包装改进',
			location: '总部三号会议室',
			budget: 500,
		},
		{
			visitors: '冯建华（总经理）、陈晓（财务经理）、林涛（采购）',
			count: 3,
			purpose: '商谈付款方式与信用额度',
			needs: '希望回款期延长至 60 天',
			location: '总部贵宾接待室',
			budget: 2000,
		},
		{
			visitors: '蒋伟（设备部部长）',
			count: 1,
			purpose: '参观展厅，了解新一代产品',
			needs: '替换旧设备约 40 台',
			location: '总部展厅',
			budget: 300,
		},
		{
			visitors: '韩雪（采购专员）、曹阳（品质工程师）',
			count: 2,
			purpose: '供应商年度审核',
			needs: '审核质量体系文件与来料检验记录',
			location: '总部一号会议室',
			budget: 800,
		},
		{
			visitors: '谢振东（董事长）',
			count: 1,
			purpose: '高层互访，商讨战略合作',
			needs: '探讨区域独家代理',
			location: '总部贵宾接待室',
			budget: 3000,
		},
		{
			visitors: '唐敏（采购经理）',
			count: 1,
			purpose: '价格谈判',
			needs: '希望批量折扣 8%',
			location: '总部二号会议室',
			budget: 400,
		},
		{
			visitors: '许亮（工程部经理）、邓超（技术员）',
			count: 2,
			purpose: '技术交流与培训需求沟通',
			needs: '安排两天操作培训',
			location: '总部培训室',
			budget: 600,
		},
	];

/** The states shown, the host (by rep index) and what the report said. */
const PLAN: { state: State; rep: number; report?: string; late?: boolean; promises?: [string, number][] }[] = [
	{
		state: 'reported',
		rep: 0,
		report:
			'客户参观了二号车间与质检中心，对交期和质检流程满意；关注驻厂技术支持与价格。双方初步同意下月签订年度框架协议。',
		promises: [
			['一周内提交年度框架协议报价', 5],
			['安排技术部赵工驻厂支持一周', 10],
		],
	},
	{
		state: 'reported',
		rep: 1,
		report: '样品确认通过，客户提出包装需加固；已记录改进要求，承诺下批次改进。',
		late: true,
		promises: [['反馈包装改进方案', 7]],
	},
	{ state: 'held', rep: 2 },
	{ state: 'arrived', rep: 3 },
	{ state: 'approved', rep: 4 },
	{ state: 'requested', rep: 5 },
	{ state: 'rejected', rep: 0 },
	{ state: 'cancelled', rep: 2 },
];

export interface ReceptionRows {
	receptions: Reception[];
	escorts: ReceptionEscort[];
	followUps: FollowUp[];
	expenses: ExpenseRequest[];
	log: Log[];
}

/**
 * The receptions, their escorts, the follow-ups their reports promised (ids from `firstFollowUp`)
 * and a gift request (id `firstExpense`).
 */
export function makeReceptions(
	clock: Clock,
	customers: Customer[],
	firstFollowUp: number,
	firstExpense: number,
): ReceptionRows {
	const out: ReceptionRows = { receptions: [], escorts: [], followUps: [], expenses: [], log: [] };
	const used = new Set<number>();
	for (const [n, plan] of PLAN.entries()) {
		const id = n + 1;
		const host = reps[plan.rep]!.id;
		const boss = supervisor(host).id;
		const customer = customers.find((c) => c.owner === host && c.status === 'active' && !used.has(c.id))!;
		used.add(customer.id);
		const visit = VISITS[n]!;
		const step = (from: string | null, to: string, actor: UserId, when: string, comment: string | null = null) =>
			out.log.push({
				collection: 'receptions',
				item: String(id),
				from_status: from,
				to_status: to,
				actor,
				at: when,
				comment,
			});
		const row: Reception = {
			id,
			customer: customer.id,
			host,
			status: plan.state,
			planned_at: '',
			location: visit.location,
			visitors: visit.visitors,
			visitor_count: visit.count,
			purpose: visit.purpose,
			needs: visit.needs,
			budget: visit.budget,
			approver: null,
			arrived_at: null,
			left_at: null,
			report_due_at: null,
			report: null,
			report_late: false,
		};
		if (plan.state === 'reported') {
			// Some days ago: approved the workday before, here in the morning, reported the same day or late.
			const day = workdaysBefore(clock.today, plan.late ? 9 : 5);
			row.planned_at = at(day, 10);
			row.approver = boss;
			row.arrived_at = at(day, 10, 5);
			row.left_at = at(day, plan.late ? 15 : 11, 40);
			row.report_due_at = dueAfter(row.left_at);
			row.report = plan.report!;
			const reportedAt = plan.late ? at(workdaysAfter(day, 2), 9, 30) : at(day, 16, 30);
			row.report_late = reportedAt > row.report_due_at;
			step('requested', 'approved', boss, at(workdaysBefore(day, 1), 14, 10));
			step('approved', 'arrived', assistant.id, row.arrived_at);
			step('arrived', 'held', host, row.left_at);
			step('held', 'reported', host, reportedAt);
			for (const [description, days] of plan.promises ?? []) {
				const due = workdayOnOrAfter(addDays(day, days));
				out.followUps.push({
					id: firstFollowUp + out.followUps.length,
					visit: null,
					reception: id,
					customer: customer.id,
					owner: host,
					description,
					due_date: due,
					status: 'open',
					completed_at: null,
					// The sweep marks an open one past its date.
					overdue: due < clock.today,
				});
			}
		} else if (plan.state === 'held' || plan.state === 'arrived') {
			// Lately: arrived at the latest office moments; the held one has left since.
			const arrived = recentMoment(clock, plan.state === 'held' ? 2 : 0);
			row.planned_at = addMinutes(arrived, -10);
			row.approver = boss;
			row.arrived_at = arrived;
			step('requested', 'approved', boss, recentMoment(clock, 6));
			step('approved', 'arrived', assistant.id, arrived);
			if (plan.state === 'held') {
				row.left_at = recentMoment(clock, 1);
				row.report_due_at = dueAfter(row.left_at);
				step('arrived', 'held', host, row.left_at);
			}
		} else {
			// Ahead: requested lately, for a workday to come.
			row.planned_at = at(workdaysAfter(clock.today, plan.state === 'requested' ? 3 : 2), 14);
			if (plan.state === 'approved') {
				row.approver = boss;
				step('requested', 'approved', boss, recentMoment(clock, 3));
			}
			if (plan.state === 'rejected') {
				row.approver = boss;
				step('requested', 'rejected', boss, recentMoment(clock, 4), '预算超出接待标准，请改为工作餐接待');
			}
			if (plan.state === 'cancelled') {
				row.approver = boss;
				step('requested', 'approved', boss, recentMoment(clock, 8));
				step('approved', 'cancelled', host, recentMoment(clock, 5), '客户行程变更，改期另约');
			}
		}
		out.receptions.push(row);
		// Escorts from any department: a colleague and customer service for the bigger visits.
		if (visit.count > 1 || n === 0)
			for (const user of [reps[(plan.rep + 1) % reps.length]!.id, ...(visit.count > 2 || n === 0 ? [service.id] : [])])
				out.escorts.push({ id: out.escorts.length + 1, reception: id, user });
	}
	// 接待礼品: the first reception's gift, approved by the host's supervisor the day before the visit.
	const first = out.receptions[0]!;
	const decided = at(workdaysBefore(first.planned_at.slice(0, 10), 1), 15, 40);
	out.expenses.push({
		id: firstExpense,
		requester: first.host,
		visit: null,
		plan_item: null,
		reception: first.id,
		kind: 'gift',
		amount: 360,
		description: '接待礼品：公司定制茶叶礼盒 2 份',
		status: 'approved',
		approver: supervisor(first.host).id,
		decided_at: decided,
		decision_comment: null,
		over_budget: false,
	});
	out.log.push({
		collection: 'expense_requests',
		item: String(firstExpense),
		from_status: 'pending',
		to_status: 'approved',
		actor: supervisor(first.host).id,
		at: decided,
		comment: null,
	});
	return out;
}
