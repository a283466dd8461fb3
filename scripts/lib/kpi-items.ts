/**
 * The KPI counts as a client would assemble them from Directus' generic items API alone:
 * `aggregate[count|sum|min]` with `filter` and `groupBy[]` (with `limit=-1`: groups stop at
 * 100 otherwise), six requests in flight, and in JavaScript what aggregates cannot say — the
 * first order of each customer, the quota rule of each customer, each lead's grade history.
 * Yields the same `x_now` / `x_before` columns as kpi-sql.ts.
 */
import {
	applicableRule,
	periodOf,
	type QuotaPeriod,
	type QuotaRule,
} from '../../extensions/sales-visits/src/domain/quota.ts';
import { SATISFIED_FROM } from '../../extensions/sales-visits/src/domain/care.ts';
import { leadConversion, type GradeChange } from '../../extensions/sales-visits/src/domain/leads.ts';
import { AGING_BUCKETS } from '../../extensions/sales-visits/src/domain/receivable-kpis.ts';
import { agingBucket } from '../../extensions/sales-visits/src/domain/receivables.ts';
import { addDays, zonedInstant } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { getData } from './bench-kit.ts';
import type { Env } from './directus.ts';
import type { KpiAsk } from './kpi-sql.ts';

type Window = 'now' | 'before';
type Filter = Record<string, unknown>;
const WINDOWS: Window[] = ['now', 'before'];
const PERIODS: QuotaPeriod[] = ['month', 'quarter', 'half_year', 'year'];

export async function kpiFromItems(env: Env, token: string, ask: KpiAsk): Promise<Record<string, number>> {
	// Six requests in flight, as a browser allows per host.
	let inFlight = 0;
	const waiting: (() => void)[] = [];
	const get = async (collection: string, params: Record<string, string>, filter: Filter) => {
		if (inFlight >= 6) await new Promise<void>((go) => waiting.push(go));
		inFlight++;
		try {
			const query = new URLSearchParams({ ...params, filter: JSON.stringify(filter), limit: '-1' });
			return await getData(env, token, `/items/${collection}?${query}`);
		} finally {
			inFlight--;
			waiting.shift()?.();
		}
	};
	const count = async (collection: string, filter: Filter) =>
		Number((await get(collection, { 'aggregate[count]': '*' }, filter))[0]?.count ?? 0);
	// A filter through a one-to-many (`contacts._some`) joins its rows: count(*) would count each contact.
	const distinct = async (collection: string, filter: Filter) =>
		Number((await get(collection, { 'aggregate[countDistinct]': 'id' }, filter))[0]?.countDistinct?.id ?? 0);
	const sums = async (collection: string, fields: string[], filter: Filter) => {
		const row = (await get(collection, { 'aggregate[sum]': fields.join(',') }, filter))[0]?.sum ?? {};
		return fields.map((f) => Number(row[f] ?? 0));
	};
	// `plan.owner` → { plan: { owner: { _in } } }: filters nest relations.
	const owned = (path: string, filter: Filter): Filter =>
		ask.members
			? {
					_and: [
						filter,
						path.split('.').reduceRight<Filter>((inner, field) => ({ [field]: inner }), { _in: ask.members }),
					],
				}
			: filter;
	const instants = (w: Window) => ({
		_gte: zonedInstant(ask.days[w].start, ask.timezone).toISOString(),
		_lt: zonedInstant(addDays(ask.days[w].end, 1), ask.timezone).toISOString(),
	});
	const dates = (w: Window) => ({ _gte: ask.days[w].start, _lt: addDays(ask.days[w].end, 1) });

	const out: Record<string, number> = {};
	const jobs: Promise<void>[] = [];
	const put = (key: string, work: Promise<number>) => jobs.push(work.then((n) => void (out[key] = n)));
	for (const w of WINDOWS) {
		const i = instants(w);
		const d = dates(w);
		const submitted = { period_start: d, submitted_at: { _nnull: true } };
		put(`plans_submitted_${w}`, count('visit_plans', owned('owner', submitted)));
		put(`plans_on_time_${w}`, count('visit_plans', owned('owner', { ...submitted, submitted_late: { _eq: false } })));
		const items = { plan: { status: { _eq: 'approved' } }, planned_date: d };
		put(`items_${w}`, count('visit_plan_items', owned('plan.owner', items)));
		put(
			`items_done_${w}`,
			count('visit_plan_items', owned('plan.owner', { ...items, visit: { status: { _eq: 'completed' } } })),
		);
		put(
			`unplanned_${w}`,
			count(
				'visits',
				owned('owner', { scheduled_start: i, plan_item: { _null: true }, status: { _neq: 'cancelled' } }),
			),
		);
		put(`unauthorized_${w}`, count('visits', owned('owner', { check_in_at: i, unauthorized: { _eq: true } })));
		put(`reports_due_${w}`, count('visits', owned('owner', { report_due_at: i })));
		put(
			`reports_on_time_${w}`,
			count(
				'visits',
				owned('owner', { report_due_at: i, report_submitted_at: { _nnull: true }, report_late: { _eq: false } }),
			),
		);
		put(
			`reports_overdue_${w}`,
			count('visits', owned('owner', { report_due_at: i, report_status: { _eq: 'overdue' } })),
		);
		put(`check_ins_${w}`, count('visits', owned('owner', { check_in_at: i, channel: { _eq: 'onsite' } })));
		put(
			`check_ins_inside_${w}`,
			count('visits', owned('owner', { check_in_at: i, channel: { _eq: 'onsite' }, outside_geofence: { _eq: false } })),
		);
		for (const [table, alias] of [
			['revisits', 'revisits'],
			['follow_ups', 'follow_ups'],
		] as const) {
			put(`${alias}_due_${w}`, count(table, owned('owner', { due_date: d, status: { _neq: 'cancelled' } })));
			put(`${alias}_done_${w}`, count(table, owned('owner', { due_date: d, status: { _eq: 'done' } })));
		}
		const completed = { check_out_at: i, status: { _eq: 'completed' } };
		put(`visits_done_${w}`, count('visits', owned('owner', completed)));
		const made = { done_at: i, status: { _eq: 'done' } };
		put(`revisits_made_${w}`, count('revisits', owned('owner', made)));
		// 客户满意度: of those, the ones with a score, and the ones scored 满意 or better.
		put(`revisits_rated_${w}`, count('revisits', owned('owner', { ...made, satisfaction: { _nnull: true } })));
		put(
			`revisits_satisfied_${w}`,
			count('revisits', owned('owner', { ...made, satisfaction: { _gte: SATISFIED_FROM } })),
		);
		// Calls: phone visits and phone revisits together.
		put(
			`calls_${w}`,
			Promise.all([
				count('visits', owned('owner', { ...completed, channel: { _eq: 'phone' } })),
				count('revisits', owned('owner', { ...made, channel: { _eq: 'phone' } })),
			]).then(([visits, revisits]) => visits + revisits),
		);
		put(`periodic_due_${w}`, count('periodic_reports', owned('owner', { due_at: i })));
		put(
			`periodic_on_time_${w}`,
			count('periodic_reports', owned('owner', { due_at: i, submitted_at: { _nnull: true }, late: { _neq: true } })),
		);
		put(`complaints_${w}`, count('complaints', owned('owner', { received_at: i })));
		put(
			`complaints_on_time_${w}`,
			count(
				'complaints',
				owned('owner', { received_at: i, responded_at: { _nnull: true }, response_late: { _eq: false } }),
			),
		);
		put(`complaints_valid_${w}`, count('complaints', owned('owner', { received_at: i, valid: { _eq: true } })));
		put(
			`complaints_resolved_on_time_${w}`,
			count(
				'complaints',
				owned('owner', { received_at: i, resolved_at: { _nnull: true }, resolution_late: { _eq: false } }),
			),
		);
		const reported = { report_due_at: i, status: { _eq: 'reported' } };
		put(`receptions_reported_${w}`, count('receptions', owned('host', reported)));
		put(
			`receptions_reported_on_time_${w}`,
			count('receptions', owned('host', { ...reported, report_late: { _neq: true } })),
		);
		const closed = { closed_at: i, stage: { _in: ['won', 'lost'] } };
		put(`opportunities_closed_${w}`, count('opportunities', owned('owner', closed)));
		put(`opportunities_won_${w}`, count('opportunities', owned('owner', { ...closed, stage: { _eq: 'won' } })));
		put(`quotes_sent_${w}`, count('quotes', owned('owner', { sent_at: i })));
		put(`quotes_on_time_${w}`, count('quotes', owned('owner', { sent_at: i, sent_late: { _neq: true } })));
		jobs.push(
			sums(
				'quotes',
				['list_total', 'net_total'],
				owned('owner', { decided_at: i, status: { _in: ['approved', 'sent', 'accepted', 'expired'] } }),
			).then(
				([list, net]) =>
					void Object.assign(out, { [`quotes_list_${w}`]: list, [`quotes_discount_${w}`]: list! - net! }),
			),
			sums(
				'payment_schedules',
				['amount', 'paid_amount'],
				owned('order.owner', { due_date: d, order: { status: { _neq: 'cancelled' } } }),
			).then(
				([due, collected]) =>
					void Object.assign(out, { [`receivable_due_${w}`]: due, [`receivable_collected_${w}`]: collected }),
			),
			sums('sales_orders', ['amount'], owned('owner', { signed_at: d, status: { _neq: 'cancelled' } })).then(
				([signed]) => void (out[`signed_${w}`] = signed!),
			),
			sums('expense_requests', ['amount'], owned('requester', { date_created: i, status: { _eq: 'approved' } })).then(
				([spent]) => void (out[`expenses_${w}`] = spent!),
			),
			sums(
				'sales_targets',
				['sales_amount', 'new_customers', 'expense_budget', 'visits', 'revisits', 'calls', 'collection_amount'],
				owned('owner', {
					period_start: d,
					period_type: { _eq: 'month' },
					status: { _eq: 'approved' },
					superseded_by: { _null: true },
				}),
			).then(
				([sales, fresh, budget, visits, revisits, calls, collection]) =>
					void Object.assign(out, {
						[`target_sales_${w}`]: sales,
						[`target_new_${w}`]: fresh,
						[`target_expenses_${w}`]: budget,
						[`target_visits_${w}`]: visits,
						[`target_revisits_${w}`]: revisits,
						[`target_calls_${w}`]: calls,
						[`target_collection_${w}`]: collection,
					}),
			),
			sums('payments', ['amount'], owned('order.owner', { received_at: i })).then(
				([collected]) => void (out[`collected_${w}`] = collected!),
			),
		);
		put(`customers_lost_${w}`, count('customers', owned('owner', { churned_at: i })));
		put(
			`customers_kept_${w}`,
			count('customers', owned('owner', { _or: [{ churned_at: { _null: true } }, { churned_at: { _gte: i._gte } }] })),
		);
	}
	const current = { status: { _neq: 'churned' } };
	const profile = Object.fromEntries(
		['tier', 'category', 'region_scope', 'province', 'city', 'address'].map((f) => [f, { _nempty: true }]),
	);
	put(
		'customers_complete',
		distinct(
			'customers',
			owned('owner', {
				...current,
				...profile,
				latitude: { _nnull: true },
				longitude: { _nnull: true },
				owner: { _nnull: true },
				contacts: { _some: { id: { _nnull: true } } },
			}),
		),
	);
	put('customers_current', count('customers', owned('owner', current)));
	jobs.push(firstOrders(), quota(), leads(), pipeline(), receivables());
	await Promise.all(jobs);
	return out;

	/** Each customer's first order that stands: one group per customer, counted in JavaScript. */
	async function firstOrders() {
		const firsts: { min: { signed_at: string } }[] = await get(
			'sales_orders',
			{ 'aggregate[min]': 'signed_at', groupBy: 'customer' },
			owned('customer.owner', { status: { _neq: 'cancelled' } }),
		);
		for (const w of WINDOWS) {
			const { _gte, _lt } = dates(w);
			out[`customers_new_${w}`] = firsts.filter(
				(f) => f.min.signed_at.slice(0, 10) >= _gte && f.min.signed_at.slice(0, 10) < _lt,
			).length;
		}
	}

	/** Completed visits per customer and channel in each rule period around the quota months, against each active customer's rule. */
	async function quota() {
		const [customers, rules] = await Promise.all([
			get(
				'customers',
				{ fields: 'id,tier,category,region_scope,owner.position' },
				owned('owner', { status: { _eq: 'active' } }),
			),
			get('visit_quota_rules', {}, { active: { _eq: true } }),
		]);
		const matched = (customers as any[]).map((c) => ({
			id: c.id,
			rule: applicableRule(rules as QuotaRule[], { ...c, owner_position: c.owner?.position ?? null }),
		}));
		out.quota_required_now = out.quota_required_before = matched.filter((m) => m.rule).length;
		await Promise.all(
			WINDOWS.map(async (w) => {
				const done = new Map<string, number>();
				await Promise.all(
					PERIODS.map(async (p) => {
						const { start, end } = periodOf(p, ask.quotaMonths[w]);
						const window = {
							_gte: zonedInstant(start, ask.timezone).toISOString(),
							_lt: zonedInstant(addDays(end, 1), ask.timezone).toISOString(),
						};
						const groups: { customer: number; channel: string; count: number | string }[] = await get(
							'visits',
							{ 'aggregate[count]': '*', groupBy: 'customer,channel' },
							// A customer's quota counts its completed visits, whoever made them.
							owned('customer.owner', { status: { _eq: 'completed' }, check_out_at: window }),
						);
						for (const g of groups) {
							for (const channel of g.channel === 'onsite' ? ['onsite', 'any'] : ['any']) {
								const key = `${g.customer}:${p}:${channel}`;
								done.set(key, (done.get(key) ?? 0) + Number(g.count));
							}
						}
					}),
				);
				out[`quota_met_${w}`] = matched.filter(
					(m) =>
						m.rule &&
						(done.get(`${m.id}:${m.rule.period}:${m.rule.channel === 'onsite' ? 'onsite' : 'any'}`) ?? 0) >=
							m.rule.min_visits,
				).length;
			}),
		);
	}

	/** Σ amount × probability of the open opportunities: aggregates cannot multiply, so their rows. */
	async function pipeline() {
		const open: { amount: string | null; probability: number | null }[] = await get(
			'opportunities',
			{ fields: 'amount,probability' },
			owned('owner', { stage: { _in: ['lead', 'qualified', 'proposal', 'negotiation'] } }),
		);
		out.pipeline_weighted = open.reduce(
			(sum, o) => sum + (Number(o.amount ?? 0) * Number(o.probability ?? 0)) / 100,
			0,
		);
	}

	/** The open schedules by age as of today, and each order's last due date (settlement), in JavaScript. */
	async function receivables() {
		const live = { order: { status: { _neq: 'cancelled' } } };
		const [open, schedules] = await Promise.all([
			get(
				'payment_schedules',
				{ fields: 'due_date,amount,paid_amount' },
				owned('order.owner', { ...live, status: { _neq: 'paid' } }),
			),
			get('payment_schedules', { fields: 'due_date,order.id,order.status' }, owned('order.owner', live)),
		]);
		for (const b of AGING_BUCKETS) out[`aging_${b}`] = 0;
		for (const s of open as { due_date: string; amount: string; paid_amount: string | null }[]) {
			const bucket = agingBucket(s.due_date, ask.today);
			if (bucket) out[`aging_${bucket}`]! += Math.max(0, Number(s.amount) - Number(s.paid_amount ?? 0));
		}
		const last = new Map<number, { due: string; paid: boolean }>();
		for (const s of schedules as { due_date: string; order: { id: number; status: string } }[]) {
			const due = s.due_date.slice(0, 10);
			if (!last.has(s.order.id) || last.get(s.order.id)!.due < due)
				last.set(s.order.id, { due, paid: s.order.status === 'paid' });
		}
		for (const w of WINDOWS) {
			const { _gte, _lt } = dates(w);
			const settling = [...last.values()].filter((o) => o.due >= _gte && o.due < _lt);
			out[`settlements_due_${w}`] = settling.length;
			out[`settlements_done_${w}`] = settling.filter((o) => o.paid).length;
		}
	}

	/** The grade history up to the period's end, read whole: conversion needs each lead's path. */
	async function leads() {
		const end = zonedInstant(addDays(ask.days.now.end, 1), ask.timezone).toISOString();
		const changes: GradeChange[] = await get(
			'lead_grade_changes',
			{ fields: 'customer,from_grade,to_grade,changed_at' },
			owned('customer.owner', { changed_at: { _lt: end } }),
		);
		const iso = changes.map((c) => ({ ...c, changed_at: new Date(c.changed_at).toISOString() }));
		for (const w of WINDOWS) {
			const { converted, leads } = leadConversion(
				iso,
				zonedInstant(ask.days[w].start, ask.timezone).toISOString(),
				zonedInstant(addDays(ask.days[w].end, 1), ask.timezone).toISOString(),
			);
			Object.assign(out, { [`leads_converted_${w}`]: converted, [`leads_${w}`]: leads });
		}
	}
}
