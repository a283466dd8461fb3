/**
 * The relation-ownership matrix (issue 12): for each role, each relation it may write on a
 * create or an update (the cells come from the roles' permissions in access/policies.ts and the
 * relations in domain/ownership.ts, so a new relation adds a cell), a write that points at a row
 * the role may not use is refused with a 4xx and changes nothing. Before each refusal the same
 * write with a row the role may use succeeds, so the matrix cannot pass by refusing everything.
 * Then the attacks of the issue by name, on REST, batch, GraphQL, imports and nested writes,
 * and the plan item and check-in holes of point 3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type RoleDefinition, type RoleKey } from '../../extensions/sales-visits/src/access/policies.ts';
import {
	relationsOf,
	roleScopes,
	withinScope,
	type Relation,
} from '../../extensions/sales-visits/src/domain/ownership.ts';
import { INTEGRATOR_TOKEN } from '../../seeds/demo.ts';
import { Client, targets, type Response } from './client.ts';
import { closeDatabases, insertRow, setColumns } from './db.ts';
import { eventually, refusedWith } from './expect.ts';

/** Who plays each role. */
const logins: Record<RoleKey, string> = {
	sales_rep: 'rep1',
	sales_manager: 'manager1',
	general_manager: 'gm',
	customer_service: 'service',
	sales_assistant: 'assistant',
	finance: 'finance',
	legal: 'legal',
	integrator: 'integrator',
};

interface Cell {
	role: RoleKey;
	action: 'create' | 'update';
	relation: Relation;
}

/** Every relation each role may write, per action, as its permissions list the fields. */
const cells: Cell[] = roles.flatMap((role: RoleDefinition) =>
	role.permissions
		.filter((p): p is typeof p & { action: 'create' | 'update' } => p.action === 'create' || p.action === 'update')
		.flatMap((p) =>
			relationsOf(p.collection)
				.filter((r) => p.fields.includes('*') || p.fields.includes(r.field))
				.map((relation) => ({ role: role.key, action: p.action, relation })),
		),
);

/** Visit reports are written only by POST /visit-flow/visits/:id/report: no create of one can succeed. */
const FLOW_ONLY = new Set(['visit_reports']);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
let serial = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++serial}`;
const is4xx = (res: Response) => res.status >= 400 && res.status < 500;

describe.each(targets)('relation ownership on $name', (target) => {
	let admin: Client;
	let users: Record<string, string>;
	let people: { id: string; reports_to: string | null }[];
	const as: Record<string, Client> = {};
	/** Rows made for the test, removed afterwards (last first). */
	const made: [string, number][] = [];

	const count = async (collection: string) =>
		Number((await admin.data(`/items/${collection}?aggregate[count]=id`))[0].count.id);
	const row = async (collection: string, id: number) =>
		(await admin.data(`/items/${collection}/${id}`)) as Record<string, any>;
	const ids = async (client: Client, collection: string) =>
		new Set(
			(
				(await client.data(
					`${collection === 'directus_users' ? '/users' : `/items/${collection}`}?fields=id&limit=-1`,
				)) as { id: number }[]
			).map((r) => String(r.id)),
		);
	const create = async (client: Client, collection: string, body: Record<string, unknown>) => {
		const res = await client.post(`/items/${collection}`, body);
		expect(res.status, `${collection} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`).toBe(200);
		made.push([collection, res.body.data.id]);
		return res.body.data.id as number;
	};
	const customerBody = (extra: Record<string, unknown> = {}) => ({
		name: unique('归属测试客户'),
		code: unique('OWN'),
		tier: 'C',
		category: 'ordinary',
		region_scope: 'local',
		...extra,
	});
	const rep4Row = async (collection: string, filter: string) =>
		(await admin.data(`/items/${collection}?limit=1&sort=id&${filter}`))[0] as Record<string, any>;

	beforeAll(async () => {
		admin = await Client.admin(target);
		people = await admin.data('/users?fields=id,email,reports_to&limit=-1');
		users = Object.fromEntries((people as any[]).map((u) => [u.email.split('@')[0], u.id]));
		for (const login of Object.values(logins))
			if (login !== 'integrator') as[login] = await Client.login(target.url, `${login}@example.com`);
		// API only, with its static token; it reads every row and hands rows to anyone, so no cell of its can leak.
		as.integrator = new Client(target.url, INTEGRATOR_TOKEN);
		as.rep4 = await Client.login(target.url, 'rep4@example.com');
	});

	afterAll(async () => {
		const orders = made.filter(([c]) => c === 'sales_orders').map(([, id]) => id);
		if (orders.length > 0) {
			for (const r of await admin.data(
				`/items/revisits?filter[source_order][_in]=${orders.join(',')}&fields=id&limit=-1`,
			))
				await admin.delete(`/items/revisits/${r.id}`);
		}
		for (const [collection, id] of made.reverse()) await admin.delete(`/items/${collection}/${id}`);
		await closeDatabases();
	});

	/** A role's own rows to point at: a customer, a draft plan with an item, a scheduled visit, an opportunity, a draft quote. */
	async function own(role: RoleKey) {
		const client = as[logins[role]!]!;
		const me = users[logins[role]!]!;
		const customer = await create(admin, 'customers', customerBody({ owner: me }));
		const monday = new Date(Date.UTC(2031, 0, 6 + 7 * (++serial % 50))).toISOString().slice(0, 10);
		const plan = await create(client, 'visit_plans', { period_type: 'week', period_start: monday, period_end: monday });
		const planItem = await create(client, 'visit_plan_items', {
			plan,
			customer,
			planned_date: monday,
			purpose: 'relationship',
		});
		const visit = await create(client, 'visits', {
			customer,
			purpose: 'relationship',
			channel: 'phone',
			scheduled_start: `${day(3)}T02:00:00.000Z`,
		});
		const opportunity = await create(client, 'opportunities', { customer, name: unique('商机') });
		const quote = await create(client, 'quotes', { customer, opportunity, requested_at: `${day(0)}T02:00:00.000Z` });
		const [{ id: product, list_price: listPrice }] = await admin.data(
			'/items/products?filter[active][_eq]=true&sort=id&limit=1&fields=id,list_price',
		);
		// A contract is made from a sent quote: one at the list price is approved on submission, then sent.
		const sentQuote = await create(client, 'quotes', {
			customer,
			opportunity,
			requested_at: `${day(0)}T02:00:00.000Z`,
			lines: [{ product, quantity: 1, unit_price: listPrice }],
		});
		for (const step of ['submit', 'send'])
			expect((await client.post(`/visit-flow/quotes/${sentQuote}/${step}`, {})).status, `quote ${step}`).toBe(200);
		// An order to deliver, and a draft contract to draft payment terms for.
		const order = await create(client, 'sales_orders', {
			customer,
			order_no: unique('SO'),
			signed_at: day(0),
			amount: 1000,
		});
		const contract = await create(client, 'contracts', { quote: sentQuote, opportunity, customer, amount: 100 });
		// A requested reception of the role's own, for its escorts and gifts to point at.
		const reception = await create(client, 'receptions', { customer, planned_at: `${day(5)}T02:00:00.000Z` });
		return {
			me,
			customer,
			plan,
			planItem,
			visit,
			monday,
			opportunity,
			quote,
			product,
			sentQuote,
			order,
			contract,
			reception,
		};
	}

	/** A row of `collection` the role cannot read, or a person outside its scope; null when there is none. */
	async function forbidden(role: RoleKey, relation: Relation): Promise<string | number | null> {
		const me = users[logins[role]!]!;
		if (relation.kind === 'user') return people.find((p) => !withinScope(roleScopes[role], me, p))?.id ?? null;
		const key = `${role}|${relation.related}`;
		if (!hidden.has(key)) {
			const seen = await ids(as[logins[role]!]!, relation.related);
			hidden.set(
				key,
				[...(await ids(admin, relation.related))].map(Number).find((id) => !seen.has(String(id))) ?? null,
			);
		}
		return hidden.get(key)!;
	}
	const hidden = new Map<string, number | null>();

	it('no role writes a relation to a row it may not use, on any create or update it may make', async () => {
		const tally = { cells: 0, create: 0, update: 0, notApplicable: 0, positive: 0 };
		const leaks: string[] = [];
		for (const role of Object.keys(logins) as RoleKey[]) {
			const mine: (Cell & { target: string | number })[] = [];
			for (const cell of cells.filter((c) => c.role === role)) {
				const target_ = await forbidden(role, cell.relation);
				if (target_ === null) tally.notApplicable++;
				else mine.push({ ...cell, target: target_ });
			}
			if (mine.length === 0) continue;
			const client = as[logins[role]!]!;
			const o = await own(role);
			const allowed: Record<string, string | number> = {
				directus_users: o.me,
				customers: o.customer,
				visit_plans: o.plan,
				visit_plan_items: o.planItem,
				visits: o.visit,
				opportunities: o.opportunity,
				quotes: o.quote,
				products: o.product,
				sales_orders: o.order,
				contracts: o.contract,
				receptions: o.reception,
			};
			// A contract's quote of its own is a sent one (a draft is no source of a contract).
			const allowedFor = (collection: string, related: string) =>
				collection === 'contracts' && related === 'quotes' ? o.sentQuote : allowed[related];
			/** A create the role may make, through `field`, with every relation at a row of its own. */
			const bodies: Record<string, (field: string) => Record<string, unknown>> = {
				customers: () => customerBody({ owner: o.me }),
				contacts: () => ({ customer: o.customer, name: unique('联系人') }),
				visit_plans: () => ({ owner: o.me, period_type: 'week', period_start: o.monday, period_end: o.monday }),
				visit_plan_items: () => ({
					plan: o.plan,
					customer: o.customer,
					planned_date: o.monday,
					purpose: 'relationship',
				}),
				visits: () => ({
					owner: o.me,
					customer: o.customer,
					purpose: 'relationship',
					channel: 'phone',
					scheduled_start: `${day(4)}T02:00:00.000Z`,
				}),
				visit_reports: () => ({ visit: o.visit, summary: '不经流程直接写入的报告' }),
				follow_ups: () => ({
					owner: o.me,
					visit: o.visit,
					customer: o.customer,
					description: '寄送资料',
					due_date: day(10),
				}),
				daily_reports: () => ({ owner: o.me, date: day(-40 - serial), summary: '日报' }),
				// A week of its own each time: one report a person and period.
				periodic_reports: () => ({
					owner: o.me,
					period_type: 'week',
					period_start: new Date(Date.UTC(2032, 0, 5 + 7 * (++serial % 50))).toISOString().slice(0, 10),
				}),
				sales_orders: () => ({
					owner: o.me,
					customer: o.customer,
					order_no: unique('SO'),
					signed_at: day(0),
					amount: 1000,
				}),
				opportunities: () => ({ owner: o.me, customer: o.customer, name: unique('商机') }),
				quotes: () => ({
					owner: o.me,
					customer: o.customer,
					opportunity: o.opportunity,
					requested_at: `${day(0)}T02:00:00.000Z`,
				}),
				quote_lines: () => ({ quote: o.quote, product: o.product, quantity: 1, unit_price: 100 }),
				contracts: () => ({
					owner: o.me,
					customer: o.customer,
					opportunity: o.opportunity,
					quote: o.sentQuote,
					amount: 100,
				}),
				deliveries: () => ({ order: o.order, shipped_at: day(0) }),
				receptions: () => ({ host: o.me, customer: o.customer, planned_at: `${day(5)}T02:00:00.000Z` }),
				reception_escorts: () => ({ reception: o.reception, user: o.me }),
				payment_schedules: () => ({ contract: o.contract, due_date: day(30), amount: 100 }),
				expense_requests: (field) => ({
					requester: o.me,
					// An expense belongs to one of a visit, a plan item or a reception (a gift).
					...(field === 'plan_item'
						? { plan_item: o.planItem }
						: field === 'reception'
							? { reception: o.reception }
							: { visit: o.visit }),
					kind: 'materials',
					amount: 10,
				}),
			};
			for (const cell of mine) {
				const { collection, field, related } = cell.relation;
				const target_ = cell.target;
				const name = `${role} ${cell.action} ${collection}.${field}`;
				tally.cells++;
				tally[cell.action]++;
				const body = bodies[collection]!(field);
				if (cell.action === 'create') {
					if (!FLOW_ONLY.has(collection)) {
						await create(client, collection, { ...body, [field]: allowedFor(collection, related) });
						tally.positive++;
					}
					const before = await count(collection);
					const res = await client.post(`/items/${collection}`, { ...body, [field]: target_ });
					if (res.status === 200) made.push([collection, res.body.data.id]);
					if (!is4xx(res) || (await count(collection)) !== before) leaks.push(`${name} → ${res.status}`);
				} else {
					const id = await create(client, collection, body);
					expect(
						(await client.patch(`/items/${collection}/${id}`, { [field]: allowedFor(collection, related) })).status,
						`${name} with its own row`,
					).toBe(200);
					tally.positive++;
					const res = await client.patch(`/items/${collection}/${id}`, { [field]: target_ });
					if (!is4xx(res) || String((await row(collection, id))[field]) !== String(allowedFor(collection, related)))
						leaks.push(`${name} → ${res.status}`);
				}
			}
		}
		console.log(
			`[ownership] ${target.name}: ${tally.cells} cells (${tally.create} creates, ${tally.update} updates), ${tally.positive} positive controls, ${tally.notApplicable} relations where every row is the role's to use, leaks ${leaks.length}`,
		);
		expect(leaks).toEqual([]);
		// Reps and managers alone write through some twenty relations each.
		expect(tally.cells).toBeGreaterThanOrEqual(40);
	});

	it('the assistant, Finance and Legal write no relation at all', async () => {
		for (const key of ['sales_assistant', 'finance', 'legal'] as const)
			expect(cells.filter((c) => c.role === key)).toEqual([]);
		const customer = (await rep4Row('customers', `filter[owner][_eq]=${users.rep4}`)).id;
		const before = await count('contacts');
		for (const client of [as.assistant!, as.finance!, as.legal!])
			expect((await client.post('/items/contacts', { customer, name: 'x' })).status).toBe(403);
		expect(await count('contacts')).toBe(before);
	});

	describe('the attacks of the issue', () => {
		let rep4Customer: number;
		let rep4Visit: number;
		let rep1Customer: number;

		beforeAll(async () => {
			rep4Customer = (await rep4Row('customers', `filter[owner][_eq]=${users.rep4}`)).id;
			rep4Visit = (await rep4Row('visits', `filter[owner][_eq]=${users.rep4}`)).id;
			rep1Customer = (await rep4Row('customers', `filter[owner][_eq]=${users.rep1}&filter[status][_eq]=active`)).id;
		});

		/** Each write is refused with a 4xx, and `collections` keep their row counts. */
		async function refusedAll(collections: string[], writes: (() => Promise<Response>)[], reason?: string) {
			const before = await Promise.all(collections.map(count));
			for (const write of writes) {
				const res = await write();
				if (reason) refusedWith(res, 403, reason);
				else expect(is4xx(res) || Boolean(res.body?.errors), JSON.stringify(res.body)).toBe(true);
			}
			expect(await Promise.all(collections.map(count))).toEqual(before);
		}

		it('rep1 adds no item to rep4’s draft plan, directly or nested', async () => {
			let draft = await rep4Row('visit_plans', `filter[owner][_eq]=${users.rep4}&filter[status][_eq]=draft`);
			if (!draft)
				draft = {
					id: await create(as.rep4!, 'visit_plans', {
						period_type: 'week',
						period_start: '2031-12-29',
						period_end: '2031-12-29',
					}),
					period_start: '2031-12-29',
				};
			const mine = await create(as.rep1!, 'visit_plans', {
				period_type: 'week',
				period_start: '2032-01-05',
				period_end: '2032-01-05',
			});
			const item = { customer: rep4Customer, planned_date: '2032-01-05', purpose: 'relationship' };
			await refusedAll(
				['visit_plans', 'visit_plan_items'],
				[
					() => as.rep1!.post('/items/visit_plan_items', { ...item, plan: draft.id, customer: rep1Customer }),
					() =>
						as.rep1!.post('/items/visit_plan_items', [
							{ ...item, plan: mine, customer: rep1Customer },
							{ ...item, plan: draft.id },
						]),
					() =>
						as.rep1!.post('/items/visit_plans', {
							period_type: 'week',
							period_start: '2032-01-12',
							period_end: '2032-01-12',
							items: [item],
						}),
					() => as.rep1!.patch(`/items/visit_plans/${mine}`, { items: { create: [item], update: [], delete: [] } }),
				],
				'relation_hidden',
			);
		});

		it('rep1 adds no contact to rep4’s customer: REST, GraphQL, import', async () => {
			await refusedAll(
				['contacts'],
				[
					() => as.rep1!.post('/items/contacts', { customer: rep4Customer, name: '冒名联系人' }),
					() => as.rep1!.post('/items/contacts', { customer: { id: rep4Customer }, name: '冒名联系人' }),
					() =>
						as.rep1!.upload(
							'/utils/import/contacts',
							new Blob(
								[
									JSON.stringify([
										{ customer: rep1Customer, name: 'a' },
										{ customer: rep4Customer, name: 'b' },
									]),
								],
								{ type: 'application/json' },
							),
							'contacts.json',
						),
				],
				'relation_hidden',
			);
			await refusedAll(
				['contacts', 'customers'],
				[
					() =>
						as.rep1!.graphql(
							`mutation { create_contacts_item(data: { customer: { id: "${rep4Customer}" }, name: "冒名联系人" }) { id } }`,
						),
				],
			);
		});

		it('rep1 opens no order on rep4’s customer, and no revisit comes of it', async () => {
			await refusedAll(
				['sales_orders', 'revisits'],
				[
					() =>
						as.rep1!.post('/items/sales_orders', {
							customer: rep4Customer,
							order_no: unique('SO'),
							signed_at: day(0),
							amount: 5000,
						}),
				],
				'relation_hidden',
			);
		});

		it('rep1 hangs no follow-up or expense request on rep4’s visit', async () => {
			await refusedAll(
				['follow_ups', 'expense_requests'],
				[
					() =>
						as.rep1!.post('/items/follow_ups', {
							visit: rep4Visit,
							customer: rep1Customer,
							description: '跟进',
							due_date: day(5),
						}),
					() => as.rep1!.post('/items/expense_requests', { visit: rep4Visit, kind: 'gift', amount: 100 }),
				],
				'relation_hidden',
			);
		});

		it('rep1 moves no planned visit of theirs to rep4’s customer, by PATCH or batch PATCH', async () => {
			const visit = await create(as.rep1!, 'visits', {
				customer: rep1Customer,
				purpose: 'relationship',
				channel: 'phone',
				scheduled_start: `${day(2)}T02:00:00.000Z`,
			});
			refusedWith(await as.rep1!.patch(`/items/visits/${visit}`, { customer: rep4Customer }), 403, 'relation_hidden');
			refusedWith(
				await as.rep1!.patch('/items/visits', { keys: [visit], data: { customer: rep4Customer } }),
				403,
				'relation_hidden',
			);
			expect((await row('visits', visit)).customer).toBe(rep1Customer);
		});

		it('manager1 gives rep4 no customer or order, moves no team customer to rep4, yet hands rows within the team', async () => {
			const teamCustomer = await create(admin, 'customers', customerBody({ owner: users.rep1 }));
			await refusedAll(
				['customers', 'contacts', 'sales_orders'],
				[
					() => as.manager1!.post('/items/customers', customerBody({ owner: users.rep4 })),
					() =>
						as.manager1!.post(
							'/items/customers',
							customerBody({ owner: users.rep4, contacts: [{ name: '随客户一起建的联系人' }] }),
						),
					() =>
						as.manager1!.post('/items/sales_orders', {
							customer: teamCustomer,
							owner: users.rep4,
							order_no: unique('SO'),
							signed_at: day(0),
							amount: 100,
						}),
					() => as.manager1!.patch(`/items/customers/${teamCustomer}`, { owner: users.rep4 }),
				],
				'relation_person',
			);
			expect((await row('customers', teamCustomer)).owner).toBe(users.rep1);
			// Within the team it works, nested contacts and all, and a General Manager hands rows to anyone.
			const handed = await create(
				as.manager1!,
				'customers',
				customerBody({ owner: users.rep2, contacts: [{ name: '随客户一起建的联系人' }] }),
			);
			expect(await admin.data(`/items/contacts?filter[customer][_eq]=${handed}&fields=name`)).toEqual([
				{ name: '随客户一起建的联系人' },
			]);
			expect((await as.manager1!.patch(`/items/customers/${teamCustomer}`, { owner: users.rep2 })).status).toBe(200);
			await create(as.gm!, 'customers', customerBody({ owner: users.rep4 }));
		});
	});

	describe('plan items and check-ins', () => {
		it('nobody links a visit to a plan item by hand, their own or another rep’s', async () => {
			const ownItem = (await admin.data(`/items/visit_plan_items?filter[plan][owner][_eq]=${users.rep1}&limit=1`))[0];
			const otherItem = (await admin.data(`/items/visit_plan_items?filter[plan][owner][_eq]=${users.rep4}&limit=1`))[0];
			const customer = (await rep4Row('customers', `filter[owner][_eq]=${users.rep1}&filter[status][_eq]=active`)).id;
			const visit = await create(as.rep1!, 'visits', {
				customer,
				purpose: 'relationship',
				channel: 'onsite',
				scheduled_start: `${day(2)}T02:00:00.000Z`,
			});
			const before = await count('visits');
			for (const item of [ownItem.id, otherItem.id]) {
				refusedWith(
					await as.rep1!.post('/items/visits', {
						customer,
						plan_item: item,
						purpose: 'relationship',
						channel: 'onsite',
						scheduled_start: `${day(2)}T03:00:00.000Z`,
					}),
					403,
					'hand_create',
				);
				refusedWith(await as.rep1!.patch(`/items/visits/${visit}`, { plan_item: item }), 403, 'hand_edit');
				refusedWith(await admin.patch(`/items/visits/${visit}`, { plan_item: item }), 403, 'hand_edit');
			}
			expect(await count('visits')).toBe(before);
			// Unplanned and on site: it needs an application.
			await eventually(async () =>
				expect(await row('visits', visit)).toMatchObject({ plan_item: null, requires_application: true }),
			);
		});

		it('one plan item has at most one visit', async () => {
			const linked = (
				await admin.data('/items/visits?filter[plan_item][_nnull]=true&limit=1&fields=id,owner,customer,plan_item')
			)[0];
			const before = await count('visits');
			await expect(
				insertRow(target, 'visits', {
					owner: linked.owner,
					customer: linked.customer,
					plan_item: linked.plan_item,
					purpose: 'relationship',
					channel: 'onsite',
					scheduled_start: new Date(),
					status: 'scheduled',
				}),
			).rejects.toThrow();
			expect(await count('visits')).toBe(before);
		});

		it('no check-in on a visit whose customer the rep may not see: no distance, nothing written', async () => {
			const customer = await create(
				admin,
				'customers',
				customerBody({ owner: users.rep1, latitude: 30.25, longitude: 120.16 }),
			);
			const visit = await create(as.rep1!, 'visits', {
				customer,
				purpose: 'relationship',
				channel: 'onsite',
				scheduled_start: new Date(Date.now() + 3_600_000).toISOString(),
			});
			await eventually(async () => expect((await row('visits', visit)).requires_application).toBe(true));
			expect((await as.rep1!.post(`/visit-flow/visits/${visit}/application`, {})).status).toBe(200);
			expect((await as.manager1!.post(`/visit-flow/visits/${visit}/application/approve`, {})).status).toBe(200);
			await setColumns(target, 'customers', customer, { owner: users.rep4 });
			const before = await row('visits', visit);
			const res = await as.rep1!.post(`/visit-flow/visits/${visit}/check-in`, {
				latitude: 30.251,
				longitude: 120.16,
				accuracy: 20,
				timestamp: Date.now(),
			});
			refusedWith(res, 403, 'check_in_customer_hidden');
			expect(JSON.stringify(res.body)).not.toContain('check_in_distance_m');
			expect(await row('visits', visit)).toEqual(before);
			expect(before).toMatchObject({ status: 'scheduled', check_in_at: null, check_in_distance_m: null });
			// Given back, the same check-in goes through.
			await setColumns(target, 'customers', customer, { owner: users.rep1 });
			const ok = await as.rep1!.post(`/visit-flow/visits/${visit}/check-in`, {
				latitude: 30.251,
				longitude: 120.16,
				accuracy: 20,
				timestamp: Date.now(),
			});
			expect(ok.status, JSON.stringify(ok.body)).toBe(200);
			expect(ok.body.data.check_in_distance_m).toBeGreaterThan(50);
		});
	});
});
