/**
 * 提成 (commission), on every database: fresh reps with orders and payments, a month generated
 * by an Administrator, each statement recomputed here from the raw payment rows and the rule's
 * tiers (worked out in this file, not by the extension's domain/commission.ts), a second run
 * that changes nothing, a late payment that updates a draft and leaves an approved statement
 * alone, approve (General Manager) → pay (Finance) through the one flow with its log and
 * notices, and every refusal: generating as anyone else or for a month not over, approving or
 * paying as the wrong person, hand edits through items, batch, GraphQL and import, bad tiers,
 * and a rep reading another rep's statement.
 *
 * Months: a statement is generated only for a month that has ended on the server's clock, and
 * the file's years (years.ts, 2095–2097) have not. So the money is dated in the same months one
 * century earlier (1995–1997), which no other file uses; the file's own years serve the
 * refusal of a month not over yet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { Client, targets, type Response } from './client.ts';
import { closeDatabases, execute, selectRows } from './db.ts';
import { refusedWith } from './expect.ts';
import { monthOf } from './years.ts';

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

/** A month of the file's range (not over yet), and the same month a century back (long over). */
const pick = () => monthOf('commission.test.ts', Math.floor(Math.random() * 36));
const centuryBefore = (month: string) => `${Number(month.slice(0, 4)) - 100}${month.slice(4)}`;

/** Tiers as a pay plan has them: 0–100,000 at 1 %, 100,000–500,000 at 2.5 %, above at 3 %. */
const TIERS = [
	{ from: 0, rate: 1 },
	{ from: 100000, rate: 2.5 },
	{ from: 500000, rate: 3 },
];

/** Yuan text → cents, read from the decimal text (never through a float). */
function cents(value: unknown): bigint {
	const [whole, fraction = ''] = String(value).split('.');
	return BigInt(whole!) * 100n + BigInt((fraction + '00').slice(0, 2));
}
const yuan = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;

/** The progressive commission, recomputed here: each band's part times its rate, rounded half up to the cent. */
function expectedCommission(basis: bigint, tiers: { from: number; rate: number }[]) {
	const lines = [];
	let total = 0n;
	for (const [i, tier] of tiers.entries()) {
		const from = BigInt(tier.from) * 100n;
		const next = tiers[i + 1] ? BigInt(tiers[i + 1]!.from) * 100n : null;
		if (basis <= from) break;
		const top = next === null || basis < next ? basis : next;
		const base = top - from;
		const rate = BigInt(Math.round(tier.rate * 100)); // hundredths of a percent
		const amount = (base * rate * 2n + 10_000n) / 20_000n;
		total += amount;
		lines.push({
			from: yuan(from),
			to: next === null ? null : yuan(next),
			base: yuan(base),
			rate: tier.rate,
			amount: yuan(amount),
		});
	}
	return { amount: yuan(total), lines };
}

describe.each(targets)('commission on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	let users: Record<string, string>;
	let zone = 'Asia/Shanghai';
	let rule: number;
	const fresh: { id: string; client: Client }[] = [];

	/** The company's calendar date of an instant. */
	const localDate = (iso: string) =>
		new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
			new Date(iso),
		);

	async function makeRep(tag: string, boss?: string) {
		const email = `commission-${tag}-${target.name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
		const created = ok(
			await admin.post('/users', {
				email,
				password: 'demo-password',
				role: roleByKey('sales_rep').roleId,
				position: 'rep',
				reports_to: boss ?? users.manager1,
				first_name: tag,
				last_name: '提成',
				language: 'zh-CN',
			}),
			'user',
		);
		const rep = { id: created.id as string, client: await Client.login(target.url, email) };
		fresh.push(rep);
		return rep;
	}

	let n = 0;
	async function orderFor(rep: { id: string; client: Client }, amount: number, signed_at: string) {
		const customer = ok(
			await admin.post('/items/customers', {
				name: `提成测试客户${target.name}${Date.now()}${n++}`,
				code: `CM${Date.now() % 1_000_000}${n}`.slice(0, 12),
				tier: 'B',
				category: 'ordinary',
				region_scope: 'local',
				owner: rep.id,
				status: 'active',
			}),
			'customer',
		).id;
		return ok(
			await rep.client.post('/items/sales_orders', {
				order_no: `CM-${target.name}-${Date.now()}-${n++}`,
				customer,
				signed_at,
				amount,
			}),
			'order',
		).id as number;
	}
	const pay = async (order: number, amount: string, received_at: string) =>
		ok(
			await as.finance!.post(`/visit-flow/orders/${order}/payments`, { amount, received_at, method: 'bank_transfer' }),
			'payment',
		);

	const generate = (who: Client, month: string) => who.post(`/visit-flow/commission/generate?month=${month}`, {});
	const statementsOf = async (month: string) =>
		admin.data(`/items/commission_statements?filter[month][_eq]=${month}-01&sort=id&limit=-1&fields=*`);
	const statementOf = async (person: string, month: string) =>
		(
			await admin.data(
				`/items/commission_statements?filter[person][_eq]=${person}&filter[month][_eq]=${month}-01&fields=*`,
			)
		)[0];
	const log = async (id: number) =>
		(
			await admin.data(
				`/items/approval_log?filter[collection][_eq]=commission_statements&filter[item][_eq]=${id}&sort=id&limit=-1`,
			)
		).map((l: any) => `${l.from_status}→${l.to_status}`);

	/** The rep's collected amount of the month, from the raw payment rows on their orders. */
	async function collectedOf(rep: string, month: string): Promise<bigint> {
		const payments: any[] = await admin.data(
			`/items/payments?filter[order][owner][_eq]=${rep}&limit=-1&fields=amount,received_at`,
		);
		return payments
			.filter((p) => localDate(p.received_at).startsWith(month))
			.reduce((sum, p) => sum + cents(p.amount), 0n);
	}

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'manager1', 'gm', 'finance'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		const settings = await admin.data('/items/visit_settings?fields=timezone');
		zone = (Array.isArray(settings) ? settings[0] : settings)?.timezone ?? zone;
		// The newest active rule of a position pays it: this one, for reps, while the file runs.
		rule = ok(
			await as.gm!.post('/items/commission_rules', { position: 'rep', basis: 'collected', tiers: TIERS }),
			'rule',
		).id;
	});
	afterAll(async () => {
		if (rule) await admin.patch(`/items/commission_rules/${rule}`, { active: false });
		await closeDatabases();
	});

	it('generates each rep’s month from the payments on their orders, progressive to the cent, and idempotently', async () => {
		const month = centuryBefore(pick());
		const [y, m] = month.split('-');
		const a = await makeRep('甲');
		const b = await makeRep('乙');
		const orderA = await orderFor(a, 900_000, `${y}-${m}-02`);
		const orderB = await orderFor(b, 50_000, `${y}-${m}-03`);
		// Inside the month: the first minutes of its first day in the company's zone (still the previous month in UTC).
		await pay(orderA, '120000.37', `${y}-${m}-01T00:10:00+08:00`);
		await pay(orderA, '430000.30', `${y}-${m}-15T10:00:00+08:00`);
		await pay(orderA, '0.01', `${y}-${m}-20T10:00:00+08:00`);
		await pay(orderB, '33333.33', `${y}-${m}-10T10:00:00+08:00`);
		// Outside it: the next month's first minute.
		const next = Number(m) === 12 ? `${Number(y) + 1}-01` : `${y}-${String(Number(m) + 1).padStart(2, '0')}`;
		await pay(orderA, '7777.77', `${next}-01T00:00:30+08:00`);

		const run = ok(await generate(admin, month), 'generate');
		// Two new drafts (a rerun of this file on the same database may also bring its earlier reps' drafts to this rule).
		expect(run).toMatchObject({ month });
		expect(run.created).toBeGreaterThanOrEqual(2);

		for (const rep of [a, b]) {
			const basis = await collectedOf(rep.id, month);
			const expected = expectedCommission(basis, TIERS);
			const statement = await statementOf(rep.id, month);
			expect(statement).toMatchObject({ status: 'draft', rule, approver: null });
			expect(cents(statement.basis_amount)).toBe(basis);
			expect(cents(statement.amount)).toBe(cents(expected.amount));
			expect(statement.lines).toEqual(expected.lines);
		}
		// 550,000.68: 100,000 × 1 % + 400,000 × 2.5 % + 50,000.68 × 3 % = 1,000 + 10,000 + 1,500.02.
		expect(cents((await statementOf(a.id, month)).amount)).toBe(12_500_02n);

		// Twice: no new row, no row rewritten.
		const before = await statementsOf(month);
		expect(ok(await generate(admin, month), 'again')).toMatchObject({ month, created: 0, updated: 0, decided: 0 });
		expect(await statementsOf(month)).toEqual(before);

		// A payment recorded late: the draft follows, the approved statement does not.
		const approvedId = (await statementOf(b.id, month)).id;
		ok(await as.gm!.post(`/visit-flow/commission-statements/${approvedId}/approve`, {}), 'approve');
		const approved = await statementOf(b.id, month);
		await pay(orderA, '1000.00', `${y}-${m}-28T10:00:00+08:00`);
		await pay(orderB, '1000.00', `${y}-${m}-28T10:00:00+08:00`);
		const late = ok(await generate(admin, month), 'after a late payment');
		expect(late).toMatchObject({ month, created: 0, updated: 1 });
		expect(late.decided).toBeGreaterThanOrEqual(1);
		const draft = await statementOf(a.id, month);
		expect(draft.id).toBe(before.find((s: any) => s.person === a.id).id);
		expect(cents(draft.basis_amount)).toBe(await collectedOf(a.id, month));
		expect(cents(draft.amount)).toBe(cents(expectedCommission(await collectedOf(a.id, month), TIERS).amount));
		expect(await statementOf(b.id, month)).toEqual(approved);
	});

	it('approves by a General Manager and pays by Finance, one log row and one notice each', async () => {
		const month = centuryBefore(pick());
		const rep = await makeRep('丙');
		const order = await orderFor(rep, 200_000, `${month}-05`);
		await pay(order, '150000.00', `${month}-06T10:00:00+08:00`);
		ok(await generate(admin, month), 'generate');
		const { id } = await statementOf(rep.id, month);
		const act = (who: Client, action: string) => who.post(`/visit-flow/commission-statements/${id}/${action}`, {});
		const offered = async (who: Client) =>
			ok(await who.get(`/visit-flow/actions/commission_statements/${id}`), 'actions')
				.actions.map((a: any) => a.key)
				.sort();

		expect(await offered(as.gm!)).toEqual(['commission_statement.approve']);
		expect(await offered(as.manager1!)).toEqual([]);
		expect(await offered(as.finance!)).toEqual([]);
		expect(await offered(rep.client)).toEqual([]);
		refusedWith(await act(as.manager1!, 'approve'), 403, 'not_approver');
		refusedWith(await act(as.finance!, 'approve'), 403, 'not_approver');
		refusedWith(await act(rep.client, 'approve'), 403, 'self_review');
		refusedWith(await act(as.finance!, 'pay'), 409, 'transition');

		expect(ok(await act(as.gm!, 'approve'), 'approve')).toMatchObject({
			status: 'approved',
			approver: users.gm,
			decided_at: expect.any(String),
		});
		refusedWith(await act(as.gm!, 'approve'), 409, 'transition');
		expect(await offered(as.finance!)).toEqual(['commission_statement.pay']);
		expect(await offered(as.gm!)).toEqual([]);
		refusedWith(await act(as.gm!, 'pay'), 403, 'not_approver');
		refusedWith(await act(as.manager1!, 'pay'), 403, 'not_approver');
		expect(ok(await act(as.finance!, 'pay'), 'pay')).toMatchObject({ status: 'paid', paid_at: expect.any(String) });
		refusedWith(await act(as.finance!, 'pay'), 409, 'transition');
		expect(await offered(as.finance!)).toEqual([]);

		expect(await log(id)).toEqual(['draft→approved', 'approved→paid']);
		// The rep reads Chinese: both notices in zh-CN.
		const notices: any[] = await admin.data(
			`/notifications?filter[collection][_eq]=commission_statements&filter[item][_eq]=${id}&filter[recipient][_eq]=${rep.id}&sort=id&limit=-1`,
		);
		expect(notices.map((x) => x.subject)).toEqual([
			expect.stringMatching(/^你的提成单 #\d+ 已批准/),
			expect.stringMatching(/^你的提成单 #\d+ 已发放/),
		]);
		// Paid is closed: a new run leaves it.
		expect(ok(await generate(admin, month), 'again')).toMatchObject({ created: 0, updated: 0 });
	});

	it('refuses generating as anyone else, for a month not over, and a month that is not one', async () => {
		const month = pick();
		for (const who of ['gm', 'finance', 'manager1', 'rep1'])
			refusedWith(await generate(as[who]!, centuryBefore(month)), 403, 'admin_only');
		refusedWith(await generate(admin, month), 422, 'commission_month');
		for (const bad of ['x', '1995-13', '1995-3', '']) refusedWith(await generate(admin, bad), 422, 'commission_month');
		const zh = await new Client(target.url, null, 'zh-CN').post(`/visit-flow/commission/generate?month=${month}`, {});
		expect(zh.status).toBeGreaterThanOrEqual(400);
		expect(zh.status).toBeLessThan(500);
		expect(await statementsOf(month)).toEqual([]);
	});

	it('refuses bad tiers and lets only a General Manager or an Administrator write rules', async () => {
		for (const tiers of [
			[],
			[{ from: 10, rate: 1 }],
			[
				{ from: 0, rate: 1 },
				{ from: 0, rate: 2 },
			],
			[{ from: 0, rate: 101 }],
			[{ from: 0, rate: -1 }],
			{ from: 0, rate: 1 },
		])
			refusedWith(
				await as.gm!.post('/items/commission_rules', { position: 'manager', basis: 'signed', tiers }),
				400,
				'commission_tiers',
			);
		refusedWith(
			await admin.patch(`/items/commission_rules/${rule}`, { tiers: [{ from: 5, rate: 1 }] }),
			400,
			'commission_tiers',
		);
		expect(
			(await as.rep1!.post('/items/commission_rules', { position: 'rep', basis: 'signed', tiers: TIERS })).status,
		).toBe(403);
		expect((await as.finance!.patch(`/items/commission_rules/${rule}`, { active: false })).status).toBe(403);
		expect((await admin.data(`/items/commission_rules/${rule}`)).tiers).toEqual(TIERS);
	});

	it('refuses hand edits of flow-owned fields through items, batch, GraphQL and import, and hand-made statements', async () => {
		const month = centuryBefore(pick());
		const rep = await makeRep('丁');
		await pay(await orderFor(rep, 10_000, `${month}-02`), '5000.00', `${month}-03T10:00:00+08:00`);
		ok(await generate(admin, month), 'generate');
		const statement = await statementOf(rep.id, month);
		const id = statement.id;
		refusedWith(await admin.patch(`/items/commission_statements/${id}`, { status: 'approved' }), 403, 'hand_edit');
		refusedWith(await admin.patch(`/items/commission_statements/${id}`, { amount: 1 }), 403, 'hand_edit');
		refusedWith(await admin.patch('/items/commission_statements', [{ id, lines: [] }]), 403, 'hand_edit');
		refusedWith(
			await admin.patch('/items/commission_statements', { keys: [id], data: { approver: users.gm } }),
			403,
			'hand_edit',
		);
		expect((await as.gm!.patch(`/items/commission_statements/${id}`, { basis_amount: 1 })).status).toBe(403);
		refusedWith(
			await admin.post('/items/commission_statements', { person: rep.id, month: `${month}-01`, amount: 10 }),
			403,
			'commission_by_generate',
		);
		const gql = await admin.graphql(
			`mutation { update_commission_statements_item(id: ${id}, data: { amount: 1 }) { id } }`,
		);
		expect(gql.body.errors?.[0]?.message, JSON.stringify(gql.body)).toBeTruthy();
		for (const [rows, reason] of [
			[[{ id, status: 'paid' }], 'hand_edit'],
			[[{ person: rep.id, month: `${month}-01`, amount: 5 }], 'commission_by_generate'],
		] as const) {
			const imported = await admin.upload(
				'/utils/import/commission_statements',
				new Blob([JSON.stringify(rows)], { type: 'application/json' }),
				'commission_statements.json',
			);
			refusedWith(imported, 403, reason);
		}
		expect(await statementOf(rep.id, month)).toEqual(statement);
		expect(await log(id)).toEqual([]);
	});

	it('lets a rep read only their own statements, a manager the team’s, a General Manager and Finance all', async () => {
		const month = centuryBefore(pick());
		const a = await makeRep('戊');
		const b = await makeRep('己');
		for (const rep of [a, b])
			await pay(await orderFor(rep, 10_000, `${month}-02`), '2000.00', `${month}-03T10:00:00+08:00`);
		ok(await generate(admin, month), 'generate');
		const mine = await statementOf(a.id, month);
		const theirs = await statementOf(b.id, month);
		expect((await a.client.get(`/items/commission_statements/${theirs.id}`)).status).toBe(403);
		expect(ok(await a.client.get(`/items/commission_statements/${mine.id}`), 'own').id).toBe(mine.id);
		const listed: any[] = ok(
			await a.client.get(`/items/commission_statements?filter[month][_eq]=${month}-01&limit=-1&fields=person`),
			'list',
		);
		expect(listed.map((s) => s.person)).toEqual([a.id]);
		// Not in rep1's reach, nor on rep1's actions.
		expect((await as.rep1!.get(`/items/commission_statements/${mine.id}`)).status).toBe(403);
		refusedWith(await as.rep1!.post(`/visit-flow/commission-statements/${mine.id}/approve`, {}), 404, 'not_found');
		for (const who of ['manager1', 'gm', 'finance'])
			expect(ok(await as[who]!.get(`/items/commission_statements/${theirs.id}`), who).id).toBe(theirs.id);
	});

	it('names the month’s sales champion among the people the caller sees, all of a tie, none for a quarter', async () => {
		const month = pick();
		const email = `commission-boss-${target.name}-${Date.now()}@example.com`;
		const boss = ok(
			await admin.post('/users', {
				email,
				password: 'demo-password',
				role: roleByKey('sales_manager').roleId,
				position: 'manager',
				reports_to: users.gm,
				first_name: '冠军',
				last_name: '经理',
			}),
			'manager',
		).id as string;
		const a = await makeRep('庚', boss);
		const b = await makeRep('辛', boss);
		await orderFor(a, 300_000, `${month}-05`);
		await orderFor(b, 120_000, `${month}-06`);
		await orderFor(b, 180_000, `${month}-20`);
		const champions = async (period: string) =>
			ok(await admin.get(`/visit-kpi/summary?period=${period}&scope=team&id=${boss}&by=owner`), 'summary').champions;
		// 300,000 each: both are champions, in name order.
		expect(await champions(month)).toEqual([
			{ owner: a.id, name: expect.stringContaining('庚'), signed: 300_000 },
			{ owner: b.id, name: expect.stringContaining('辛'), signed: 300_000 },
		]);
		await orderFor(a, 0.01, `${month}-28`);
		expect(await champions(month)).toEqual([{ owner: a.id, name: expect.stringContaining('庚'), signed: 300_000.01 }]);
		// A quarter has no monthly champion; a month nobody signed has none.
		expect(await champions(`${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`)).toEqual([]);
		const other = Number(month.slice(5)) === 1 ? `${month.slice(0, 4)}-02` : `${month.slice(0, 4)}-01`;
		expect(await champions(other)).toEqual([]);
		// A rep sees only themself: the champion of their own list.
		expect(ok(await b.client.get(`/visit-kpi/summary?period=${month}&by=owner`), 'own summary').champions).toEqual([
			{ owner: b.id, name: expect.stringContaining('辛'), signed: 300_000 },
		]);
	});

	it('the sweep generates the month just ended once, as the endpoint would', async () => {
		// The month just ended on the company's calendar, worked out here.
		const today = localDate(new Date().toISOString());
		const [y, m] = today.split('-').map(Number) as [number, number];
		const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
		const rep = await makeRep('壬');
		await pay(await orderFor(rep, 80_000, `${last}-10`), '64000.00', `${last}-12T10:00:00+08:00`);
		// Lost stamp: the next sweep settles the month again.
		await execute(target, "UPDATE sweep_marks SET stamp = NULL WHERE id = 'commission'");
		const sweep = async () => ok(await admin.post('/visit-flow/sweeps/run', {}), 'sweep');
		const first = await sweep();
		expect(first.failed).toEqual([]);
		expect(first.commission_statements).toBeGreaterThanOrEqual(1);
		expect((await selectRows(target, 'sweep_marks', { id: 'commission' }))[0]?.stamp).toBe(`${last}-01`);
		const statement = await statementOf(rep.id, last);
		expect(statement).toMatchObject({ status: 'draft', rule });
		expect(cents(statement.amount)).toBe(cents(expectedCommission(await collectedOf(rep.id, last), TIERS).amount));
		// Once a month: the next sweeps read nothing, and the endpoint finds the month as it would make it.
		expect((await sweep()).commission_statements).toBe(0);
		expect(ok(await generate(admin, last), 'generate')).toMatchObject({ created: 0, updated: 0 });
		expect(await statementOf(rep.id, last)).toEqual(statement);
	});
});
