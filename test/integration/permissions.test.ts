/**
 * The role × collection × action matrix as the server reports it to each logged-in
 * user (GET /permissions/me), against the contract's role table: F = all rows,
 * P = row-filtered (own / team), - = none; the letters are create, read, update, delete.
 * Then the writes the matrix cannot show, field by field: a customer's credit terms, the
 * price list and the discount rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowOwnedFields } from '../../extensions/sales-visits/src/domain/flow-fields.ts';
import { Client, targets } from './client.ts';
import { refusedWith } from './expect.ts';

/** What everyone in the app reads: the calendar, the settings, the price list and the discount rules. */
const COMPANY = {
	work_calendar: '-F--',
	visit_settings: '-F--',
	products: '-F--',
	discount_rules: '-F--',
	// 考核方案: everyone reads what they are appraised on.
	appraisal_schemes: '-F--',
	appraisal_items: '-F--',
};
// The visit quota rules are the Administrator's: the server applies them, no screen of another role reads them.
const REFERENCE = { visit_quota_rules: '----', ...COMPANY };

const fieldWork = {
	contacts: 'FPPP',
	visit_plans: 'FPPP',
	visit_plan_items: 'FPPP',
	visits: 'FPP-',
	visit_reports: 'FPP-',
	follow_ups: 'FPP-',
	daily_reports: 'FPP-',
	periodic_reports: 'FPP-',
	revisits: '-P--',
	complaints: '-P--',
	sales_orders: 'FPP-',
	deliveries: 'FPPP',
	payment_schedules: 'FPPP',
	payments: '-P--',
	expense_requests: 'FPPP',
	sales_targets: '-P--',
	approval_log: '-P--',
	lead_grade_changes: '-P--',
	opportunities: 'FPP-',
	quotes: 'FPPP',
	quote_lines: 'FPPP',
	contracts: 'FPPP',
	commission_rules: '-F--',
	commission_statements: '-P--',
	appraisals: '-P--',
};

const expected: Record<string, Record<string, string>> = {
	// No screen of a rep's reads the approval log: it is the deciders'.
	'rep1@example.com': { ...REFERENCE, ...fieldWork, customers: 'FPP-', approval_log: '----' },
	// A manager writes the team's appraisals' comment.
	'manager1@example.com': { ...REFERENCE, ...fieldWork, customers: 'FPP-', appraisals: '-PP-' },
	'gm@example.com': {
		...REFERENCE,
		customers: 'FFF-',
		contacts: 'FFFF',
		visit_plans: 'FFPP',
		visit_plan_items: 'FFPP',
		visits: 'FFP-',
		visit_reports: 'FFP-',
		follow_ups: 'FFF-',
		daily_reports: 'FFP-',
		periodic_reports: 'FFP-',
		revisits: '-F--',
		complaints: '-F--',
		sales_orders: 'FFF-',
		deliveries: 'FFPP',
		payment_schedules: 'FFPP',
		payments: '-F--',
		expense_requests: 'FFPP',
		sales_targets: 'FFFF',
		commission_rules: 'FFFF',
		commission_statements: '-F--',
		products: 'FFF-',
		approval_log: '-F--',
		lead_grade_changes: '-F--',
		opportunities: 'FFP-',
		quotes: 'FFPP',
		quote_lines: 'FFPP',
		contracts: 'FFPP',
		// Sets the schemes; reads every appraisal, comments on their managers'.
		appraisal_schemes: 'FFFF',
		appraisal_items: 'FFFF',
		appraisals: '-FP-',
	},
	'assistant@example.com': {
		...REFERENCE,
		customers: '-F--',
		contacts: '-F--',
		visit_plans: '-F--',
		visit_plan_items: '-F--',
		visits: '-F--',
		approval_log: '-P--',
		lead_grade_changes: '-F--',
		// Records the customer's acceptance of the team's deliveries, through the flow; reads no order.
		deliveries: '-F--',
	},
	'service@example.com': {
		...REFERENCE,
		customers: '-F--',
		contacts: '-F--',
		sales_orders: '-F--',
		revisits: 'FFF-',
		complaints: 'FFF-',
		approval_log: '-P--',
		lead_grade_changes: '-F--',
	},
	// Finance reads every customer, opportunity, quote, contract, order and receivable and writes the credit terms alone (checked field by field below); payments go through the endpoint.
	'finance@example.com': {
		...COMPANY,
		customers: '-FF-',
		sales_orders: '-F--',
		opportunities: '-F--',
		quotes: '-F--',
		quote_lines: '-F--',
		contracts: '-F--',
		deliveries: '-F--',
		payment_schedules: '-F--',
		payments: '-F--',
		sales_targets: '-F--',
		commission_rules: '-F--',
		commission_statements: '-F--',
	},
	// Legal reads and reviews contracts: nothing of the visit half, its customers, opportunities, quotes or orders.
	'legal@example.com': { ...COMPANY, contracts: '-F--' },
};

const DOMAIN = [...Object.keys(REFERENCE), 'customers', ...Object.keys(fieldWork)];
const ACTIONS = ['create', 'read', 'update', 'delete'] as const;
const letter = { full: 'F', partial: 'P', none: '-' } as const;

type Access = Record<string, Record<string, { access: keyof typeof letter; fields?: string[] }>>;

describe.each(targets)('permissions on $name', (target) => {
	it.each(Object.keys(expected))('%s has exactly the contract’s access', async (email) => {
		const me = await (await Client.login(target.url, email)).data<Access>('/permissions/me');
		const actual = Object.fromEntries(
			DOMAIN.map((collection) => [
				collection,
				ACTIONS.map((a) => letter[me[collection]?.[a]?.access ?? 'none']).join(''),
			]),
		);
		const wanted = Object.fromEntries(DOMAIN.map((collection) => [collection, expected[email]![collection] ?? '----']));
		expect(actual).toEqual(wanted);
	});

	it.each(Object.keys(expected))('%s may not write any flow-owned field', async (email) => {
		const me = await (await Client.login(target.url, email)).data<Access>('/permissions/me');
		for (const [collection, owned] of Object.entries(flowOwnedFields)) {
			for (const action of ['create', 'update'] as const) {
				const fields = me[collection]?.[action]?.fields ?? [];
				expect(fields, `${collection}.${action}`).not.toContain('*');
				expect(
					fields.filter((f) => (owned as readonly string[]).includes(f)),
					`${collection}.${action}`,
				).toEqual([]);
			}
		}
	});
});

describe.each(targets)('field-level writes on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	let customer: { id: number; owner: string; credit_limit: string | number; credit_days: number; address: string };
	let product: { id: number; list_price: string | number; floor_price: string | number };
	const made: [string, number][] = [];
	let users: Record<string, string>;
	const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${made.length}`;

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'manager1', 'gm', 'finance', 'legal', 'service'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: { id: string; email: string }[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		const rep1 = users.rep1;
		customer = (
			await admin.data(
				`/items/customers?filter[owner][_eq]=${rep1}&sort=id&limit=1&fields=id,owner,credit_limit,credit_days,address`,
			)
		)[0];
		product = (await admin.data('/items/products?sort=id&limit=1&fields=id,list_price,floor_price'))[0];
	});

	afterAll(async () => {
		await admin.patch(`/items/customers/${customer.id}`, {
			credit_limit: customer.credit_limit,
			credit_days: customer.credit_days,
			address: customer.address,
		});
		for (const [collection, id] of made.reverse()) await admin.delete(`/items/${collection}/${id}`);
	});

	const customerRow = async () =>
		admin.data(`/items/customers/${customer.id}?fields=name,credit_limit,credit_days,address`);

	it('only Finance sets a customer’s credit limit and days, and nothing else of it', async () => {
		const before = await customerRow();
		expect(
			(await as.finance!.patch(`/items/customers/${customer.id}`, { credit_limit: 350000, credit_days: 45 })).status,
		).toBe(200);
		expect(await customerRow()).toMatchObject({ credit_days: 45, name: before.name });
		expect(Number((await customerRow()).credit_limit)).toBe(350000);
		// Not the name, not even together with the credit terms; not by batch either.
		for (const write of [
			() => as.finance!.patch(`/items/customers/${customer.id}`, { name: '财务改名' }),
			() => as.finance!.patch(`/items/customers/${customer.id}`, { credit_limit: 1, owner: customer.owner }),
			() => as.finance!.patch('/items/customers', { keys: [customer.id], data: { address: '财务改地址' } }),
			() =>
				as.finance!.post('/items/customers', {
					name: unique('财务客户'),
					code: unique('FIN'),
					tier: 'C',
					category: 'ordinary',
					region_scope: 'local',
				}),
		])
			expect((await write()).status).toBeGreaterThanOrEqual(400);
		expect(await customerRow()).toMatchObject({ name: before.name, address: before.address, credit_days: 45 });
		expect(Number((await customerRow()).credit_limit)).toBe(350000);
	});

	it('a rep, a manager and the General Manager keep their customer edits but cannot touch the credit terms', async () => {
		expect((await as.rep1!.patch(`/items/customers/${customer.id}`, { address: '杭州市西湖区文三路1号' })).status).toBe(
			200,
		);
		for (const who of ['rep1', 'manager1', 'gm']) {
			for (const body of [{ credit_limit: 9_999_999 }, { credit_days: 365 }, { address: '改', credit_days: 1 }])
				expect((await as[who]!.patch(`/items/customers/${customer.id}`, body)).status, who).toBe(403);
			const created = await as[who]!.post('/items/customers', {
				name: unique('自批信用客户'),
				code: unique('CRD'),
				tier: 'C',
				category: 'ordinary',
				region_scope: 'local',
				credit_limit: 5_000_000,
			});
			expect(created.status, who).toBe(403);
		}
		expect(await customerRow()).toMatchObject({ address: '杭州市西湖区文三路1号', credit_days: 45 });
	});

	it('Finance reads orders but writes no order, visit or plan', async () => {
		const order = (await admin.data('/items/sales_orders?sort=id&limit=1&fields=id,amount'))[0];
		expect((await as.finance!.get(`/items/sales_orders/${order.id}`)).status).toBe(200);
		expect((await as.finance!.patch(`/items/sales_orders/${order.id}`, { amount: 1 })).status).toBe(403);
		expect(Number((await admin.data(`/items/sales_orders/${order.id}?fields=amount`)).amount)).toBe(
			Number(order.amount),
		);
		for (const path of ['/items/visits', '/items/visit_plans', '/items/contacts'])
			expect((await as.finance!.post(path, {})).status, path).toBe(403);
	});

	it('the price list is read by every sales role and written by the General Manager and Administrators only', async () => {
		const all: unknown[] = await admin.data('/items/products?limit=-1&fields=id');
		expect(all.length).toBeGreaterThanOrEqual(15);
		for (const who of ['rep1', 'manager1', 'finance', 'legal'])
			expect(await as[who]!.data('/items/products?limit=-1&fields=id'), who).toHaveLength(all.length);
		const body = { code: unique('ZF-T'), name: '测试产品', unit: '台', list_price: 1000, floor_price: 800 };
		for (const who of ['rep1', 'manager1', 'finance', 'legal']) {
			expect((await as[who]!.post('/items/products', body)).status, who).toBe(403);
			// A price in order, so that only the permission stands in the way.
			expect(
				(await as[who]!.patch(`/items/products/${product.id}`, { list_price: Number(product.list_price) + 10 })).status,
				who,
			).toBe(403);
		}
		expect(Number((await admin.data(`/items/products/${product.id}`)).list_price)).toBe(Number(product.list_price));
		const res = await as.gm!.post('/items/products', body);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		made.push(['products', res.body.data.id]);
		expect((await as.gm!.patch(`/items/products/${res.body.data.id}`, { active: false })).status).toBe(200);
		expect((await as.gm!.delete(`/items/products/${res.body.data.id}`)).status).toBe(403);
	});

	it('keeps every price between the floor and the list price, for Administrators too', async () => {
		const code = unique('ZF-BAD');
		refusedWith(
			await admin.post('/items/products', { code, name: '错价产品', unit: '台', list_price: 1000, floor_price: 1200 }),
			400,
			'price_order',
		);
		refusedWith(
			await as.gm!.post('/items/products', {
				code,
				name: '错价产品',
				unit: '台',
				list_price: 1000,
				dealer_price: 900,
				wholesale_price: 700,
				floor_price: 750,
			}),
			400,
			'price_order',
		);
		expect(await admin.data(`/items/products?filter[code][_eq]=${code}`)).toEqual([]);
		// An update is checked against the prices the row has.
		refusedWith(
			await admin.patch(`/items/products/${product.id}`, { floor_price: Number(product.list_price) + 1 }),
			400,
			'price_order',
		);
		refusedWith(
			await admin.patch('/items/products', {
				keys: [product.id],
				data: { list_price: Number(product.floor_price) - 1 },
			}),
			400,
			'price_order',
		);
		expect(
			(await admin.post('/items/products', { code, name: '负价', unit: '台', list_price: -1, floor_price: 0 })).status,
		).toBe(400);
		expect(await admin.data(`/items/products/${product.id}?fields=list_price,floor_price`)).toMatchObject({
			list_price: product.list_price,
			floor_price: product.floor_price,
		});
	});

	it('the discount rules are read by all and written by Administrators only', async () => {
		const rules: { id: number; max_discount_rate: string | number }[] = await admin.data(
			'/items/discount_rules?limit=-1',
		);
		expect(rules.length).toBeGreaterThanOrEqual(3);
		for (const who of ['rep1', 'manager1', 'gm', 'finance', 'legal']) {
			expect(await as[who]!.data('/items/discount_rules?limit=-1&fields=id'), who).toHaveLength(rules.length);
			expect(
				(await as[who]!.post('/items/discount_rules', { max_discount_rate: 30, approver_position: 'none' })).status,
				who,
			).toBe(403);
			expect(
				(await as[who]!.patch(`/items/discount_rules/${rules[0]!.id}`, { max_discount_rate: 50 })).status,
				who,
			).toBe(403);
		}
		expect(await admin.data('/items/discount_rules?limit=-1')).toEqual(rules);
		const res = await admin.post('/items/discount_rules', {
			max_discount_rate: 30,
			approver_position: 'manager',
			active: false,
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		made.push(['discount_rules', res.body.data.id]);
		for (const bad of [{ max_discount_rate: 101 }, { max_discount_rate: -1 }, { approver_position: 'assistant' }])
			expect((await admin.patch(`/items/discount_rules/${res.body.data.id}`, bad)).status, JSON.stringify(bad)).toBe(
				400,
			);
	});

	it('Finance and Legal get a refusal they can read from the visit endpoints, not Directus’ own or a server error', async () => {
		const customer = (await admin.data('/items/customers?limit=1&sort=id&fields=id'))[0].id;
		const visit = (await admin.data('/items/visits?limit=1&sort=id&fields=id'))[0].id;
		for (const who of ['finance', 'legal']) {
			const client = as[who]!;
			refusedWith(await client.get('/visit-quotas/compliance'), 403, 'quota_unreadable');
			refusedWith(await client.get('/visit-quotas/lead-follow-ups'), 403, 'quota_unreadable');
			// Finance reads the customer, not the visits its quota counts; Legal not even the customer.
			refusedWith(
				await client.get(`/visit-quotas/customers/${customer}`),
				403,
				who === 'finance' ? 'quota_unreadable' : 'quota_customer',
			);
			refusedWith(await client.get(`/visit-flow/actions/visits/${visit}`), 404, 'not_found');
		}
		// Legal reads no collection a KPI is computed from: their own figures, every one withheld.
		for (const query of ['scope=company', `scope=team&id=${users.manager1}`, `id=${users.rep1}`])
			refusedWith(await as.legal!.get(`/visit-kpi/summary?${query}`), 403, 'kpi_forbidden');
		const own = await as.legal!.get('/visit-kpi/summary');
		expect(own.status, JSON.stringify(own.body)).toBe(200);
		expect(own.body.data).toMatchObject({ scope: 'rep', id: users.legal });
		expect(own.body.data.kpis.filter((k: { withheld: boolean }) => !k.withheld)).toEqual([]);
	});

	it('shows Finance and customer service anyone’s KPIs of the rows they read in full, and withholds the rest', async () => {
		// Finance reads every customer, order, opportunity, quote, receivable, payment and target; customer service every
		// customer, contact, grade change, revisit and complaint. Neither reads a visit, a plan or an expense.
		const shown: Record<string, string[]> = {
			finance: [
				'new_customers',
				'churn_rate',
				'sales_completion',
				'payment_collection',
				'contract_settlement',
				'overdue_d0_30',
				'overdue_d31_60',
				'overdue_d61_90',
				'overdue_over_90',
				'win_rate',
				'weighted_pipeline',
				'quote_on_time',
				'average_discount',
				// Payments and targets: the collection target.
				'collection_target_completion',
			],
			service: [
				'revisit_rate',
				'complaint_response_on_time',
				'churn_rate',
				'archive_completeness',
				'lead_conversion',
				'customer_satisfaction',
				'valid_complaints',
				'complaint_resolution_on_time',
			],
		};
		const withheld = {
			numerator: null,
			denominator: null,
			value: null,
			light: null,
			previous: { numerator: null, denominator: null, value: null },
			trend: null,
			withheld: true,
		};
		const withheldOwner = { numerator: null, denominator: null, value: null, light: null, withheld: true };
		for (const query of ['', 'scope=company&by=owner', `scope=team&id=${users.manager2}`, `id=${users.rep4}`]) {
			// The General Manager reads everything: the same numbers, none withheld.
			const all = await as.gm!.get(`/visit-kpi/summary?${query}`);
			expect(all.status, JSON.stringify(all.body)).toBe(200);
			const {
				kpis: allKpis,
				funnel: allFunnel,
				pipeline: allPipeline,
				receivables: allReceivables,
				by_owner: allByOwner,
				champions: allChampions,
				...allAbout
			} = all.body.data;
			// Without a scope, the company's.
			if (query === '') expect(allAbout.scope).toBe('company');
			for (const who of ['finance', 'service']) {
				const res = await as[who]!.get(`/visit-kpi/summary?${query}`);
				const what = `${who} ${query}`;
				expect(res.status, `${what} ${JSON.stringify(res.body)}`).toBe(200);
				const { kpis, funnel, pipeline, receivables, by_owner, champions, ...about } = res.body.data;
				expect(about, what).toEqual(allAbout);
				// 月度销售冠军 come from the orders: Finance reads them, customer service does not.
				expect(champions, what).toEqual(who === 'finance' || allChampions === undefined ? allChampions : []);
				expect(
					kpis.filter((k: { withheld: boolean }) => !k.withheld).map((k: { key: string }) => k.key),
					what,
				).toEqual(shown[who]);
				kpis.forEach((k: { key: string }, i: number) =>
					expect(k, `${what} ${k.key}`).toEqual(
						shown[who]!.includes(k.key) ? allKpis[i] : { ...allKpis[i], ...withheld },
					),
				);
				// The funnel comes from grade changes, the pipeline from opportunities, the aging from schedules.
				expect(funnel, what).toEqual(who === 'service' ? allFunnel : { withheld: true, grades: [], conversions: [] });
				expect(pipeline, what).toEqual(who === 'finance' ? allPipeline : { withheld: true, stages: [] });
				expect(receivables, what).toEqual(
					who === 'finance' ? allReceivables : { ...allReceivables, withheld: true, aging: [], not_due: null },
				);
				expect(by_owner?.length, what).toBe(allByOwner?.length);
				by_owner?.forEach((owner: { owner: string; kpis: Record<string, unknown> }, i: number) => {
					const theirs = allByOwner[i];
					expect(owner.owner).toBe(theirs.owner);
					for (const [key, reading] of Object.entries(owner.kpis))
						expect(reading, `${what} ${owner.owner} ${key}`).toEqual(
							shown[who]!.includes(key) ? theirs.kpis[key] : withheldOwner,
						);
				});
			}
		}
	});
});
