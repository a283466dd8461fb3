/**
 * Orders with their payments, complaints with their response deadline, and the revisits
 * customer service makes (客户回访制度): after a sale, every quarter by phone, on site at key
 * accounts, after a complaint and for maintenance.
 */
import { periodOf, scheduleKey } from '../../extensions/sales-visits/src/domain/care.ts';
import { service } from './people.ts';
import type { Random } from './random.ts';
import {
	addMinutes,
	at,
	chinaDate,
	monthStart,
	recentMoment,
	workdaysAfter,
	workdaysBefore,
	workdaysBetween,
	type Clock,
} from './time.ts';
import type {
	Complaint,
	ComplaintCause,
	ComplaintSeverity,
	ComplaintStatus,
	Customer,
	OrderStatus,
	Revisit,
	RevisitKind,
	SalesOrder,
} from './types.ts';

/** visit_settings.complaint_response_minutes default. */
const COMPLAINT_RESPONSE_MINUTES = 120;
/** visit_settings.complaint_resolution_minutes_<severity> defaults. */
const COMPLAINT_RESOLUTION_MINUTES: Record<ComplaintSeverity, number> = {
	low: 4320,
	medium: 1440,
	high: 480,
	critical: 240,
};
const DAY_MS = 86_400_000;
/** visit_settings.largest_account_annual_purchase default (CNY). */
const LARGEST_ACCOUNT_PURCHASE = 10_000_000;

/** The key the sweeps give the periodic revisit of `customer` in the period of `due` (so they do not schedule it again). */
const periodicKey = (kind: 'periodic_phone' | 'key_account_onsite', customer: number, due: string, months: number) => {
	const { prefix, suffix } = scheduleKey.periodic(kind, periodOf(due, months));
	return `${prefix}${customer}${suffix}`;
};

export function makeCommerce(rnd: Random, clock: Clock, customers: Customer[]) {
	const buyers = customers.filter(
		(c) => c.relationship === 'existing' && c.status === 'active' && c.annual_purchase !== null,
	);
	const orders = makeOrders(rnd, clock, buyers);
	const complaints = makeComplaints(rnd, clock, buyers);
	const revisits = makeRevisits(rnd, clock, customers, orders, complaints);
	return { orders, complaints, revisits };
}

/**
 * About forty orders signed on the workdays since the start of last month; older ones delivered
 * and paid. They stand for the orders entered before the sales cycle (opportunity → quote →
 * contract) was in use, so they have no contract; the orders made by signing a contract are
 * sales.ts's.
 */
function makeOrders(rnd: Random, clock: Clock, buyers: Customer[]): SalesOrder[] {
	const days = workdaysBetween(monthStart(clock.today, -1), workdaysBefore(clock.today, 1));
	const perMonth = new Map<string, number>();
	const orders: SalesOrder[] = [];
	const count = 40;
	for (let k = 0; k < count; k++) {
		const customer = buyers[(k * 7) % buyers.length]!;
		const signed = days[Math.floor((k * days.length) / count)]!;
		const month = signed.slice(0, 7).replace('-', '');
		const seq = (perMonth.get(month) ?? 0) + 1;
		perMonth.set(month, seq);
		const age = (Date.parse(clock.today) - Date.parse(signed)) / DAY_MS;
		const amount = Math.round(customer.annual_purchase! / rnd.int(6, 12) / 100) * 100;
		let status: OrderStatus;
		let paid: number;
		// The five newest are not delivered yet, whatever holidays came before the anchor.
		if (k >= count - 5) [status, paid] = ['signed', k % 2 ? Math.round(amount * 0.3) : 0];
		else if (k % 11 === 6) [status, paid] = ['cancelled', 0];
		else if (age <= 20 || k % 4 === 1) [status, paid] = ['delivered', k % 3 ? Math.round(amount * 0.5) : 0];
		else [status, paid] = ['paid', amount];
		orders.push({
			id: k + 1,
			order_no: `SO${month}-${String(seq).padStart(4, '0')}`,
			customer: customer.id,
			owner: customer.owner,
			contract: null,
			signed_at: signed,
			amount,
			paid_amount: paid,
			status,
		});
	}
	return orders;
}

interface ComplaintStory {
	status: ComplaintStatus;
	severity: ComplaintSeverity;
	/** Received this many workdays ago, at this local time. */
	workdaysAgo: number;
	time: [number, number];
	respondAfter: number;
	resolveAfterWorkdays: number;
	description: string;
	resolution: string;
	/** 投诉分析: where, what the customer asks, the cause, the department and the actions (closed ones have them all). */
	location: string;
	customer_request: string;
	cause: ComplaintCause | null;
	department: string | null;
	corrective_action: string | null;
	preventive_action: string | null;
	valid: boolean;
}

const STORIES: ComplaintStory[] = [
	{
		status: 'closed',
		severity: 'medium',
		workdaysAgo: 18,
		time: [10, 15],
		respondAfter: 35,
		resolveAfterWorkdays: 2,
		description: '到货包装破损，部分产品受潮',
		resolution: '已补发产品并致歉',
		location: '客户仓库',
		customer_request: '补发受潮产品',
		cause: 'delivery',
		department: '物流部',
		corrective_action: '补发受潮产品，更换防潮包装',
		preventive_action: '发货前加固包装并加防潮袋',
		valid: true,
	},
	{
		status: 'closed',
		severity: 'critical',
		workdaysAgo: 14,
		time: [14, 40],
		respondAfter: 150,
		resolveAfterWorkdays: 1,
		description: '设备安装后无法正常运行，影响客户产线',
		resolution: '工程师当晚到场更换控制板，恢复生产',
		location: '客户生产车间',
		customer_request: '立即恢复生产并赔偿损失',
		cause: 'product_quality',
		department: '质检部',
		corrective_action: '更换控制板，工程师现场调试',
		preventive_action: '出厂前增加整机联调',
		valid: true,
	},
	{
		status: 'resolved',
		severity: 'low',
		workdaysAgo: 9,
		time: [9, 30],
		respondAfter: 50,
		resolveAfterWorkdays: 1,
		description: '发票抬头有误，需重开',
		resolution: '已重开发票并快递寄出',
		location: '客户财务部',
		customer_request: '重开发票',
		cause: 'service',
		department: '财务部',
		corrective_action: null,
		preventive_action: null,
		valid: true,
	},
	{
		status: 'resolved',
		severity: 'high',
		workdaysAgo: 6,
		time: [11, 5],
		respondAfter: 80,
		resolveAfterWorkdays: 2,
		description: '交货比合同约定晚了一周',
		resolution: '给予下批订单3%折扣补偿，并调整排产',
		location: '电话',
		customer_request: '按合同交期交货并给予补偿',
		cause: 'delivery',
		department: '生产部',
		corrective_action: null,
		preventive_action: null,
		valid: true,
	},
	{
		status: 'responded',
		severity: 'medium',
		workdaysAgo: 3,
		time: [15, 20],
		respondAfter: 45,
		resolveAfterWorkdays: 0,
		description: '设备运行噪音偏大',
		resolution: '',
		location: '客户生产车间',
		customer_request: '降低噪音或更换设备',
		cause: 'product_quality',
		department: null,
		corrective_action: null,
		preventive_action: null,
		valid: true,
	},
	{
		status: 'responded',
		severity: 'high',
		workdaysAgo: 1,
		time: [10, 0],
		respondAfter: 100,
		resolveAfterWorkdays: 0,
		description: '售后工程师上门不及时',
		resolution: '',
		location: '电话',
		customer_request: '尽快派工程师上门',
		cause: 'service',
		department: null,
		corrective_action: null,
		preventive_action: null,
		valid: true,
	},
	{
		status: 'open',
		severity: 'low',
		workdaysAgo: 1,
		time: [16, 30],
		respondAfter: 0,
		resolveAfterWorkdays: 0,
		description: '对账单金额与订单不符',
		resolution: '',
		location: '电话',
		customer_request: '核对并更正对账单',
		cause: null,
		department: null,
		corrective_action: null,
		preventive_action: null,
		valid: false,
	},
	{
		status: 'open',
		severity: 'critical',
		workdaysAgo: 0,
		time: [0, 0],
		respondAfter: 0,
		resolveAfterWorkdays: 0,
		description: '批量产品尺寸超差，客户要求退货',
		resolution: '',
		location: '客户来料检验处',
		customer_request: '整批退货',
		cause: 'product_quality',
		department: null,
		corrective_action: null,
		preventive_action: null,
		valid: true,
	},
];

/** Eight complaints, one story each, all handled by customer service; one responded late, one open past its deadline. */
function makeComplaints(rnd: Random, clock: Clock, buyers: Customer[]): Complaint[] {
	return (
		STORIES.map((story, n) => {
			// The newest arrived lately: within the last hour if the office is open, else at its last slot.
			const received =
				story.workdaysAgo === 0
					? recentMoment(clock, 0)
					: at(workdaysBefore(clock.today, story.workdaysAgo), ...story.time);
			const responded = story.status === 'open' ? null : addMinutes(received, story.respondAfter);
			let status = story.status;
			let resolved: string | null = null;
			if (status === 'resolved' || status === 'closed') {
				resolved = at(workdaysAfter(chinaDate(received), story.resolveAfterWorkdays), 16, rnd.int(0, 50));
				if (resolved > clock.now) [status, resolved] = ['responded', null];
			}
			return {
				id: n + 1,
				customer: buyers[(n * 5 + 2) % buyers.length]!.id,
				owner: service.id,
				received_at: received,
				description: story.description,
				severity: story.severity,
				status,
				response_due_at: addMinutes(received, COMPLAINT_RESPONSE_MINUTES),
				responded_at: responded && responded <= clock.now ? responded : null,
				resolved_at: resolved,
				resolution: resolved ? story.resolution : null,
				product: null,
				location: story.location,
				customer_request: story.customer_request,
				// The cause and actions are written when the complaint is closed; an open one has its cause at most.
				cause: story.cause,
				department: status === 'closed' ? story.department : null,
				corrective_action: status === 'closed' ? story.corrective_action : null,
				preventive_action: status === 'closed' ? story.preventive_action : null,
				valid: story.valid,
				resolution_due_at: addMinutes(received, COMPLAINT_RESOLUTION_MINUTES[story.severity]),
				// Left for the sweep, which flags an unresolved one past its deadline and escalates it once.
				escalated_at: null,
			};
		})
			.map((c) => (c.status === 'responded' && !c.responded_at ? { ...c, status: 'open' as const } : c))
			// Answered late, or still open past the deadline (the sweeps flag those).
			.map((c) => ({
				...c,
				response_late: (c.responded_at ?? clock.now) > c.response_due_at,
				// Resolved after the deadline; one still unresolved past it is the sweep's to flag (and escalate).
				resolution_late: c.resolved_at !== null && c.resolved_at > c.resolution_due_at,
			}))
	);
}

function makeRevisits(
	rnd: Random,
	clock: Clock,
	customers: Customer[],
	orders: SalesOrder[],
	complaints: Complaint[],
): Revisit[] {
	const revisits: Revisit[] = [];
	const add = (
		row: Pick<Revisit, 'customer' | 'kind' | 'channel' | 'due_date'> & Partial<Revisit>,
		outcome: 'done' | 'missed' | 'cancelled' | 'auto' = 'auto',
	) => {
		const past = row.due_date < clock.today;
		const status = outcome === 'auto' ? (past ? 'done' : 'scheduled') : outcome;
		const doneAt = at(row.due_date, rnd.int(10, 16), rnd.int(0, 50));
		const done = status === 'done' && doneAt <= clock.now;
		revisits.push({
			id: revisits.length + 1,
			owner: service.id,
			source_order: null,
			source_complaint: null,
			schedule_key: null,
			...row,
			status: status === 'done' && !done ? 'scheduled' : status,
			done_at: done ? doneAt : null,
			satisfaction: done ? (row.satisfaction ?? rnd.int(3, 5)) : null,
			notes: done ? (row.notes ?? NOTES[row.kind]) : status === 'cancelled' ? '客户暂停合作，取消回访' : null,
		});
	};

	// 售后首次回访 by phone, three weeks after signing; every fourth one was missed.
	for (const [n, order] of orders
		.filter((o) => o.status !== 'cancelled')
		.slice(0, 14)
		.entries()) {
		const due = workdaysAfter(order.signed_at, 15);
		add(
			{
				customer: order.customer,
				kind: 'first_after_sale',
				channel: 'phone',
				due_date: due,
				source_order: order.id,
				schedule_key: scheduleKey.firstAfterSale(order.id),
			},
			due < clock.today && n % 4 === 3 ? 'missed' : 'auto',
		);
	}
	// 投诉处理回访 two workdays after a complaint is resolved; a satisfied customer closes it.
	for (const complaint of complaints.filter((c) => c.resolved_at)) {
		const due =
			complaint.status === 'closed'
				? workdaysAfter(chinaDate(complaint.resolved_at!), 2)
				: workdaysAfter(clock.today, 1);
		add({
			customer: complaint.customer,
			kind: 'complaint',
			channel: 'phone',
			due_date: due,
			source_complaint: complaint.id,
			schedule_key: scheduleKey.complaint(complaint.id),
			satisfaction: complaint.severity === 'critical' ? 3 : 4,
		});
	}
	// 常规电话回访 every quarter; one customer has paused the business.
	const regulars = customers.filter((c) => c.relationship === 'existing' && c.status !== 'churned').slice(10, 16);
	for (const [n, customer] of regulars.entries()) {
		const due = workdaysAfter(workdaysBefore(clock.today, 18), n * 6);
		add(
			{
				customer: customer.id,
				kind: 'periodic_phone',
				channel: 'phone',
				due_date: due,
				schedule_key: periodicKey('periodic_phone', customer.id, due, 3),
			},
			customer.status === 'dormant' || n === 2 ? 'cancelled' : 'auto',
		);
	}
	// 大客户现场回访 (at least twice a year), by service or with the account's rep.
	const keyAccounts = customers.filter((c) => c.key_account_class !== null && c.status === 'active').slice(0, 4);
	for (const [n, customer] of keyAccounts.entries()) {
		const due = workdaysAfter(workdaysBefore(clock.today, 12), n * 8);
		const months = customer.annual_purchase !== null && customer.annual_purchase >= LARGEST_ACCOUNT_PURCHASE ? 3 : 6;
		add(
			{
				customer: customer.id,
				kind: 'key_account_onsite',
				channel: 'onsite',
				due_date: due,
				owner: n === 1 ? customer.owner : service.id,
				satisfaction: 5,
				schedule_key: periodicKey('key_account_onsite', customer.id, due, months),
			},
			n === 0 ? 'missed' : 'auto',
		);
	}
	// 维护回访 for installed equipment.
	const installed = customers
		.filter((c) => c.relationship === 'existing' && c.status === 'active' && c.tier !== 'D')
		.slice(20, 23);
	for (const [n, customer] of installed.entries()) {
		add({
			customer: customer.id,
			kind: 'maintenance',
			channel: n === 1 ? 'onsite' : 'phone',
			due_date: workdaysAfter(workdaysBefore(clock.today, 5), n * 4),
		});
	}
	return revisits;
}

const NOTES: Record<RevisitKind, string> = {
	first_after_sale: '客户对交付和安装满意，已告知售后联系方式',
	periodic_phone: '产品使用正常，客户暂无新需求',
	key_account_onsite: '与客户技术负责人座谈，收集明年需求',
	complaint: '客户确认问题已解决，对处理速度表示认可',
	maintenance: '设备运行正常，已提醒客户按期保养',
};
