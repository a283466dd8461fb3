/**
 * Opportunities and quotes (商机 · 报价单), walked as each role on every database: the values
 * the server derives, discount approval by the rules (the rep's authority, the manager, a
 * General Manager under the floor price), nobody approving their own or another team's, quotes
 * locked once approved, sending late, the expiry sweep, hand edits of flow-owned fields on
 * every write path, and eight simultaneous approvals of one quote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { Client, targets } from './client.ts';
import { backdate, closeDatabases, dateValue, overlapping, setColumns } from './db.ts';
import { refusedWith } from './expect.ts';
import { importRows, ok, transitions } from './sales.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('quotes.test.ts');
const REQUESTED = `${YEAR}-03-02T02:00:00.000Z`;
const VALID_UNTIL = `${YEAR}-12-31`;

describe.each(targets)('opportunities and quotes on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	let users: Record<string, string>;
	let customer: number;
	let othersCustomer: number;
	let product: { id: number; list_price: number; floor_price: number };
	let retired: number;

	/** A quote of rep1's (or rep2's) with one line of `quantity` at `discount` percent off the list price. */
	const quote = async (discount: number, quantity = 2, who = 'rep1') =>
		ok(
			await as[who]!.post('/items/quotes', {
				customer: who === 'rep2' ? othersCustomer : customer,
				requested_at: REQUESTED,
				valid_until: VALID_UNTIL,
				lines: [{ product: product.id, quantity, unit_price: (product.list_price * (100 - discount)) / 100 }],
			}),
			`quote at ${discount}% off`,
		);
	const read = (id: number) => admin.data(`/items/quotes/${id}`);
	const log = (collection: string, id: number) => transitions(admin, collection, id);
	const act = (who: string, id: number, action: string, body: object = {}) =>
		as[who]!.post(`/visit-flow/quotes/${id}/${action}`, body);

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'rep2', 'manager1', 'manager2', 'gm', 'finance', 'legal'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		const customerOf = async (rep: string) =>
			(
				await admin.data(
					`/items/customers?filter[owner][_eq]=${users[rep]}&filter[status][_eq]=active&limit=1&fields=id`,
				)
			)[0].id;
		customer = await customerOf('rep1');
		othersCustomer = await customerOf('rep2');
		const products: any[] = await admin.data('/items/products?limit=-1&sort=id');
		const p = products.find((x) => x.active && Number(x.list_price) >= 10_000)!;
		product = { id: p.id, list_price: Number(p.list_price), floor_price: Number(p.floor_price) };
		retired = products.find((x) => !x.active).id;
		// The demo's rules: up to 5 % the rep, up to 15 % the manager, beyond a General Manager; the floor is 22 % off.
		expect(
			(await admin.data('/items/discount_rules?filter[active][_eq]=true&sort=max_discount_rate')).map((r: any) => [
				Number(r.max_discount_rate),
				r.approver_position,
			]),
		).toEqual([
			[5, 'none'],
			[15, 'manager'],
			[100, 'general_manager'],
		]);
		expect(product.floor_price / product.list_price).toBeLessThan(0.8);
	});
	afterAll(closeDatabases);

	it('moves an opportunity forward only, and loses it only with a reason and an analysis', async () => {
		const created = ok(
			await as.rep1!.post('/items/opportunities', { name: `空压站改造 ${YEAR}`, customer, amount: 300000 }),
			'opportunity',
		);
		expect(created).toMatchObject({ stage: 'lead', probability: 10, owner: users.rep1 });
		const id = created.id as number;
		const advance = (stage: unknown, who = 'rep1') =>
			as[who]!.post(`/visit-flow/opportunities/${id}/advance`, { stage });

		refusedWith(await admin.patch(`/items/opportunities/${id}`, { stage: 'proposal' }), 403, 'hand_edit');
		refusedWith(await advance('proposal', 'rep2'), 404, 'not_found');
		const moved = ok(await advance('proposal'), 'advance');
		expect(moved).toMatchObject({ stage: 'proposal', probability: 50, stage_changed_at: expect.any(String) });
		refusedWith(await advance('qualified'), 409, 'stage_backward');
		refusedWith(await advance('won'), 409, 'won_by_contract');
		refusedWith(await advance('nowhere'), 422, 'stage_invalid');

		const lose = (body: object) => as.rep1!.post(`/visit-flow/opportunities/${id}/lose`, body);
		refusedWith(await lose({ comment: '客户最终选择了竞争对手的方案' }), 422, 'lost_reason_required');
		refusedWith(await lose({ lost_reason: 'price', comment: '太贵' }), 422, 'lost_analysis_required');
		expect((await admin.data(`/items/opportunities/${id}`)).stage).toBe('proposal');
		const lost = ok(await lose({ lost_reason: 'competitor', comment: '客户最终选择了竞争对手的低价方案' }), 'lose');
		expect(lost).toMatchObject({
			stage: 'lost',
			probability: 0,
			lost_reason: 'competitor',
			lost_analysis: '客户最终选择了竞争对手的低价方案',
			closed_at: expect.any(String),
		});
		refusedWith(await advance('negotiation'), 409, 'opportunity_closed');
		expect(await log('opportunities', id)).toEqual(['lead→proposal', 'proposal→lost']);
	});

	it('derives line values, totals, the number and the deadline on the server', async () => {
		const settings = await admin.data('/items/visit_settings');
		const q = await quote(10, 3);
		expect(q.quote_no).toMatch(/^QT\d{6}-\d{4,}$/);
		expect(q.status).toBe('draft');
		// Derived in the write itself: the answer already carries the totals and the deadline.
		expect(Date.parse(q.due_at)).toBe(Date.parse(REQUESTED) + settings.quote_response_hours * 3_600_000);
		expect(Number(q.net_total)).toBeCloseTo(product.list_price * 0.9 * 3, 2);
		const [line] = await admin.data(`/items/quote_lines?filter[quote][_eq]=${q.id}`);
		expect(Number(line.list_price)).toBe(product.list_price);
		expect(Number(line.discount_rate)).toBe(10);
		expect(Number(line.net_amount)).toBeCloseTo(product.list_price * 0.9 * 3, 2);
		const totals = await read(q.id);
		expect(Date.parse(totals.due_at)).toBe(Date.parse(REQUESTED) + settings.quote_response_hours * 3_600_000);
		expect(Number(totals.list_total)).toBeCloseTo(product.list_price * 3, 2);
		expect(Number(totals.net_total)).toBeCloseTo(product.list_price * 0.9 * 3, 2);
		expect(Number(totals.max_discount_rate)).toBe(10);
		expect(totals.below_floor).toBe(false);

		// A second line under the floor: the totals follow, and the quote now needs a General Manager.
		ok(
			await as.rep1!.post('/items/quote_lines', {
				quote: q.id,
				product: product.id,
				quantity: 1,
				unit_price: product.floor_price - 10,
			}),
			'line under the floor',
		);
		expect(await read(q.id)).toMatchObject({ below_floor: true });

		refusedWith(
			await as.rep1!.post('/items/quote_lines', { quote: q.id, product: retired, quantity: 1, unit_price: 100 }),
			409,
			'product_inactive',
		);
		refusedWith(
			await as.rep1!.post('/items/quote_lines', {
				quote: q.id,
				product: product.id,
				quantity: 1,
				unit_price: 100,
				list_price: 1,
			}),
			403,
			'hand_create',
		);
		refusedWith(
			await as.rep1!.post('/items/quotes', { customer: othersCustomer, requested_at: REQUESTED }),
			403,
			'relation_hidden',
		);
		const theirs = await quote(0, 1, 'rep2');
		refusedWith(
			await as.rep1!.post('/items/quote_lines', { quote: theirs.id, product: product.id, quantity: 1, unit_price: 1 }),
			403,
			'relation_hidden',
		);
		expect((await as.legal!.get(`/items/quotes/${q.id}`)).status).toBe(403);
		expect((await as.finance!.data(`/items/quotes/${q.id}`)).id).toBe(q.id);
	});

	it('derives lines and totals in the write itself on every path, and a refused write leaves them as they were', async () => {
		const price = (discount: number) => (product.list_price * (100 - discount)) / 100;
		const lines = async (id: number): Promise<any[]> =>
			admin.data(`/items/quote_lines?filter[quote][_eq]=${id}&sort=id&limit=-1`);
		/** Read right after the write: the lines as [quantity, discount %], each derived, and the quote's totals from them. */
		const derived = async (id: number, expected: [number, number][]) => {
			const stored = await lines(id);
			expect(
				stored.map((l) => [Number(l.quantity), Number(l.discount_rate)]),
				'lines as [quantity, discount]',
			).toEqual(expected);
			for (const [i, [quantity, discount]] of expected.entries()) {
				expect(Number(stored[i].list_price)).toBe(product.list_price);
				expect(Number(stored[i].net_amount)).toBeCloseTo(price(discount) * quantity, 2);
			}
			const totals = await read(id);
			expect(Number(totals.list_total)).toBeCloseTo(sum(expected.map(([n]) => product.list_price * n)), 2);
			expect(Number(totals.net_total)).toBeCloseTo(sum(expected.map(([n, d]) => price(d) * n)), 2);
			expect(Number(totals.max_discount_rate)).toBe(Math.max(0, ...expected.map(([, d]) => d)));
			expect(totals.below_floor).toBe(expected.some(([, d]) => price(d) < product.floor_price));
			return { lines: stored, totals };
		};
		const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

		// The quote form: a quote with its lines in one POST.
		const created = ok(
			await as.rep1!.post('/items/quotes', {
				customer,
				requested_at: REQUESTED,
				lines: [
					{ product: product.id, quantity: 2, unit_price: price(10) },
					{ product: product.id, quantity: 1, unit_price: price(5) },
				],
			}),
			'quote with lines',
		);
		expect(Number(created.net_total)).toBeCloseTo(price(10) * 2 + price(5), 2);
		const id = created.id as number;
		const [a, b] = (
			await derived(id, [
				[2, 10],
				[1, 5],
			])
		).lines.map((l) => l.id as number);

		ok(await as.rep1!.patch(`/items/quote_lines/${a}`, { quantity: 4 }), 'PATCH');
		await derived(id, [
			[4, 10],
			[1, 5],
		]);
		ok(await as.rep1!.patch('/items/quote_lines', { keys: [a, b], data: { quantity: 3 } }), 'PATCH of two keys');
		await derived(id, [
			[3, 10],
			[3, 5],
		]);
		ok(
			await as.rep1!.patch('/items/quote_lines', [
				{ id: a, unit_price: price(20) },
				{ id: b, quantity: 2 },
			]),
			'batch PATCH',
		);
		await derived(id, [
			[3, 20],
			[2, 5],
		]);
		const gql = await as.rep1!.graphql(
			`mutation { update_quote_lines_item(id: ${b}, data: { unit_price: ${price(12)} }) { id net_amount } }`,
		);
		expect(gql.body.errors, JSON.stringify(gql.body)).toBeUndefined();
		expect(Number(gql.body.data.update_quote_lines_item.net_amount)).toBeCloseTo(price(12) * 2, 2);
		await derived(id, [
			[3, 20],
			[2, 12],
		]);
		const imported = await importRows(as.rep1!, 'quote_lines', [
			{ quote: id, product: product.id, quantity: 1, unit_price: price(0) },
		]);
		expect(imported.status, JSON.stringify(imported.body)).toBeLessThan(300);
		const c = (
			await derived(id, [
				[3, 20],
				[2, 12],
				[1, 0],
			])
		).lines[2].id as number;

		// The quote form again: one PATCH creates, updates and deletes lines.
		ok(
			await as.rep1!.patch(`/items/quotes/${id}`, {
				lines: {
					create: [{ product: product.id, quantity: 5, unit_price: price(3) }],
					update: [{ id: a, quantity: 1 }],
					delete: [b],
				},
			}),
			'nested PATCH',
		);
		const { lines: afterForm } = await derived(id, [
			[1, 20],
			[1, 0],
			[5, 3],
		]);
		expect(afterForm.map((l) => l.id).slice(0, 2)).toEqual([a, c]);
		expect((await as.rep1!.delete(`/items/quote_lines/${a}`)).status).toBe(204);
		await derived(id, [
			[1, 0],
			[5, 3],
		]);

		// A later request date moves the deadline at once.
		const settings = await admin.data('/items/visit_settings');
		const later = `${YEAR}-03-05T08:00:00.000Z`;
		const moved = ok(await as.rep1!.patch(`/items/quotes/${id}`, { requested_at: later }), 'new request date');
		expect(Date.parse(moved.due_at)).toBe(Date.parse(later) + settings.quote_response_hours * 3_600_000);

		// Refused, by the flow or by Directus' permissions after the flow's checks: nothing moves.
		const before = { lines: await lines(id), totals: await read(id) };
		const [d, e] = before.lines.map((l) => l.id as number);
		refusedWith(
			await as.rep1!.patch('/items/quote_lines', [
				{ id: d, quantity: 7 },
				{ id: e, quantity: 0 },
			]),
			422,
			'quote_line_quantity',
		);
		// Directus creates a form's new lines before it updates the others: the new line was derived, then rolled back.
		refusedWith(
			await as.rep1!.patch(`/items/quotes/${id}`, {
				lines: {
					create: [{ product: product.id, quantity: 9, unit_price: price(1) }],
					update: [{ id: d, quantity: 0 }],
				},
			}),
			422,
			'quote_line_quantity',
		);
		// Finance reads every quote but deletes no line, and moves no line to another quote.
		expect((await as.finance!.delete(`/items/quote_lines/${d}`)).status).toBe(403);
		expect((await as.rep1!.patch(`/items/quote_lines/${d}`, { quote: created.id, quantity: 8 })).status).toBe(403);
		expect({ lines: await lines(id), totals: await read(id) }).toEqual(before);
	});

	it('keeps the activity tracking of quotes and their lines on, as their derivation runs there', async () => {
		for (const collection of ['quotes', 'quote_lines'])
			refusedWith(
				await admin.patch(`/collections/${collection}`, { meta: { accountability: null } }),
				409,
				'activity_tracking_required',
			);
		const meta = (await admin.data('/collections/quote_lines')).meta;
		expect(meta.accountability).toBe('all');
		// Other settings of the collection stay the Administrator's.
		expect((await admin.patch('/collections/quote_lines', { meta: { note: meta.note } })).status).toBe(200);
	});

	it('approves at once within the rep’s authority; beyond it, only the owner’s manager decides', async () => {
		const small = await quote(3);
		const approved = ok(await act('rep1', small.id, 'submit'), 'submit within authority');
		expect(approved).toMatchObject({ status: 'approved', decided_at: expect.any(String) });
		expect(await log('quotes', small.id)).toEqual(['draft→approved']);

		const big = await quote(10);
		const pending = ok(await act('rep1', big.id, 'submit'), 'submit');
		expect(pending).toMatchObject({ status: 'pending', max_discount_rate: expect.anything() });
		expect(Number(pending.max_discount_rate)).toBe(10);
		refusedWith(await act('rep1', big.id, 'approve'), 403, 'self_review');
		refusedWith(await act('manager2', big.id, 'approve'), 404, 'not_found');
		refusedWith(await act('gm', big.id, 'approve'), 403, 'not_approver');
		const decided = ok(await act('manager1', big.id, 'approve', { comment: '同意' }), 'approve');
		expect(decided).toMatchObject({ status: 'approved', approver: users.manager1, decision_comment: '同意' });
		expect(await log('quotes', big.id)).toEqual(['draft→pending', 'pending→approved']);

		const notices = async (recipient: string) =>
			(
				await admin.data(
					`/notifications?filter[collection][_eq]=quotes&filter[item][_eq]=${big.id}&filter[recipient][_eq]=${recipient}&limit=-1`,
				)
			).map((n: any) => n.subject);
		// Both in Chinese: the demo profiles' language.
		expect(await notices(users.manager1!)).toEqual([expect.stringContaining('待你审批')]);
		expect(await notices(users.rep1!)).toEqual([expect.stringContaining('报价单')]);

		// Approved: locked, lines too, for the owner and an Administrator alike.
		refusedWith(await as.rep1!.patch(`/items/quotes/${big.id}`, { valid_until: `${YEAR}-11-30` }), 409, 'quote_locked');
		refusedWith(await admin.patch(`/items/quotes/${big.id}`, { valid_until: `${YEAR}-11-30` }), 409, 'quote_locked');
		const [line] = await admin.data(`/items/quote_lines?filter[quote][_eq]=${big.id}`);
		refusedWith(await admin.patch(`/items/quote_lines/${line.id}`, { quantity: 5 }), 409, 'quote_locked');
		refusedWith(
			await admin.post('/items/quote_lines', { quote: big.id, product: product.id, quantity: 1, unit_price: 1 }),
			409,
			'quote_locked',
		);

		const rejected = await quote(12);
		ok(await act('rep1', rejected.id, 'submit'), 'submit');
		refusedWith(await act('manager1', rejected.id, 'reject'), 422, 'comment_required');
		expect(ok(await act('manager1', rejected.id, 'reject', { comment: '折扣过大' }), 'reject')).toMatchObject({
			status: 'rejected',
			decision_comment: '折扣过大',
		});
	});

	it('tells who will approve a draft before it is submitted, from the lines as saved', async () => {
		const notes = async (id: number) =>
			ok(await as.rep1!.get(`/visit-flow/actions/quotes/${id}`), 'actions').notes as { key: string; value: string }[];
		const q = await quote(3);
		expect(await notes(q.id)).toEqual([
			expect.objectContaining({ key: 'quote.approval', value: expect.stringContaining('无需审批') }),
		]);
		const [line] = await admin.data(`/items/quote_lines?filter[quote][_eq]=${q.id}`);
		ok(await as.rep1!.patch(`/items/quote_lines/${line.id}`, { unit_price: product.list_price * 0.9 }), '10 % off');
		const [before] = await notes(q.id);
		const pending = ok(await act('rep1', q.id, 'submit'), 'submit');
		expect(pending.status).toBe('pending');
		const after = ok(await as.rep1!.get(`/visit-flow/actions/quotes/${q.id}`), 'actions');
		// Named before submitting as it is waited on after: the rep's manager.
		expect(after.waiting_on).toMatchObject({ kind: 'user', id: users.manager1 });
		expect(before!.value).toBe(after.waiting_on.label);
		expect(after.notes).toEqual([]);
		expect(await notes((await quote(25)).id)).toEqual([expect.objectContaining({ value: '总经理' })]);
	});

	it('sends a price under the floor to a General Manager', async () => {
		const low = await quote(25);
		expect(await read(low.id)).toMatchObject({ below_floor: true });
		ok(await act('rep1', low.id, 'submit'), 'submit');
		refusedWith(await act('manager1', low.id, 'approve'), 403, 'not_approver');
		expect(ok(await act('gm', low.id, 'approve'), 'approve')).toMatchObject({ status: 'approved', approver: users.gm });
	});

	it('flags a late send, records acceptance, and expires a sent quote past its validity once', async () => {
		const onTime = await quote(0);
		ok(await act('rep1', onTime.id, 'submit'), 'submit');
		refusedWith(await act('manager1', onTime.id, 'send'), 403, 'not_owner');
		expect(ok(await act('rep1', onTime.id, 'send'), 'send')).toMatchObject({ status: 'sent', sent_late: false });
		expect(ok(await act('rep1', onTime.id, 'accept'), 'accept')).toMatchObject({ status: 'accepted' });

		const late = await quote(0);
		ok(await act('rep1', late.id, 'submit'), 'submit');
		await backdate(target, 'quotes', late.id, 'due_at', new Date(Date.now() - 3_600_000));
		expect(ok(await act('rep1', late.id, 'send'), 'send late')).toMatchObject({ status: 'sent', sent_late: true });

		const yesterday = addDays(zonedDate(new Date(), 'Asia/Shanghai'), -1);
		await setColumns(target, 'quotes', late.id, { valid_until: dateValue(target, yesterday) });
		const first = ok(await admin.post('/visit-flow/sweeps/run', {}), 'sweep');
		expect(first.expired_quotes).toBeGreaterThanOrEqual(1);
		expect(await read(late.id)).toMatchObject({ status: 'expired' });
		expect(await read(onTime.id)).toMatchObject({ status: 'accepted' });
		expect(await log('quotes', late.id)).toEqual(['draft→approved', 'approved→sent', 'sent→expired']);
		const again = ok(await admin.post('/visit-flow/sweeps/run', {}), 'sweep again');
		expect(again.expired_quotes).toBe(0);
		expect(await log('quotes', late.id)).toHaveLength(3);
	});

	it('refuses hand edits of flow-owned fields through items, batch, GraphQL and import', async () => {
		const q = await quote(10);
		const [line] = await admin.data(`/items/quote_lines?filter[quote][_eq]=${q.id}`);
		refusedWith(await admin.patch(`/items/quotes/${q.id}`, { status: 'approved' }), 403, 'hand_edit');
		refusedWith(await admin.patch(`/items/quotes/${q.id}`, { net_total: 1 }), 403, 'hand_edit');
		refusedWith(await admin.patch('/items/quotes', [{ id: q.id, approver: users.manager1 }]), 403, 'hand_edit');
		refusedWith(await admin.patch(`/items/quote_lines/${line.id}`, { discount_rate: 0 }), 403, 'hand_edit');
		refusedWith(await admin.patch('/items/quote_lines', [{ id: line.id, net_amount: 1 }]), 403, 'hand_edit');
		expect((await as.rep1!.patch(`/items/quotes/${q.id}`, { status: 'approved' })).status).toBe(403);
		refusedWith(
			await admin.post('/items/quotes', { customer, requested_at: REQUESTED, status: 'approved' }),
			403,
			'hand_create',
		);
		for (const mutation of [
			`mutation { update_quotes_item(id: ${q.id}, data: { status: "approved" }) { id status } }`,
			`mutation { update_quote_lines_item(id: ${line.id}, data: { net_amount: 1 }) { id } }`,
		]) {
			// An Administrator may write every field: only the guard refuses these.
			const gql = await admin.graphql(mutation);
			expect(gql.body.errors?.[0]?.message, JSON.stringify(gql.body)).toBeTruthy();
		}
		// An import upserts by id: an update and a create, each refused as on the items API.
		for (const [rows, reason] of [
			[[{ id: q.id, status: 'approved' }], 'hand_edit'],
			[[{ customer, requested_at: REQUESTED, status: 'approved' }], 'hand_create'],
		] as const) {
			refusedWith(await importRows(admin, 'quotes', rows), 403, reason);
		}
		expect(await read(q.id)).toMatchObject({ status: 'draft' });
		// A draft's own content stays the rep's: a new unit price is priced again.
		expect(Number((await admin.data(`/items/quote_lines/${line.id}`)).discount_rate)).toBe(10);
		ok(await as.rep1!.patch(`/items/quote_lines/${line.id}`, { unit_price: product.list_price * 0.95 }), 'reprice');
		expect(Number((await admin.data(`/items/quote_lines/${line.id}`)).discount_rate)).toBe(5);
		refusedWith(await as.rep1!.patch(`/items/quote_lines/${line.id}`, { quantity: 0 }), 422, 'quote_line_quantity');
	});

	it('lets one of eight simultaneous approvals of one quote win', async () => {
		const q = await quote(10);
		ok(await act('rep1', q.id, 'submit'), 'submit');
		const results = await overlapping(
			target,
			'quotes',
			q.id,
			Array.from({ length: 8 }, () => () => act('manager1', q.id, 'approve')),
		);
		const statuses = results.map((r) => r.status);
		expect(
			statuses.filter((s) => s === 200),
			JSON.stringify(results.map((r) => r.body)),
		).toHaveLength(1);
		for (const refused of results.filter((r) => r.status !== 200)) refusedWith(refused, 409, 'transition');
		expect(await log('quotes', q.id)).toEqual(['draft→pending', 'pending→approved']);
		expect(await read(q.id)).toMatchObject({ status: 'approved', approver: users.manager1 });
	});
});
