/**
 * The KPIs measured against a person's month targets for visits, revisits, calls and
 * collections, and weekly and monthly reports on time, over HTTP: a fresh manager and rep whose
 * rows for a month P and the month before, Q, are listed below; every expected count is worked
 * out here from those rows, not typed in. Only an approved month target not replaced by a
 * revision counts: a draft, a replaced revision and a year target for the same month do not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { Client, targets } from './client.ts';
import { dateValue, insertRow, setColumns } from './db.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('target-kpis.test.ts');
const P = `${YEAR}-05`;
const Q = `${YEAR}-04`;
/** Noon in Shanghai of day `d` of month `m`, plus `hours`. */
const noon = (m: string, d: number, hours = 0) =>
	new Date(Date.parse(`${m}-${String(d).padStart(2, '0')}T04:00:00Z`) + hours * 3_600_000);
/** The company's (Shanghai's) month of an instant. */
const monthOf = (at: Date | null) => (at ? new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7) : null);

type Visit = { channel: 'onsite' | 'phone' | 'video'; status: string; out: Date | null };
type Revisit = { channel: 'phone' | 'onsite'; status: string; due: string; done: Date | null };
type Target = {
	period_type: 'month' | 'year';
	month: string;
	status: 'approved' | 'draft' | 'submitted';
	replaced?: boolean;
	visits: number | null;
	revisits: number | null;
	calls: number | null;
	collection_amount: number | null;
};
type Report = { period_type: 'week' | 'month'; start: string; due: Date; submitted: Date | null; late: boolean };

// The rep's rows.
const VISITS: Visit[] = [
	{ channel: 'onsite', status: 'completed', out: noon(P, 3) },
	{ channel: 'phone', status: 'completed', out: noon(P, 4) },
	{ channel: 'video', status: 'completed', out: noon(P, 5) },
	// Checked out half an hour into P in Shanghai: still the last day of Q in UTC.
	{ channel: 'phone', status: 'completed', out: new Date(Date.parse(`${P}-01T00:30:00+08:00`)) },
	{ channel: 'phone', status: 'scheduled', out: null },
	{ channel: 'onsite', status: 'cancelled', out: null },
	{ channel: 'onsite', status: 'completed', out: noon(Q, 10) },
	{ channel: 'phone', status: 'completed', out: noon(Q, 11) },
];
const REVISITS: Revisit[] = [
	{ channel: 'phone', status: 'done', due: `${P}-06`, done: noon(P, 6) },
	{ channel: 'onsite', status: 'done', due: `${P}-07`, done: noon(P, 7) },
	// Due in Q, done late in P: it counts when it was done.
	{ channel: 'phone', status: 'done', due: `${Q}-28`, done: noon(P, 2) },
	{ channel: 'phone', status: 'scheduled', due: `${P}-20`, done: null },
	{ channel: 'phone', status: 'missed', due: `${P}-21`, done: null },
	{ channel: 'phone', status: 'done', due: `${Q}-12`, done: noon(Q, 12) },
];
const TARGETS: Target[] = [
	{ period_type: 'month', month: P, status: 'approved', visits: 4, revisits: 2, calls: 3, collection_amount: 100000 },
	// Not counted: a draft, an earlier revision replaced by the one above, a year target starting that month.
	{ period_type: 'month', month: P, status: 'draft', visits: 90, revisits: 90, calls: 90, collection_amount: 900000 },
	{
		period_type: 'month',
		month: P,
		status: 'approved',
		replaced: true,
		visits: 80,
		revisits: 80,
		calls: 80,
		collection_amount: 800000,
	},
	{ period_type: 'year', month: P, status: 'approved', visits: 70, revisits: 70, calls: 70, collection_amount: 700000 },
	{ period_type: 'month', month: Q, status: 'approved', visits: 2, revisits: null, calls: 1, collection_amount: 50000 },
	{ period_type: 'month', month: Q, status: 'submitted', visits: 60, revisits: 60, calls: 60, collection_amount: 1 },
];
/** Payments received for the rep's order. */
const PAYMENTS: [number, Date][] = [
	[30000, noon(P, 10)],
	[25000.5, noon(P, 20)],
	[10000, noon(Q, 15)],
	// Half an hour before P begins in Shanghai: Q's.
	[5000, new Date(Date.parse(`${P}-01T00:00:00+08:00`) - 1_800_000)],
];
const REPORTS: Report[] = [
	{ period_type: 'week', start: `${P}-04`, due: noon(P, 8, 6), submitted: noon(P, 8), late: false },
	{ period_type: 'week', start: `${P}-11`, due: noon(P, 15, 6), submitted: noon(P, 16), late: true },
	{ period_type: 'week', start: `${P}-18`, due: noon(P, 22, 6), submitted: null, late: false },
	// Q's monthly report falls due in P.
	{ period_type: 'month', start: `${Q}-01`, due: noon(P, 5, 12), submitted: noon(P, 5), late: false },
	{ period_type: 'week', start: `${Q}-06`, due: noon(Q, 10, 6), submitted: noon(Q, 10), late: false },
	{ period_type: 'week', start: `${Q}-13`, due: noon(Q, 17, 6), submitted: noon(Q, 18), late: true },
];

/** [numerator, denominator] of each new KPI in month `m`, from the rows above. */
function expectedIn(m: string): Record<string, [number, number]> {
	const current = TARGETS.filter(
		(t) => t.period_type === 'month' && t.status === 'approved' && !t.replaced && t.month === m,
	);
	const target = (k: 'visits' | 'revisits' | 'calls' | 'collection_amount') =>
		current.reduce((sum, t) => sum + (t[k] ?? 0), 0);
	const visits = VISITS.filter((v) => v.status === 'completed' && monthOf(v.out) === m);
	const revisits = REVISITS.filter((r) => r.status === 'done' && monthOf(r.done) === m);
	const due = REPORTS.filter((r) => monthOf(r.due) === m);
	return {
		visit_target_completion: [visits.length, target('visits')],
		revisit_target_completion: [revisits.length, target('revisits')],
		call_target_completion: [
			visits.filter((v) => v.channel === 'phone').length + revisits.filter((r) => r.channel === 'phone').length,
			target('calls'),
		],
		collection_target_completion: [
			PAYMENTS.filter(([, at]) => monthOf(at) === m).reduce((sum, [amount]) => sum + amount, 0),
			target('collection_amount'),
		],
		periodic_report_on_time: [due.filter((r) => r.submitted && !r.late).length, due.length],
	};
}
const NEW_KPIS = Object.keys(expectedIn(P));

describe.each(targets)('KPIs against visit, revisit, call and collection targets on $name', (target) => {
	let admin: Client;
	let rep: Client;
	let manager: Client;
	const ids = { m: '', r: '' };

	async function makeUser(key: 'm' | 'r', role: 'sales_manager' | 'sales_rep', reportsTo: string) {
		const email = `target-kpis-${key}-${target.name}-${Date.now()}@example.com`;
		const created = await admin.post('/users', {
			email,
			password: 'demo-password',
			role: roleByKey(role).roleId,
			position: role === 'sales_rep' ? 'rep' : 'manager',
			reports_to: reportsTo,
			first_name: key.toUpperCase(),
			last_name: '目标',
			language: 'zh-CN',
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		ids[key] = created.body.data.id;
		return Client.login(target.url, email);
	}

	beforeAll(async () => {
		admin = await Client.admin(target);
		const gm = (await admin.data('/users?filter[email][_eq]=gm@example.com&fields=id'))[0].id;
		manager = await makeUser('m', 'sales_manager', gm);
		rep = await makeUser('r', 'sales_rep', ids.m);
		const R = ids.r;
		const row = (table: string, values: Record<string, unknown>) => insertRow(target, table, values);
		const date = (d: string) => dateValue(target, d);

		const customer = await admin.post('/items/customers', {
			name: `目标测试客户${target.name}${Date.now()}有限公司`,
			code: `TK${Date.now() % 1_000_000}`,
			tier: 'C',
			category: 'ordinary',
			relationship: 'existing',
			region_scope: 'local',
			province: '浙江省',
			city: '杭州市',
			address: '目标路1号',
			owner: R,
		});
		expect(customer.status, JSON.stringify(customer.body)).toBe(200);
		const c = customer.body.data.id;

		for (const v of VISITS)
			await row('visits', {
				owner: R,
				customer: c,
				purpose: 'relationship',
				channel: v.channel,
				status: v.status,
				scheduled_start: v.out ?? noon(P, 25),
				...(v.out ? { check_in_at: new Date(v.out.getTime() - 3_600_000), check_out_at: v.out } : {}),
			});
		for (const r of REVISITS)
			await row('revisits', {
				owner: R,
				customer: c,
				kind: 'periodic_phone',
				channel: r.channel,
				due_date: date(r.due),
				status: r.status,
				done_at: r.done,
			});
		// The current P target first: the replaced revision points at it.
		let current = 0;
		for (const t of TARGETS) {
			const { month, replaced, ...columns } = t;
			const id = await row('sales_targets', {
				...columns,
				owner: R,
				period_start: date(`${month}-01`),
				superseded_by: replaced ? current : null,
			});
			if (!current) current = id;
		}
		const order = await row('sales_orders', {
			order_no: `TK${target.name}${Date.now()}`,
			customer: c,
			owner: R,
			signed_at: date(`${Q}-01`),
			amount: 200000,
			paid_amount: 0,
			status: 'signed',
		});
		for (const [amount, at] of PAYMENTS)
			await row('payments', { order, amount, received_at: at, method: 'bank_transfer' });
		for (const r of REPORTS)
			await row('periodic_reports', {
				owner: R,
				period_type: r.period_type,
				period_start: date(r.start),
				due_at: r.due,
				submitted_at: r.submitted,
				late: r.late,
				status: r.submitted ? 'submitted' : 'draft',
			});
	});

	const counts = (data: any) =>
		Object.fromEntries(
			data.kpis
				.filter((k: any) => NEW_KPIS.includes(k.key))
				.map((k: any) => [
					k.key,
					{ now: [k.numerator, k.denominator], before: [k.previous.numerator, k.previous.denominator] },
				]),
		);
	const expected = () =>
		Object.fromEntries(NEW_KPIS.map((k) => [k, { now: expectedIn(P)[k], before: expectedIn(Q)[k] }]));

	it('counts visits, revisits, calls and collections against the current month targets, and reports on time', async () => {
		const res = await manager.get(`/visit-kpi/summary?period=${P}&scope=rep&id=${ids.r}`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(counts(res.body.data)).toEqual(expected());
		// The worked-out numbers themselves: what the rows say, not zero by accident.
		expect(expectedIn(P)).toEqual({
			visit_target_completion: [4, 4],
			revisit_target_completion: [3, 2],
			call_target_completion: [4, 3],
			collection_target_completion: [55000.5, 100000],
			periodic_report_on_time: [2, 4],
		});
		const kpi = (key: string) => res.body.data.kpis.find((k: any) => k.key === key);
		expect(kpi('visit_target_completion')).toMatchObject({ value: 1, light: 'green', withheld: false });
		expect(kpi('collection_target_completion').light).toBe('red');
		expect(kpi('collection_target_completion').value).toBeCloseTo(0.550005, 9);
		expect(kpi('periodic_report_on_time')).toMatchObject({ value: 0.5, light: 'red', trend: 'same' });
		for (const key of NEW_KPIS) {
			const k = kpi(key);
			expect(k.label['zh-CN'] && k.label['en-US'] && k.formula['zh-CN'] && k.formula['en-US'], key).toBeTruthy();
		}
		// Q has no revisit target: nothing to divide by.
		expect(kpi('revisit_target_completion').previous).toEqual({ numerator: 1, denominator: 0, value: null });
	});

	it('adds up the same for the team and per person, and shows the rep their own', async () => {
		const team = await manager.get(`/visit-kpi/summary?period=${P}&scope=team&id=${ids.m}&by=owner`);
		expect(team.status, JSON.stringify(team.body)).toBe(200);
		expect(counts(team.body.data)).toEqual(expected());
		const mine = team.body.data.by_owner.find((o: any) => o.owner === ids.r);
		for (const key of NEW_KPIS)
			expect([mine.kpis[key].numerator, mine.kpis[key].denominator], key).toEqual(expectedIn(P)[key]);
		const theirs = team.body.data.by_owner.find((o: any) => o.owner === ids.m);
		expect(theirs.kpis.visit_target_completion).toMatchObject({ numerator: 0, denominator: 0, value: null });

		const own = await rep.get(`/visit-kpi/summary?period=${P}`);
		expect(own.status, JSON.stringify(own.body)).toBe(200);
		expect(counts(own.body.data)).toEqual(expected());
		// A quarter holds both months.
		const quarter = await manager.get(`/visit-kpi/summary?period=${YEAR}-Q2&scope=rep&id=${ids.r}`);
		const both = (key: string) => expectedIn(P)[key]!.map((n, i) => n + expectedIn(Q)[key]![i]!);
		for (const k of quarter.body.data.kpis.filter((k: any) => NEW_KPIS.includes(k.key)))
			expect([k.numerator, k.denominator], k.key).toEqual(both(k.key));
	});

	it('counts a target once approved, and no longer once a revision replaces it', async () => {
		const find = async (visits: number) =>
			(
				await admin.data(
					`/items/sales_targets?filter[owner][_eq]=${ids.r}&filter[period_type][_eq]=month&filter[visits][_eq]=${visits}&fields=id`,
				)
			)[0].id as number;
		const [current, draft] = [await find(4), await find(90)];
		const visitTarget = async () =>
			(await manager.get(`/visit-kpi/summary?period=${P}&scope=rep&id=${ids.r}`)).body.data.kpis.find(
				(k: any) => k.key === 'visit_target_completion',
			).denominator;
		await setColumns(target, 'sales_targets', draft, { status: 'approved' });
		expect(await visitTarget()).toBe(4 + 90);
		await setColumns(target, 'sales_targets', draft, { superseded_by: current });
		expect(await visitTarget()).toBe(4);
		await setColumns(target, 'sales_targets', draft, { status: 'draft', superseded_by: null });
		expect(await visitTarget()).toBe(4);
	});

	it('shows Finance the collection target, and not the visit ones it may not read', async () => {
		const finance = await Client.login(target.url, 'finance@example.com');
		const res = await finance.get(`/visit-kpi/summary?period=${P}&scope=rep&id=${ids.r}`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const kpi = (key: string) => res.body.data.kpis.find((k: any) => k.key === key);
		expect([kpi('collection_target_completion').numerator, kpi('collection_target_completion').denominator]).toEqual(
			expectedIn(P).collection_target_completion,
		);
		for (const key of [
			'visit_target_completion',
			'revisit_target_completion',
			'call_target_completion',
			'periodic_report_on_time',
		])
			expect(kpi(key), key).toMatchObject({ withheld: true, numerator: null });
	});
});
