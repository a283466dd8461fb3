/** Orders, complaints and the revisits they trigger (客户回访制度), quota rules and targets. */
import type { DemoCustomer } from './customers.ts';
import { byLogin, fieldStaff } from './people.ts';
import type { Random } from './random.ts';
import { addDays, addMinutes, at, monthStart } from './time.ts';

const COMPLAINT_RESPONSE_MINUTES = 120;

export function makeCommerce(rnd: Random, today: string, now: string, customers: DemoCustomer[]) {
	const service = byLogin('service');
	const buyers = customers.filter((c) => c.relationship === 'existing' && c.status === 'active');

	const orders = buyers.slice(0, 40).map((customer, n) => {
		const signed = addDays(today, -3 - n);
		const status = (['paid', 'delivered', 'signed', 'paid', 'delivered', 'cancelled', 'paid'] as const)[n % 7]!;
		const amount = Math.round((customer.annual_purchase / rnd.int(6, 12)) / 100) * 100;
		return {
			id: n + 1,
			order_no: `SO${signed.slice(0, 7).replace('-', '')}-${String(n + 1).padStart(4, '0')}`,
			customer: customer.id,
			owner: customer.owner,
			signed_at: signed,
			amount,
			paid_amount: status === 'paid' ? amount : status === 'delivered' ? Math.round(amount * 0.3) : 0,
			status,
		};
	});

	const complaintStates = ['open', 'responded', 'resolved', 'closed', 'closed', 'resolved', 'responded', 'open'] as const;
	const complaints = complaintStates.map((status, n) => {
		const customer = buyers[(n * 5) % buyers.length]!;
		const received = at(addDays(today, status === 'open' ? 0 - (n % 2) : -4 - n * 2), 10, 15);
		const due = addMinutes(received, COMPLAINT_RESPONSE_MINUTES);
		// One open complaint is already past its response deadline.
		const responded = status === 'open' ? null : addMinutes(received, n === 6 ? COMPLAINT_RESPONSE_MINUTES + 90 : 40);
		const resolved = status === 'resolved' || status === 'closed' ? addMinutes(received, 60 * 24 * 2) : null;
		return {
			id: n + 1,
			customer: customer.id,
			owner: service.id,
			received_at: received < now ? received : addMinutes(now, -30),
			description: rnd.pick(['到货包装破损，部分产品受潮', '发票信息有误，需重开', '设备安装后运行噪音偏大', '交货比合同约定晚了一周', '售后工程师响应不及时']),
			severity: (['medium', 'low', 'high', 'medium', 'critical', 'low', 'high', 'medium'] as const)[n]!,
			response_due_at: due,
			responded_at: responded,
			resolved_at: resolved,
			resolution: resolved ? rnd.pick(['已补发产品并致歉', '已重开发票', '工程师上门调试，问题解决', '给予下批订单折扣补偿']) : null,
			status,
		};
	});

	const revisits: any[] = [];
	const revisit = (row: Record<string, unknown>) => revisits.push({ id: revisits.length + 1, notes: null, satisfaction: null, done_at: null, source_order: null, source_complaint: null, owner: service.id, ...row });
	for (const [n, order] of orders.filter((o) => o.status !== 'cancelled').slice(0, 12).entries()) {
		const due = addDays(order.signed_at, 7);
		const done = due < today && n % 4 !== 3;
		revisit({
			customer: order.customer,
			kind: 'first_after_sale',
			channel: 'phone',
			due_date: due,
			status: done ? 'done' : due < today ? 'missed' : 'scheduled',
			done_at: done ? at(due, 14) : null,
			satisfaction: done ? rnd.int(3, 5) : null,
			notes: done ? '客户对交付和安装满意' : null,
			source_order: order.id,
		});
	}
	for (const complaint of complaints.filter((c) => c.status === 'resolved' || c.status === 'closed')) {
		const due = addDays(complaint.resolved_at!.slice(0, 10), 3);
		const done = complaint.status === 'closed' && due < today;
		revisit({
			customer: complaint.customer,
			kind: 'complaint',
			channel: 'phone',
			due_date: due,
			status: done ? 'done' : 'scheduled',
			done_at: done ? at(due, 15) : null,
			satisfaction: done ? rnd.int(2, 4) : null,
			source_complaint: complaint.id,
		});
	}
	const keyAccounts = customers.filter((c) => c.key_account_class !== null && c.status === 'active');
	for (const [n, customer] of keyAccounts.slice(0, 6).entries()) {
		const due = addDays(today, n * 4 - 10);
		const status = due >= today ? (n === 5 ? 'cancelled' : 'scheduled') : n % 3 === 1 ? 'missed' : 'done';
		revisit({
			customer: customer.id,
			kind: n % 2 ? 'key_account_onsite' : 'maintenance',
			channel: n % 2 ? 'onsite' : 'phone',
			due_date: due,
			status,
			owner: n % 2 ? customer.owner : service.id,
			done_at: status === 'done' ? at(due, 11) : null,
			satisfaction: status === 'done' ? 5 : null,
		});
	}
	for (const [n, customer] of buyers.slice(20, 26).entries()) {
		const due = addDays(today, n * 3 - 8);
		revisit({
			customer: customer.id,
			kind: 'periodic_phone',
			channel: 'phone',
			due_date: due,
			status: due < today ? 'done' : 'scheduled',
			done_at: due < today ? at(due, 16) : null,
			satisfaction: due < today ? rnd.int(3, 5) : null,
		});
	}

	/** 销售人员客户拜访管理办法: 本市每月1次, 本省3个月1次, 其它地区半年1次; tiers and key accounts on top. */
	const quotaRules = [
		{ name: '本市客户每月拜访1次', region_scope: 'local', min_visits: 1, period: 'month', channel: 'onsite', priority: 10 },
		{ name: '本省客户每3个月拜访1次', region_scope: 'province', min_visits: 1, period: 'quarter', channel: 'onsite', priority: 10 },
		{ name: '其它地区客户每半年拜访1次', region_scope: 'other', min_visits: 1, period: 'half_year', channel: 'onsite', priority: 10 },
		{ name: 'A类客户每月拜访2次', tier: 'A', min_visits: 2, period: 'month', channel: 'onsite', priority: 40 },
		{ name: 'B类客户每月拜访1次', tier: 'B', min_visits: 1, period: 'month', channel: 'onsite', priority: 30 },
		{ name: '重点客户每月至少联系1次', category: 'key', min_visits: 1, period: 'month', channel: 'any', priority: 20 },
		{ name: 'D类外地客户每季度电话联系1次', tier: 'D', region_scope: 'other', min_visits: 1, period: 'quarter', channel: 'any', priority: 35 },
		{ name: '经理本人重点客户每季度拜访1次', category: 'key', position: 'manager', min_visits: 1, period: 'quarter', channel: 'onsite', priority: 50 },
		{ name: '潜在客户每年拜访2次（停用）', category: 'potential', min_visits: 2, period: 'year', channel: 'any', priority: 5, active: false },
	].map((rule, n) => ({ id: n + 1, tier: null, category: null, region_scope: null, position: null, active: true, ...rule }));

	const targets = [-1, 0, 1].flatMap((offset) =>
		fieldStaff.map((person) => {
			const manager = person.position === 'manager';
			return {
				owner: person.id,
				period_start: monthStart(today, offset),
				sales_amount: manager ? 800_000 : rnd.pick([400_000, 500_000, 600_000]),
				new_customers: manager ? 1 : rnd.int(2, 4),
				visits: manager ? 8 : rnd.int(18, 24),
				revisits: manager ? 2 : rnd.int(4, 8),
				expense_budget: manager ? 8000 : rnd.pick([3000, 4000, 5000]),
			};
		}),
	).map((target, n) => ({ id: n + 1, ...target }));

	return { orders, complaints, revisits, quotaRules, targets };
}
