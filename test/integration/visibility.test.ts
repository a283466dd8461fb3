/**
 * A rep never reads another rep's plans, visits, reports or expense requests, by any
 * path; a manager reads the team's; the General Manager reads everything. The sales
 * cycle's rows likewise, with Finance reading all of them and Legal the contracts only.
 * Each probe is checked against the admin's view of the same rows, so it cannot pass on
 * empty data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, targets } from './client.ts';

/** Each private collection and the path from its rows to the owning user. */
const PRIVATE = {
	visit_plans: 'owner',
	visit_plan_items: 'plan.owner',
	visits: 'owner',
	visit_reports: 'visit.owner',
	expense_requests: 'requester',
} as const;

/**
 * The sales cycle's rows and the paths from each to its owning user: a payment schedule is its
 * order's, or before signing its contract's (payment terms).
 */
const SALES = {
	opportunities: ['owner'],
	quotes: ['owner'],
	contracts: ['owner'],
	sales_orders: ['owner'],
	payment_schedules: ['order.owner', 'contract.owner'],
	payments: ['order.owner'],
} as const satisfies Record<string, readonly string[]>;

const ownerOf = (row: any, path: string) => path.split('.').reduce((value, key) => value?.[key], row)?.id ?? null;

describe.each(targets)('visibility on $name', (target) => {
	let admin: Client;
	let users: Record<string, string>;
	let teams: Record<string, string[]>;
	/** Every private row with its owner's id, as the admin sees it. */
	const truth: Record<string, { id: number; owner: string }[]> = {};

	beforeAll(async () => {
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email,reports_to&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		// A team is whoever reports to the manager now (other suites add people).
		teams = Object.fromEntries(
			['manager1', 'manager2'].map((m) => [
				m,
				[users[m]!, ...list.filter((u) => u.reports_to === users[m]).map((u) => u.id)],
			]),
		);
		for (const [collection, path] of Object.entries(PRIVATE)) {
			const rows: any[] = await admin.data(`/items/${collection}?limit=-1&fields=id,${path.replace(/\./g, '.')}.id`);
			truth[collection] = rows.map((row) => ({ id: row.id, owner: ownerOf(row, path) }));
		}
		for (const [collection, paths] of Object.entries(SALES)) {
			const rows: any[] = await admin.data(
				`/items/${collection}?limit=-1&fields=id,${paths.map((p) => `${p}.id`).join(',')}`,
			);
			truth[collection] = rows.map((row) => ({
				id: row.id,
				owner: paths.map((p) => ownerOf(row, p)).find((o) => o !== null) ?? null,
			}));
		}
	});

	const visibleTo = (collection: string, owners: readonly string[]) =>
		truth[collection]!.filter((row) => owners.includes(row.owner))
			.map((row) => row.id)
			.sort((a, b) => a - b);
	const ids = (rows: { id: number | string }[]) => rows.map((r) => Number(r.id)).sort((a, b) => a - b);

	describe.each(Object.keys(PRIVATE))('%s', (collection) => {
		it('a rep lists exactly their own rows, a manager the team’s, the GM all', async () => {
			expect(teams.manager1).toEqual(expect.arrayContaining([users.rep1, users.rep2, users.rep3]));
			expect(teams.manager2).toEqual(expect.arrayContaining([users.rep4, users.rep5, users.rep6]));
			const cases = [
				['rep1', [users.rep1!]],
				['rep4', [users.rep4!]],
				['manager1', teams.manager1!],
				['manager2', teams.manager2!],
			] as const;
			for (const [who, owners] of cases) {
				const client = await Client.login(target.url, `${who}@example.com`);
				const expected = visibleTo(collection, owners);
				expect(expected.length, `${who} has ${collection} in the demo data`).toBeGreaterThan(0);
				expect(ids(await client.data(`/items/${collection}?limit=-1&fields=id`)), who).toEqual(expected);
			}
			const gm = await Client.login(target.url, 'gm@example.com');
			expect(ids(await gm.data(`/items/${collection}?limit=-1&fields=id`))).toEqual(ids(truth[collection]!));
		});

		it('a rep cannot open another rep’s row by id, filter or search for it', async () => {
			const rep1 = await Client.login(target.url, 'rep1@example.com');
			const foreign = truth[collection]!.find((row) => row.owner === users.rep4)!;
			expect(foreign).toBeDefined();
			expect((await rep1.get(`/items/${collection}/${foreign.id}`)).status).toBe(403);
			expect(await rep1.data(`/items/${collection}?filter[id][_eq]=${foreign.id}`)).toEqual([]);
			expect(
				await rep1.data(
					`/items/${collection}?filter[id][_in]=${truth[collection]!.map((r) => r.id).join(',')}&fields=id&limit=-1`,
				),
			).toHaveLength(visibleTo(collection, [users.rep1!]).length);
		});

		it('aggregates and groupBy count only the rep’s own rows', async () => {
			const rep1 = await Client.login(target.url, 'rep1@example.com');
			const [total] = await rep1.data(`/items/${collection}?aggregate[count]=*`);
			expect(Number(total.count)).toBe(visibleTo(collection, [users.rep1!]).length);
			if (collection === 'visits' || collection === 'visit_plans' || collection === 'expense_requests') {
				const field = PRIVATE[collection];
				const groups: any[] = await rep1.data(`/items/${collection}?aggregate[count]=*&groupBy[]=${field}&limit=-1`);
				expect(groups.map((g) => g[field])).toEqual([users.rep1]);
			}
		});

		it('GraphQL returns only the rep’s own rows', async () => {
			const rep1 = await Client.login(target.url, 'rep1@example.com');
			const res = await rep1.graphql(`{ ${collection}(limit: -1) { id } ${collection}_aggregated { count { id } } }`);
			expect(res.body.errors).toBeUndefined();
			expect(ids(res.body.data[collection])).toEqual(visibleTo(collection, [users.rep1!]));
			expect(Number(res.body.data[`${collection}_aggregated`][0].count.id)).toBe(
				visibleTo(collection, [users.rep1!]).length,
			);
		});

		it('an export holds only the rep’s own rows', async () => {
			const rep1 = await Client.login(target.url, 'rep1@example.com');
			const res = await rep1.get(`/items/${collection}?export=json&limit=-1&fields=id`);
			expect(res.status).toBe(200);
			expect(ids(res.body)).toEqual(visibleTo(collection, [users.rep1!]));
		});
	});

	describe.each(Object.keys(SALES))('%s of the sales cycle', (collection) => {
		/** The first demo rep of the manager's team with rows of the collection (a rep of each team). */
		const repWithRows = (manager: string) => {
			const rep = Object.keys(users)
				.filter((name) => /^rep\d+$/.test(name) && teams[manager]!.includes(users[name]!))
				.sort()
				.find((name) => visibleTo(collection, [users[name]!]).length > 0);
			expect(rep, `a rep of ${manager}'s team with ${collection}`).toBeDefined();
			return rep!;
		};

		it('a rep lists exactly their own rows, a manager the team’s, Finance and the GM all, Legal contracts only', async () => {
			expect(truth[collection]!.every((row) => row.owner !== null)).toBe(true);
			const cases: [string, readonly string[]][] = [
				[repWithRows('manager1'), [users[repWithRows('manager1')]!]],
				[repWithRows('manager2'), [users[repWithRows('manager2')]!]],
				['manager1', teams.manager1!],
				['manager2', teams.manager2!],
			];
			for (const [who, owners] of cases) {
				const client = await Client.login(target.url, `${who}@example.com`);
				const expected = visibleTo(collection, owners);
				expect(expected.length, `${who} has ${collection}`).toBeGreaterThan(0);
				expect(ids(await client.data(`/items/${collection}?limit=-1&fields=id`)), who).toEqual(expected);
			}
			const all = ids(truth[collection]!);
			expect(all.length).toBeGreaterThan(visibleTo(collection, teams.manager1!).length);
			for (const who of ['finance', 'gm']) {
				const client = await Client.login(target.url, `${who}@example.com`);
				expect(ids(await client.data(`/items/${collection}?limit=-1&fields=id`)), who).toEqual(all);
			}
			const legal = await Client.login(target.url, 'legal@example.com');
			if (collection === 'contracts')
				expect(ids(await legal.data(`/items/${collection}?limit=-1&fields=id`))).toEqual(all);
			else {
				expect((await legal.get(`/items/${collection}?limit=-1&fields=id`)).status).toBe(403);
				expect((await legal.get(`/items/${collection}?aggregate[count]=*`)).status).toBe(403);
				expect((await legal.get(`/items/${collection}/${all[0]}`)).status).toBe(403);
				const res = await legal.graphql(`{ ${collection}(limit: -1) { id } }`);
				expect(res.body.data?.[collection] ?? null).toBeNull();
				expect(res.body.errors?.length).toBeGreaterThan(0);
			}
		});

		it('a rep cannot open another team’s row by id or filter, nor count or query it by aggregate or GraphQL', async () => {
			const mine = repWithRows('manager1');
			const client = await Client.login(target.url, `${mine}@example.com`);
			const own = visibleTo(collection, [users[mine]!]);
			const foreign = truth[collection]!.find((row) => teams.manager2!.includes(row.owner))!;
			expect(foreign, `a row of manager2's team in ${collection}`).toBeDefined();
			expect((await client.get(`/items/${collection}/${foreign.id}`)).status).toBe(403);
			expect(await client.data(`/items/${collection}?filter[id][_eq]=${foreign.id}`)).toEqual([]);
			const [total] = await client.data(`/items/${collection}?aggregate[count]=*`);
			expect(Number(total.count)).toBe(own.length);
			const res = await client.graphql(`{ ${collection}(limit: -1) { id } ${collection}_aggregated { count { id } } }`);
			expect(res.body.errors).toBeUndefined();
			expect(ids(res.body.data[collection])).toEqual(own);
			expect(Number(res.body.data[`${collection}_aggregated`][0].count.id)).toBe(own.length);
		});
	});

	it('deep relational reads do not leak other reps’ rows', async () => {
		const rep1 = await Client.login(target.url, 'rep1@example.com');
		// Through customers (visible to their owner) to visits and on to the visit's owner.
		const customers: any[] = await rep1.data(
			'/items/customers?limit=-1&fields=id,owner,visits.id,visits.owner,contacts.id',
		);
		expect(customers.length).toBeGreaterThan(0);
		expect(customers.every((c) => c.owner === users.rep1)).toBe(true);
		const visitIds = customers.flatMap((c) => c.visits ?? []).map((v: any) => v.id);
		expect(visitIds.every((id: number) => visibleTo('visits', [users.rep1!]).includes(id))).toBe(true);
		// Through plan items and reports up to a foreign owner's plan and visit.
		const items: any[] = await rep1.data('/items/visit_plan_items?limit=-1&fields=id,plan.owner,visit.owner');
		expect(items.every((i) => i.plan.owner === users.rep1 && (i.visit === null || i.visit.owner === users.rep1))).toBe(
			true,
		);
		const deep = await rep1.get(
			'/items/contacts?limit=-1&fields=id,customer.visits.reports.summary&deep[customer][visits][_filter][owner][_neq]=$CURRENT_USER',
		);
		expect(deep.status).toBe(200);
		expect(deep.body.data.flatMap((c: any) => c.customer?.visits ?? [])).toEqual([]);
	});

	it('Finance reads every customer and order, and nothing of the visit half', async () => {
		const finance = await Client.login(target.url, 'finance@example.com');
		for (const collection of ['customers', 'sales_orders']) {
			const all: any[] = await admin.data(`/items/${collection}?limit=-1&fields=id`);
			expect(all.length, collection).toBeGreaterThan(0);
			expect(ids(await finance.data(`/items/${collection}?limit=-1&fields=id`)), collection).toEqual(ids(all));
		}
		for (const collection of [...Object.keys(PRIVATE), 'contacts', 'follow_ups', 'revisits', 'complaints'])
			expect((await finance.get(`/items/${collection}?limit=1`)).status, collection).toBe(403);
		// Not through the customer either: Directus leaves out what it may not read.
		const deep: any[] = await finance.data('/items/customers?limit=-1&fields=id,visits.id,contacts.name');
		expect(deep.length).toBeGreaterThan(0);
		for (const row of deep) expect(Object.keys(row)).toEqual(['id']);
		// Nor by filtering on what it may not read.
		for (const path of [
			'/items/customers?filter[visits][owner][_nnull]=true&fields=id',
			'/items/sales_orders?filter[customer][visits][status][_eq]=completed&fields=id',
		])
			expect((await finance.get(path)).status, path).toBe(403);
	});

	it('Legal reads no visit, customer or order, by items, GraphQL or aggregate', async () => {
		const legal = await Client.login(target.url, 'legal@example.com');
		for (const collection of [...Object.keys(PRIVATE), 'customers', 'contacts', 'sales_orders', 'visit_quota_rules']) {
			expect((await legal.get(`/items/${collection}?limit=1`)).status, collection).toBe(403);
			expect((await legal.get(`/items/${collection}?aggregate[count]=*`)).status, collection).toBe(403);
		}
		const res = await legal.graphql('{ customers { id } sales_orders { id } }');
		expect(res.body.data ?? null).toBeNull();
		expect(res.body.errors?.length).toBeGreaterThan(0);
	});

	it('a rep sees only their own customers and the GM all of them', async () => {
		const all: any[] = await admin.data('/items/customers?limit=-1&fields=id,owner');
		const rep1 = await Client.login(target.url, 'rep1@example.com');
		expect(ids(await rep1.data('/items/customers?limit=-1&fields=id'))).toEqual(
			ids(all.filter((c) => c.owner === users.rep1)),
		);
		const gm = await Client.login(target.url, 'gm@example.com');
		expect(ids(await gm.data('/items/customers?limit=-1&fields=id'))).toEqual(ids(all));
	});
});
