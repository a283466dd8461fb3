/**
 * Targets (目标分解), walked as each role on every database: a General Manager sets the company's
 * year, splits it to the teams, a manager splits the team's year to people and a person's year to
 * months (last year's signed sales as the default weights, equal without sales, explicit weights),
 * every split adding up to the parent to the cent as recomputed here; submit → approve by the level
 * above, never one's own; the person confirms; an approved target changes only as a new revision
 * approved again; every refusal, hand edits on every write path, who reads what, and the notices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, targets, type Response } from './client.ts';
import { closeDatabases, dateValue, insertRow } from './db.ts';
import { refusedWith } from './expect.ts';
import { YEARS } from './years.ts';

// The year before is the file's too: its orders are the default weights.
const [FIRST, LAST] = YEARS['targets.test.ts'];
const YEAR = FIRST + 1 + Math.floor(Math.random() * (LAST - FIRST));

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

const MONEY = ['sales_amount', 'quantity', 'collection_amount', 'expense_budget'];
const COUNTS = ['new_customers', 'visits', 'revisits', 'calls'];

/** Integer units of a field: cents for money and quantity. */
const unitsOf = (field: string, value: unknown): number | null =>
	value === null || value === undefined
		? null
		: MONEY.includes(field)
			? Math.round(Number(value) * 100)
			: Number(value);

/**
 * The split worked out here, with integers: each child but the last ⌊total × w / Σw⌋ (weights
 * scaled to whole numbers first), the last what is left.
 */
function expectedSplit(total: number, weights: number[]): number[] {
	const w = weights.map((x) => BigInt(Math.round(x * 1000)));
	const sum = w.reduce((a, b) => a + b, 0n);
	const parts = w.slice(0, -1).map((x) => Number((BigInt(total) * x) / sum));
	return [...parts, total - parts.reduce((a, b) => a + b, 0)];
}

/** The children's amounts are the parent's split by `weights`, in the children's order. */
function expectSplitOf(parent: any, children: any[], weights: number[]) {
	expect(children).toHaveLength(weights.length);
	for (const field of [...MONEY, ...COUNTS]) {
		const total = unitsOf(field, parent[field]);
		const got = children.map((c) => unitsOf(field, c[field]));
		if (total === null)
			expect(
				got.every((g) => g === null),
				field,
			).toBe(true);
		else {
			expect(got, field).toEqual(expectedSplit(total, weights));
			expect(
				got.reduce((a, b) => a! + b!, 0),
				field,
			).toBe(total);
		}
	}
}

describe.each(targets)('targets on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	let users: Record<string, string>;
	let company: any;
	let team1: any;
	const years: Record<string, any> = {};

	const act = (who: string, id: number, action: string, body: object = {}) =>
		as[who]!.post(`/visit-flow/targets/${id}/${action}`, body);
	const split = (who: string, body: object) => as[who]!.post('/visit-targets/split', body);
	const read = (id: number) => admin.data(`/items/sales_targets/${id}`);
	const log = async (id: number) =>
		(
			await admin.data(
				`/items/approval_log?filter[collection][_eq]=sales_targets&filter[item][_eq]=${id}&sort=id&limit=-1`,
			)
		).map((l: any) => `${l.from_status}→${l.to_status}`);
	/** Submitted by `setter`, approved by the General Manager. */
	const approve = async (id: number, setter = 'manager1') => {
		ok(await act(setter, id, 'submit'), 'submit');
		return ok(await act('gm', id, 'approve'), 'approve');
	};

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'rep2', 'rep3', 'rep4', 'manager1', 'manager2', 'gm', 'finance'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		const [customer] = await admin.data(`/items/customers?filter[owner][_eq]=${users.rep1}&limit=1&fields=id`);
		// rep1's signed sales last year: March, July and December (and a cancelled order in May, which does not count).
		let n = 0;
		for (const [month, amount, status] of [
			['03', 30000, 'signed'],
			['07', 10000, 'paid'],
			['12', 20000, 'delivered'],
			['05', 99999, 'cancelled'],
		] as const)
			await insertRow(target, 'sales_orders', {
				order_no: `TGT${target.name}${YEAR}${Date.now()}${n++}`,
				customer: customer.id,
				owner: users.rep1,
				signed_at: dateValue(target, `${YEAR - 1}-${month}-15`),
				amount,
				paid_amount: 0,
				status,
			});
	});
	afterAll(closeDatabases);

	it('a General Manager sets the company’s year and splits it to the teams', async () => {
		refusedWith(
			await as.gm!.post('/items/sales_targets', {
				period_type: 'year',
				period_start: `${YEAR}-01-01`,
				sales_amount: 1,
				status: 'draft',
			}),
			403,
			'hand_create',
		);
		expect((await as.manager1!.post('/items/sales_targets', { period_start: `${YEAR}-01-01` })).status).toBe(403);
		company = ok(
			await as.gm!.post('/items/sales_targets', {
				period_type: 'year',
				period_start: `${YEAR}-01-01`,
				sales_amount: 1234567.89,
				quantity: 1000.5,
				collection_amount: 1000000.01,
				new_customers: 31,
				visits: 1201,
				revisits: 99,
				calls: 7,
				expense_budget: 50000,
			}),
			'company year',
		);
		expect(company).toMatchObject({ status: 'approved', revision: 1, team: null, owner: null });

		// A manager does not see the company's target at all.
		refusedWith(await split('manager1', { parent: company.id, shares: { [users.manager1!]: 1 } }), 404, 'not_found');
		refusedWith(await split('gm', { parent: company.id, shares: { [users.rep1!]: 1 } }), 422, 'target_share_person');
		refusedWith(await split('gm', { parent: company.id, shares: {} }), 422, 'target_shares');
		refusedWith(await split('gm', { parent: company.id, shares: { nobody: 1 } }), 422, 'target_share_person');
		refusedWith(await split('gm', { parent: company.id, shares: { [users.manager1!]: -1 } }), 422, 'target_shares');
		refusedWith(
			await split('gm', { parent: company.id, shares: { [users.manager1!]: 1 }, weights: Array(12).fill(1) }),
			400,
			'target_split_both',
		);
		refusedWith(await split('gm', { parent: 'x' }), 400, 'bad_request');

		const shares = { [users.manager1!]: 3, [users.manager2!]: 1.7 };
		const teams = ok(await split('gm', { parent: company.id, shares }), 'split to teams');
		expectSplitOf(company, teams, [3, 1.7]);
		expect(teams.map((t: any) => [t.team, t.owner, t.period_type, t.status, t.parent])).toEqual([
			[users.manager1, null, 'year', 'draft', company.id],
			[users.manager2, null, 'year', 'draft', company.id],
		]);
		refusedWith(await split('gm', { parent: company.id, shares }), 409, 'target_split_twice');
		team1 = teams[0];
		// A draft is not broken down.
		refusedWith(
			await split('manager1', { parent: team1.id, shares: { [users.rep1!]: 1 } }),
			409,
			'target_split_unapproved',
		);
	});

	it('the team’s year goes up from its manager to the General Manager, never their own', async () => {
		// rep1 reads no team target; manager2 not another team's.
		refusedWith(await act('rep1', team1.id, 'submit'), 404, 'not_found');
		refusedWith(await act('manager2', team1.id, 'submit'), 404, 'not_found');
		refusedWith(await act('gm', team1.id, 'submit'), 403, 'target_not_setter');
		ok(await act('manager1', team1.id, 'submit'), 'submit');
		refusedWith(await act('manager1', team1.id, 'approve'), 403, 'self_approval');
		refusedWith(await act('gm', team1.id, 'reject'), 422, 'comment_required');
		expect(ok(await act('gm', team1.id, 'reject', { comment: '回款目标偏低，请调整' }), 'reject')).toMatchObject({
			status: 'draft',
			approver: users.gm,
		});
		ok(await act('manager1', team1.id, 'submit'), 'submit again');
		expect(ok(await act('gm', team1.id, 'approve'), 'approve')).toMatchObject({
			status: 'approved',
			approver: users.gm,
			submitted_by: users.manager1,
		});
		expect(await log(team1.id)).toEqual([
			'draft→submitted',
			'submitted→draft',
			'draft→submitted',
			'submitted→approved',
		]);
		// The manager confirms the team's target.
		refusedWith(await act('gm', team1.id, 'confirm'), 403, 'not_owner');
		expect(ok(await act('manager1', team1.id, 'confirm'), 'confirm').confirmed_at).toEqual(expect.any(String));
	});

	it('a manager splits the team’s year to the team’s people', async () => {
		refusedWith(
			await split('manager1', { parent: team1.id, shares: { [users.rep4!]: 1 } }),
			422,
			'target_share_person',
		);
		refusedWith(await split('manager2', { parent: team1.id, shares: { [users.rep1!]: 1 } }), 404, 'not_found');
		refusedWith(
			await split('manager1', { parent: team1.id, shares: { [users.rep1!]: 0 } }),
			422,
			'target_weights_zero',
		);
		const shares = { [users.rep1!]: 2, [users.rep2!]: 1, [users.rep3!]: 1 };
		const people = ok(await split('manager1', { parent: team1.id, shares }), 'split to people');
		expectSplitOf(await read(team1.id), people, [2, 1, 1]);
		for (const [i, rep] of ['rep1', 'rep2', 'rep3'].entries()) {
			expect(people[i]).toMatchObject({ owner: users[rep], team: null, period_type: 'year', status: 'draft' });
			years[rep] = people[i];
		}
		// The person does not submit their own target, nor split it.
		refusedWith(await act('rep1', years.rep1.id, 'submit'), 403, 'target_not_setter');
		for (const rep of ['rep1', 'rep2', 'rep3']) years[rep] = await approve(years[rep].id);
		refusedWith(await split('rep1', { parent: years.rep1.id }), 403, 'target_split_by');
		refusedWith(
			await split('manager1', { parent: years.rep1.id, shares: { [users.rep1!]: 1 } }),
			409,
			'target_split_person',
		);
	});

	it('splits a person’s year by months: last year’s sales, equal months, or the weights given', async () => {
		for (const weights of [Array(11).fill(1), [...Array(11).fill(1), -1], [...Array(11).fill(1), 'x'], 5])
			refusedWith(await split('manager1', { parent: years.rep2.id, weights }), 422, 'target_weights');
		refusedWith(
			await split('manager1', { parent: years.rep2.id, weights: Array(12).fill(0) }),
			422,
			'target_weights_zero',
		);

		// rep1: last year's signed orders, 300 / 100 / 200 (×100) in March, July, December.
		const last = Array(12).fill(0);
		last[2] = 3000000;
		last[6] = 1000000;
		last[11] = 2000000;
		const rep1 = ok(await split('manager1', { parent: years.rep1.id }), 'default weights');
		expectSplitOf(years.rep1, rep1, last);
		expect(rep1.map((m: any) => m.period_start.slice(0, 10))).toEqual(
			Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}-01`),
		);
		expect(rep1.every((m: any) => m.owner === users.rep1 && m.period_type === 'month' && m.status === 'draft')).toBe(
			true,
		);

		// rep3 sold nothing last year: equal months.
		expectSplitOf(years.rep3, ok(await split('manager1', { parent: years.rep3.id }), 'equal'), Array(12).fill(1));

		const weights = [8.5, 7, 9, 8, 8, 8.25, 6, 6, 9, 10, 11, 0];
		const rep2 = ok(await split('manager1', { parent: years.rep2.id, weights }), 'explicit weights');
		expectSplitOf(years.rep2, rep2, weights);
		years.rep1months = rep1;
		years.rep2months = rep2;
	});

	it('sends a month up only while the split’s months still add up to the year', async () => {
		const [january, february] = years.rep2months;
		const plus = (row: any, cents: number) => ((Math.round(Number(row.sales_amount) * 100) + cents) / 100).toFixed(2);
		// A draft edited by hand moves the sum off the parent's.
		ok(await as.gm!.patch(`/items/sales_targets/${january.id}`, { sales_amount: plus(january, 10000) }), 'raise');
		const res = await act('manager1', february.id, 'submit');
		refusedWith(res, 409, 'target_split_sum');
		expect(res.body.errors[0].message).toContain(Number(years.rep2.sales_amount).toFixed(2));
		const offered = async () =>
			(await as.manager1!.data(`/visit-flow/actions/sales_targets/${february.id}`)).actions.map((a: any) => a.key);
		expect(await offered()).not.toContain('target.submit');
		expect((await read(february.id)).status).toBe('draft');
		// Taken off another month, the months add up again.
		ok(await as.gm!.patch(`/items/sales_targets/${february.id}`, { sales_amount: plus(february, -10000) }), 'lower');
		expect(await offered()).toContain('target.submit');
		ok(await act('manager1', february.id, 'submit'), 'submit');
	});

	it('the person confirms an approved month; a change is a new revision approved again', async () => {
		const [january] = years.rep1months;
		refusedWith(await act('rep1', january.id, 'confirm'), 409, 'transition');
		refusedWith(await act('manager1', january.id, 'revise'), 409, 'transition');
		const approved = await approve(january.id);
		refusedWith(await act('rep2', january.id, 'confirm'), 404, 'not_found');
		refusedWith(await act('manager1', january.id, 'confirm'), 403, 'not_owner');
		const confirmed = ok(await act('rep1', january.id, 'confirm'), 'confirm');
		expect(confirmed).toMatchObject({ status: 'approved', confirmed_at: expect.any(String) });
		refusedWith(await act('rep1', january.id, 'confirm'), 409, 'target_confirmed');

		// Locked once approved: only a revision changes it.
		refusedWith(await as.gm!.patch(`/items/sales_targets/${january.id}`, { sales_amount: 1 }), 409, 'target_locked');
		refusedWith(await act('rep1', january.id, 'revise'), 403, 'target_not_setter');
		const revision = ok(await act('manager1', january.id, 'revise', { comment: '一月份新增重点客户' }), 'revise');
		expect(revision).toMatchObject({
			status: 'draft',
			revision: 2,
			previous: january.id,
			owner: users.rep1,
			period_start: approved.period_start,
			sales_amount: approved.sales_amount,
			confirmed_at: null,
		});
		refusedWith(await act('manager1', january.id, 'revise'), 409, 'target_revised');
		// The draft is the manager's to change (a General Manager writes targets by hand).
		ok(await as.gm!.patch(`/items/sales_targets/${revision.id}`, { sales_amount: 88888.88 }), 'edit the draft');
		expect(await read(january.id)).toMatchObject({ status: 'approved', superseded_by: null });
		// The KPIs measure January against the approved month only: not the year, not the draft revision.
		const targetOf = async () =>
			(await as.rep1!.data(`/visit-kpi/summary?period=${YEAR}-01`)).kpis.find((k: any) => k.key === 'sales_completion')
				.denominator;
		expect(Number(await targetOf())).toBeCloseTo(Number(approved.sales_amount), 2);
		await approve(revision.id);
		expect(Number(await targetOf())).toBeCloseTo(88888.88, 2);
		expect(await read(january.id)).toMatchObject({
			status: 'approved',
			sales_amount: approved.sales_amount,
			superseded_by: revision.id,
			confirmed_at: confirmed.confirmed_at,
		});
		expect(await log(revision.id)).toEqual(['approved→draft', 'draft→submitted', 'submitted→approved']);
		expect(await log(january.id)).toEqual(['draft→submitted', 'submitted→approved', 'approved→approved']);
		// The revision awaits the person's confirmation again.
		const offered = (await as.rep1!.data(`/visit-flow/actions/sales_targets/${revision.id}`)).actions.map(
			(a: any) => a.key,
		);
		expect(offered).toEqual(['target.confirm']);
	});

	it('tells the approver and the person, in their language', async () => {
		const [, february] = years.rep1months;
		await approve(february.id);
		const notices = async (who: string) =>
			(
				await admin.data(
					`/notifications?filter[recipient][_eq]=${users[who]}&filter[collection][_eq]=sales_targets&filter[item][_eq]=${february.id}&limit=-1`,
				)
			).map((n: any) => n.subject);
		expect(await notices('gm')).toEqual([expect.stringContaining('待你审批')]);
		expect(await notices('rep1')).toEqual([expect.stringContaining('已批准')]);
	});

	it('refuses hand edits of flow-owned fields through items, batch, GraphQL and import', async () => {
		const id = years.rep1months[2].id;
		for (const [who, body] of [
			['gm', { status: 'approved' }],
			['admin', { status: 'submitted' }],
			['admin', { confirmed_at: new Date().toISOString() }],
			['gm', { revision: 5 }],
		] as const)
			refusedWith(await (who === 'admin' ? admin : as.gm!).patch(`/items/sales_targets/${id}`, body), 403, 'hand_edit');
		refusedWith(await admin.patch('/items/sales_targets', [{ id, approver: users.gm }]), 403, 'hand_edit');
		refusedWith(
			await as.gm!.patch('/items/sales_targets', { keys: [id], data: { status: 'approved' } }),
			403,
			'hand_edit',
		);
		const gql = await admin.graphql(
			`mutation { update_sales_targets_item(id: ${id}, data: { status: "approved" }) { id } }`,
		);
		expect(gql.body.errors?.[0]?.message, JSON.stringify(gql.body)).toBeTruthy();
		for (const [rows, reason] of [
			[[{ id, status: 'approved' }], 'hand_edit'],
			[[{ owner: users.rep1, period_type: 'month', period_start: `${YEAR}-03-01`, status: 'draft' }], 'hand_create'],
		] as const) {
			const imported = await admin.upload(
				'/utils/import/sales_targets',
				new Blob([JSON.stringify(rows)], { type: 'application/json' }),
				'targets.json',
			);
			refusedWith(imported, 403, reason);
		}
		expect(await read(id)).toMatchObject({ status: 'draft', approver: null, revision: 1 });
		expect(await log(id)).toEqual([]);
	});

	it('lets a rep read their own targets, a manager the team’s, a General Manager and Finance all', async () => {
		const mine = (who: string) =>
			as[who]!.data(
				`/items/sales_targets?filter[period_start][_gte]=${YEAR}-01-01&filter[period_start][_lte]=${YEAR}-12-31&fields=id,owner,team&limit=-1`,
			);
		const rep1 = await mine('rep1');
		expect(rep1.length).toBeGreaterThan(12);
		expect(rep1.every((t: any) => t.owner === users.rep1)).toBe(true);
		const manager1 = await mine('manager1');
		expect(manager1.some((t: any) => t.team === users.manager1)).toBe(true);
		expect(manager1.some((t: any) => t.owner === users.rep2)).toBe(true);
		expect(
			manager1.every((t: any) => t.team === users.manager1 || [users.rep1, users.rep2, users.rep3].includes(t.owner)),
		).toBe(true);
		expect((await mine('manager2')).some((t: any) => t.team === users.manager1 || t.owner === users.rep1)).toBe(false);
		for (const who of ['gm', 'finance']) expect((await mine(who)).some((t: any) => t.id === company.id)).toBe(true);
		expect((await as.rep2!.get(`/items/sales_targets/${years.rep1.id}`)).status).toBe(403);
	});
});
