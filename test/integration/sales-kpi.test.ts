/**
 * The sales-cycle KPIs over HTTP (win rate, weighted pipeline, quotes on time, average
 * discount, collection against due, contract settlement, overdue receivables by age) and the
 * pipeline by stage and receivables aging, on crafted teams: manager M with reps A and B, and
 * manager N with rep C. The reps make their opportunities and quotes through the API; the
 * stamps the flows write now are then moved into the test's months (P and the month before,
 * Q), which the counters follow like any other write. Every expected number is worked out
 * here from the rows as the server holds them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { addDays, zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { Client, targets, type Response } from './client.ts';
import { closeDatabases, dateValue, insertRow, setColumns } from './db.ts';
import { eventually, refusedWith } from './expect.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('sales-kpi.test.ts');
const P = `${YEAR}-03`;
const Q = `${YEAR}-02`;
const OPEN = ['lead', 'qualified', 'proposal', 'negotiation'];
const AGES: [string, number, number][] = [
	['d0_30', 1, 30],
	['d31_60', 31, 60],
	['d61_90', 61, 90],
	['over_90', 91, Infinity],
];
/** The company's date today (Asia/Shanghai), as the aging counts from it. */
const today = () => zonedDate(new Date(), 'Asia/Shanghai');
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
/** Noon in Shanghai of day `d` of month `m`. */
const noon = (m: string, d: number) => new Date(`${m}-${String(d).padStart(2, '0')}T04:00:00Z`);

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

type Who = 'm' | 'a' | 'b' | 'n' | 'c';

describe.each(targets)('sales-cycle KPIs on $name', (target) => {
	let admin: Client;
	let users: Record<string, string>;
	const people = {} as Record<Who, { id: string; client: Client }>;
	const customers = {} as Record<'a' | 'b' | 'c', number>;
	let product: { id: number; list_price: number };
	/** Stored instants: Date on Postgres, epoch milliseconds on SQLite. */
	const at = (d: Date) => (target.env.DB_CLIENT === 'pg' ? d : d.getTime());

	async function makeUser(key: Who, role: 'sales_manager' | 'sales_rep', reportsTo: string) {
		const email = `skpi-${key}-${target.name}-${Date.now()}@example.com`;
		const created = ok(
			await admin.post('/users', {
				email,
				password: 'demo-password',
				role: roleByKey(role).roleId,
				position: role === 'sales_rep' ? 'rep' : 'manager',
				reports_to: reportsTo,
				first_name: key.toUpperCase(),
				last_name: '商机',
				language: 'zh-CN',
			}),
			`user ${key}`,
		);
		people[key] = { id: created.id, client: await Client.login(target.url, email) };
	}

	const opportunity = async (who: 'a' | 'b' | 'c', amount: number, probability?: number) =>
		ok(
			await people[who].client.post('/items/opportunities', {
				name: `商机考核 ${who} ${amount}`,
				customer: customers[who],
				amount,
				...(probability === undefined ? {} : { probability }),
			}),
			'opportunity',
		).id as number;
	const advance = async (who: 'a' | 'b' | 'c', id: number, stage: string) =>
		ok(await people[who].client.post(`/visit-flow/opportunities/${id}/advance`, { stage }), `advance to ${stage}`);
	const lose = async (who: 'a' | 'b', id: number, closed: Date) => {
		ok(
			await people[who].client.post(`/visit-flow/opportunities/${id}/lose`, {
				lost_reason: 'price',
				comment: '客户预算不足，选择了更便宜的方案',
			}),
			'lose',
		);
		await setColumns(target, 'opportunities', id, { closed_at: at(closed) });
	};
	// Won only by signing a contract: that flow is contracts.test's; here the row is put in the state it leaves.
	const win = (id: number, closed: Date) =>
		setColumns(target, 'opportunities', id, { stage: 'won', probability: 100, closed_at: at(closed) });

	/** A quote of one line of 2 at `discount` % off, its totals derived, submitted (and approved when beyond the rep). */
	async function quote(who: 'a' | 'b', discount: number, submit = true) {
		const q = ok(
			await people[who].client.post('/items/quotes', {
				customer: customers[who],
				requested_at: noon(P, 1).toISOString(),
				valid_until: `${YEAR}-12-31`,
				lines: [{ product: product.id, quantity: 2, unit_price: (product.list_price * (100 - discount)) / 100 }],
			}),
			'quote',
		);
		await eventually(async () =>
			expect(Number((await admin.data(`/items/quotes/${q.id}`)).list_total)).toBeGreaterThan(0),
		);
		if (!submit) return q.id as number;
		const submitted = ok(await people[who].client.post(`/visit-flow/quotes/${q.id}/submit`, {}), 'submit');
		if (submitted.status === 'pending')
			ok(await people.m.client.post(`/visit-flow/quotes/${q.id}/approve`, { comment: '同意' }), 'approve');
		return q.id as number;
	}
	const send = async (who: 'a' | 'b', id: number) =>
		ok(await people[who].client.post(`/visit-flow/quotes/${id}/send`, {}), 'send');
	const stamp = (id: number, values: { decided?: Date; sent?: Date; late?: boolean }) =>
		setColumns(target, 'quotes', id, {
			...(values.decided ? { decided_at: at(values.decided) } : {}),
			...(values.sent ? { sent_at: at(values.sent), sent_late: values.late ?? false } : {}),
		});

	const opportunityIds: number[] = [];
	const quoteIds: number[] = [];
	const orderIds: number[] = [];
	const scheduleIds: number[] = [];

	beforeAll(async () => {
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		await makeUser('m', 'sales_manager', users.gm!);
		await makeUser('a', 'sales_rep', people.m.id);
		await makeUser('b', 'sales_rep', people.m.id);
		await makeUser('n', 'sales_manager', users.gm!);
		await makeUser('c', 'sales_rep', people.n.id);
		for (const who of ['a', 'b', 'c'] as const)
			customers[who] = ok(
				await admin.post('/items/customers', {
					name: `商机考核客户${who}${target.name}${Date.now()}有限公司`,
					code: `SK${Date.now() % 1_000_000}${who}`,
					tier: 'B',
					category: 'key',
					relationship: 'existing',
					region_scope: 'local',
					owner: people[who].id,
				}),
				'customer',
			).id;
		const products: any[] = await admin.data('/items/products?filter[active][_eq]=true&sort=id&limit=-1');
		const p = products.find((x) => Number(x.list_price) >= 1000)!;
		product = { id: p.id, list_price: Number(p.list_price) };

		// Opportunities: A open at lead and proposal, lost in P and Q, won in P; B open at negotiation, won in P; C open.
		const a1 = await opportunity('a', 100000, 20);
		const a2 = await opportunity('a', 250000);
		await advance('a', a2, 'proposal');
		const a3 = await opportunity('a', 60000);
		await lose('a', a3, noon(P, 10));
		const a4 = await opportunity('a', 90000);
		await win(a4, noon(P, 15));
		const a5 = await opportunity('a', 40000);
		await lose('a', a5, noon(Q, 20));
		const b1 = await opportunity('b', 80000);
		await advance('b', b1, 'negotiation');
		const b2 = await opportunity('b', 30000);
		await win(b2, noon(P, 5));
		const c1 = await opportunity('c', 500000);
		await advance('c', c1, 'qualified');
		opportunityIds.push(a1, a2, a3, a4, a5, b1, b2, c1);

		// Quotes: approved in P (A at 0, 4 and 10 % off, the last by M; B at 5 %), in Q (A at 2 %); a draft of A's.
		const qa1 = await quote('a', 0);
		await send('a', qa1);
		await stamp(qa1, { decided: noon(P, 2), sent: noon(P, 3) });
		const qa2 = await quote('a', 4);
		await send('a', qa2);
		await stamp(qa2, { decided: noon(P, 3), sent: noon(P, 4), late: true });
		const qa3 = await quote('a', 10);
		await stamp(qa3, { decided: noon(P, 6) });
		const qa4 = await quote('a', 3, false);
		const qa5 = await quote('a', 2);
		await send('a', qa5);
		await stamp(qa5, { decided: noon(Q, 10), sent: noon(Q, 11) });
		const qb1 = await quote('b', 5);
		await send('b', qb1);
		await stamp(qb1, { decided: noon(P, 8), sent: noon(P, 9) });
		quoteIds.push(qa1, qa2, qa3, qa4, qa5, qb1);

		// Orders (through the API as their rep) and their schedules (the rows contract signing and payments leave):
		// due in P for collection and settlement, around today for the aging; a cancelled order counts nowhere.
		const now = today();
		const orderOf = async (who: 'a' | 'b' | 'c', amount: number, status?: string) => {
			const id = ok(
				await people[who].client.post('/items/sales_orders', {
					order_no: `SKPI${target.name}${Date.now()}${who}${amount}`,
					customer: customers[who],
					amount,
					signed_at: `${Q}-01`,
				}),
				'order',
			).id as number;
			if (status) await setColumns(target, 'sales_orders', id, { status });
			orderIds.push(id);
			return id;
		};
		const schedule = async (order: number, due: string, amount: number, paid: number) =>
			scheduleIds.push(
				await insertRow(target, 'payment_schedules', {
					order,
					due_date: dateValue(target, due),
					amount,
					paid_amount: paid,
					status: paid >= amount ? 'paid' : due < now ? 'overdue' : 'open',
				}),
			);
		const oa1 = await orderOf('a', 100000);
		await schedule(oa1, `${P}-10`, 60000, 60000);
		await schedule(oa1, `${P}-25`, 40000, 10000);
		const oa2 = await orderOf('a', 50000);
		await schedule(oa2, addDays(now, -10), 20000, 5000);
		await schedule(oa2, addDays(now, -45), 10000, 0);
		await schedule(oa2, addDays(now, -100), 20000, 0);
		const oa3 = await orderOf('a', 30000, 'cancelled');
		await schedule(oa3, `${P}-05`, 30000, 0);
		await schedule(oa3, addDays(now, -5), 1000, 0);
		const ob1 = await orderOf('b', 80000, 'paid');
		await schedule(ob1, `${P}-12`, 80000, 80000);
		const ob2 = await orderOf('b', 10000);
		await schedule(ob2, addDays(now, 5), 9000, 0);
		await schedule(ob2, addDays(now, -70), 1000, 0);
		await schedule(ob2, addDays(now, -31), 500, 500);
		const oc1 = await orderOf('c', 70000);
		await schedule(oc1, addDays(now, -20), 70000, 0);
	});
	afterAll(closeDatabases);

	/** The rows as the server holds them. */
	const rows = async (collection: string, ids: number[]) =>
		(await admin.data(`/items/${collection}?filter[id][_in]=${ids.join(',')}&limit=-1`)) as any[];
	const inMonth = (value: string | null, m: string) =>
		value !== null && new Date(Date.parse(value) + 8 * 3_600_000).toISOString().startsWith(m);

	/** Every number the summary should show for `owners`, from the rows. */
	async function expectedFor(owners: string[]) {
		const opps = (await rows('opportunities', opportunityIds)).filter((o) => owners.includes(o.owner));
		const quotes = (await rows('quotes', quoteIds)).filter((q) => owners.includes(q.owner));
		const closedIn = (m: string) => opps.filter((o) => ['won', 'lost'].includes(o.stage) && inMonth(o.closed_at, m));
		const winRate = (m: string) => [closedIn(m).filter((o) => o.stage === 'won').length, closedIn(m).length];
		const open = opps.filter((o) => OPEN.includes(o.stage));
		const weighted = (os: any[]) => os.reduce((s, o) => s + (Number(o.amount) * Number(o.probability)) / 100, 0);
		const sent = (m: string) => quotes.filter((q) => inMonth(q.sent_at, m));
		const approved = (m: string) =>
			quotes.filter((q) => ['approved', 'sent', 'accepted', 'expired'].includes(q.status) && inMonth(q.decided_at, m));
		const discount = (m: string) => [
			approved(m).reduce((s, q) => s + Number(q.list_total) - Number(q.net_total), 0),
			approved(m).reduce((s, q) => s + Number(q.list_total), 0),
		];
		const orders = new Map(
			(await rows('sales_orders', orderIds)).filter((o) => owners.includes(o.owner)).map((o) => [o.id, o]),
		);
		const schedules = (await rows('payment_schedules', scheduleIds)).filter(
			(x) => orders.has(x.order) && orders.get(x.order).status !== 'cancelled',
		);
		const dueIn = (m: string) => schedules.filter((x) => x.due_date.startsWith(m));
		const collection = (m: string) => [
			dueIn(m).reduce((sum, x) => sum + Number(x.paid_amount), 0),
			dueIn(m).reduce((sum, x) => sum + Number(x.amount), 0),
		];
		const lastDue = (order: number) =>
			schedules
				.filter((x) => x.order === order)
				.map((x) => x.due_date.slice(0, 10))
				.sort()
				.at(-1);
		const settling = (m: string) =>
			[...orders.values()].filter((o) => o.status !== 'cancelled' && lastDue(o.id)?.startsWith(m));
		const settlement = (m: string) => [settling(m).filter((o) => o.status === 'paid').length, settling(m).length];
		const openOf = (x: any) => (x.status === 'paid' ? 0 : Math.max(0, Number(x.amount) - Number(x.paid_amount)));
		const late = (x: any) => daysBetween(x.due_date.slice(0, 10), today());
		const aged = AGES.map(([bucket, least, most]) => ({
			bucket,
			amount: schedules.filter((x) => late(x) >= least && late(x) <= most).reduce((sum, x) => sum + openOf(x), 0),
		}));
		return {
			receivables: {
				aging: aged,
				not_due: schedules.filter((x) => late(x) <= 0).reduce((sum, x) => sum + openOf(x), 0),
			},
			kpis: {
				payment_collection: [...collection(P), ...collection(Q)],
				contract_settlement: [...settlement(P), ...settlement(Q)],
				...Object.fromEntries(aged.map((a) => [`overdue_${a.bucket}`, [a.amount, null, null, null]])),
				win_rate: [...winRate(P), ...winRate(Q)],
				weighted_pipeline: [weighted(open), null, null, null],
				quote_on_time: [
					sent(P).filter((q) => !q.sent_late).length,
					sent(P).length,
					sent(Q).filter((q) => !q.sent_late).length,
					sent(Q).length,
				],
				average_discount: [...discount(P), ...discount(Q)],
			} as Record<string, (number | null)[]>,
			pipeline: OPEN.map((stage) => {
				const here = open.filter((o) => o.stage === stage);
				return {
					stage,
					count: here.length,
					amount: here.reduce((s, o) => s + Number(o.amount), 0),
					weighted: weighted(here),
				};
			}),
		};
	}

	async function expectSummary(client: Client, query: string, owners: string[]) {
		const res = await client.get(`/visit-kpi/summary?period=${P}&${query}`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const expected = await expectedFor(owners);
		for (const [key, [n, d, pn, pd]] of Object.entries(expected.kpis)) {
			const k = res.body.data.kpis.find((x: any) => x.key === key);
			expect(k, key).toBeDefined();
			expect(k.withheld, key).toBe(false);
			expect(k.numerator, key).toBeCloseTo(n!, 2);
			expect(k.denominator, key).toEqual(d);
			if (pn === null) expect(k.previous, key).toEqual({ numerator: null, denominator: null, value: null });
			else expect([k.previous.numerator, k.previous.denominator], key).toEqual([pn, pd]);
		}
		expect(res.body.data.pipeline.withheld).toBe(false);
		const stages = res.body.data.pipeline.stages;
		expect(stages.map((s: any) => s.stage)).toEqual(OPEN);
		for (const [i, s] of expected.pipeline.entries()) {
			expect([stages[i].count, stages[i].amount], s.stage).toEqual([s.count, s.amount]);
			expect(stages[i].weighted, s.stage).toBeCloseTo(s.weighted, 2);
		}
		expect(res.body.data.receivables).toEqual({ withheld: false, as_of: today(), ...expected.receivables });
		return { data: res.body.data, expected };
	}

	it('works the numbers out for the rows they come from', async () => {
		const team = await expectedFor([people.m.id, people.a.id, people.b.id]);
		// Won a4 and b2 of a3, a4, b2 closed in P; a5 lost in Q.
		expect(team.kpis.win_rate).toEqual([2, 3, 0, 1]);
		// Sent in P: qa1, qa2 (late), qb1; in Q: qa5.
		expect(team.kpis.quote_on_time).toEqual([2, 3, 1, 1]);
		// Open: a1 (lead, 20 %), a2 (proposal), b1 (negotiation).
		expect(team.pipeline.map((s) => s.count)).toEqual([1, 0, 1, 1]);
		expect(team.pipeline[0]).toEqual({ stage: 'lead', count: 1, amount: 100000, weighted: 20000 });
		// Approved in P: qa1 0 %, qa2 4 %, qa3 10 %, qb1 5 %, every one two of the same product.
		const [off, list] = team.kpis.average_discount;
		expect(list).toBeCloseTo(product.list_price * 8, 2);
		expect(off! / list!).toBeCloseTo(0.0475, 4);
		// Due in P: a's 60,000 paid and 40,000 with 10,000 paid, b's 80,000 paid (a's cancelled order counts nowhere).
		expect(team.kpis.payment_collection!.slice(0, 2)).toEqual([150000, 180000]);
		// Last due in P: oa1 (not paid in full) and ob1 (paid).
		expect(team.kpis.contract_settlement!.slice(0, 2)).toEqual([1, 2]);
		// Open and past due: 15,000 ten days, 10,000 45 days, 1,000 70 days, 20,000 100 days; not yet due: 9,000 in five
		// days and 30,000 of P's (the cancelled order's counts nowhere).
		expect(team.receivables).toEqual({
			aging: [
				{ bucket: 'd0_30', amount: 15000 },
				{ bucket: 'd31_60', amount: 10000 },
				{ bucket: 'd61_90', amount: 1000 },
				{ bucket: 'over_90', amount: 20000 },
			],
			not_due: 39000,
		});
	});

	it('shows a rep their own', async () => {
		const { data } = await expectSummary(people.a.client, '', [people.a.id]);
		expect(data).toMatchObject({ scope: 'rep', id: people.a.id });
		expect(data.kpis.find((k: any) => k.key === 'win_rate')).toMatchObject({ value: 0.5, light: 'green' });
	});

	it('shows a manager the team and each rep', async () => {
		const { data } = await expectSummary(people.m.client, `scope=team&id=${people.m.id}`, [
			people.m.id,
			people.a.id,
			people.b.id,
		]);
		expect(data.kpis.find((k: any) => k.key === 'quote_on_time')).toMatchObject({ light: 'red', trend: 'worse' });
		await expectSummary(people.m.client, `scope=rep&id=${people.b.id}`, [people.b.id]);
	});

	it('shows a General Manager any team and rep', async () => {
		const gm = await Client.login(target.url, 'gm@example.com');
		await expectSummary(gm, `scope=team&id=${people.m.id}`, [people.m.id, people.a.id, people.b.id]);
		await expectSummary(gm, `scope=team&id=${people.n.id}`, [people.n.id, people.c.id]);
		await expectSummary(gm, `scope=rep&id=${people.c.id}`, [people.c.id]);
	});

	it('follows a write at once: a new opportunity moves the pipeline, a loss the win rate, a payment the aging', async () => {
		const before = await expectSummary(people.b.client, '', [people.b.id]);
		const b3 = await opportunity('b', 120000, 35);
		opportunityIds.push(b3);
		const after = await expectSummary(people.b.client, '', [people.b.id]);
		expect(after.expected.pipeline[0]!.amount - before.expected.pipeline[0]!.amount).toBe(120000);
		await lose('b', b3, noon(P, 28));
		const lost = await expectSummary(people.b.client, '', [people.b.id]);
		expect(lost.expected.kpis.win_rate!.slice(0, 2)).toEqual([1, 2]);

		// A's schedule ten days late paid in full (as a payment leaves it): off the 0–30 days bucket.
		const recent = (await rows('payment_schedules', scheduleIds)).find(
			(x) => x.due_date === addDays(today(), -10) && Number(x.amount) === 20000,
		);
		await setColumns(target, 'payment_schedules', recent.id, { paid_amount: 20000, status: 'paid' });
		const paid = await expectSummary(people.a.client, '', [people.a.id]);
		expect(paid.expected.receivables.aging[0]).toEqual({ bucket: 'd0_30', amount: 0 });
	});

	it('shows nobody another team’s pipeline', async () => {
		for (const [who, query] of [
			['a', `scope=team&id=${people.n.id}`],
			['a', `scope=rep&id=${people.c.id}`],
			['a', `scope=rep&id=${people.b.id}`],
			['c', `scope=team&id=${people.m.id}`],
			['m', `scope=team&id=${people.n.id}`],
			['m', `scope=rep&id=${people.c.id}`],
			['n', `scope=rep&id=${people.a.id}`],
		] as const)
			refusedWith(await people[who].client.get(`/visit-kpi/summary?period=${P}&${query}`), 403, 'kpi_forbidden');
		// C's own pipeline holds C's opportunity only.
		const { data } = await expectSummary(people.c.client, '', [people.c.id]);
		expect(data.pipeline.stages.map((s: any) => s.count)).toEqual([0, 1, 0, 0]);
		expect(data.receivables.aging.map((a: any) => a.amount)).toEqual([70000, 0, 0, 0]);
	});
});
