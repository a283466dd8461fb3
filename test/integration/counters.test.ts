/**
 * The KPI counters (counters/) against a from-scratch computation (counterDrift), every few
 * writes of a seeded random sequence that reaches every counted column of every source table
 * (groups.ts) through every write path: REST one item and batches, GraphQL, imports (CSV and a
 * JSON upsert), the flow endpoints, the sweeps and plain SQL, cascades included (a plan's items,
 * a customer's contacts). A run prints its seed; COUNTERS_SEED=<seed> replays it. Which columns
 * the run changed is read from the database, not assumed: a column no write reached fails the test.
 *
 * On Postgres a write is then forced to overlap a transaction of the test's own that touches
 * the same customer: the request must wait for it, and the counters stay true whether the test
 * commits or rolls back. The rows belong to people made here, dated in this file's year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { readers } from '../../extensions/sales-visits/src/counters/groups.ts';
import { counterDrift } from '../../extensions/sales-visits/src/counters/rebuild.ts';
import { random } from '../../seeds/demo/random.ts';
import { Client, targets, type Response } from './client.ts';
import { closeDatabases, connect, dateValue, insertRow, lockWaiters, pgClient } from './db.ts';
import { eventually } from './expect.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('counters.test.ts');
const SEED = Number(process.env.COUNTERS_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Times every write path runs, each round in a new random order (COUNTERS_ROUNDS=5 for a longer soak). */
const ROUNDS = Number(process.env.COUNTERS_ROUNDS ?? 1);
/**
 * Writes between two comparisons (a comparison recomputes every counter: 0.2–0.5 s on a busy
 * Postgres). COUNTERS_CHECK_EVERY=1 with the seed names the one write that drifted.
 */
const CHECK_EVERY = Number(process.env.COUNTERS_CHECK_EVERY ?? 4);

/** The counted columns of each source table: what a change of may move a counter. */
const SOURCES = [...readers()].map(([table, groups]) => ({
	table,
	// A keyword column ("order") is quoted for the triggers; the rows read back name it plainly.
	columns: [...new Set(groups.flatMap((g) => g.reads[table]!.columns.map((c) => c.replaceAll('"', ''))))],
}));

/** The demo seeds' generator (a seed replays the same choices), with what the writes pick besides. */
function generator(seed: number) {
	const r = random(seed);
	return {
		...r,
		/** Any of the list but `current` (a change that changes something). */
		other: <T>(list: readonly T[], current: unknown): T => r.pick(list.filter((x) => x !== current)),
		shuffle: <T>(list: T[]): T[] => {
			const out = [...list];
			for (let i = out.length - 1; i > 0; i--) {
				const j = r.int(0, i);
				[out[i], out[j]] = [out[j]!, out[i]!];
			}
			return out;
		},
	};
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The name of this file's quota rules: they come and go within one write. */
const RULE = '计数规则';
const TIERS = ['A', 'B', 'C', 'D'];
const CATEGORIES = ['key', 'potential', 'ordinary'];
const SCOPES = ['local', 'province', 'other'];
const CUSTOMER_STATUSES = ['active', 'dormant', 'churned'];
const ORDER_STATUSES = ['signed', 'delivered', 'paid', 'cancelled'];
const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
const QUOTE_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'sent', 'accepted', 'expired'];
const SCHEDULE_STATUSES = ['open', 'paid', 'overdue'];
const CHANNELS = ['onsite', 'phone', 'video'];
const REPORT_STATUSES = ['not_due', 'pending', 'submitted', 'overdue', 'approved', 'returned'];
const HOUR = 3_600_000;

type Row = Record<string, any>;
/** The test's rows of each source table by id, as stored. */
/** Each table's rows by id (people have uuids). */
type Snapshot = Map<string, Map<string, Row>>;

describe.each(targets)('KPI counters on $name', (target) => {
	const pg = target.env.DB_CLIENT === 'pg';
	const r = generator(SEED);
	let admin: Client;
	let db: Knex;
	const who: Record<'m' | 'a' | 'b', string> = { m: '', a: '', b: '' };
	/** People made and removed within one write. */
	const newcomers: string[] = [];
	/** The month (YYYY-MM) of each plan the test made, as it last set it. */
	const planMonth = new Map<number, string>();
	let now: Snapshot = new Map();
	/** `table.column` a write changed, `table+` and `table-` where rows came and went. */
	const changed = new Set<string>();
	let n = 0;
	const uid = () => `${target.name}${Date.now() % 1e8}${n++}`;

	// Values: days and instants of the file's year, a quarter of them at a month's edge in Shanghai.
	const months = Array.from({ length: 12 }, (_, i) => `${YEAR}-${pad(i + 1)}`);
	const month = () => r.pick(months);
	const dayIn = (m: string) => `${m}-${pad(r.chance(0.25) ? r.pick([1, 28]) : r.int(1, 28))}`;
	const day = () => dayIn(month());
	const instant = () => {
		const m = month();
		const edge = Date.parse(`${m}-01T00:00:00+08:00`);
		return new Date(r.chance(0.25) ? edge + r.pick([-1, 1]) * r.int(1, 90) * 60_000 : edge + r.int(0, 27 * 24) * HOUR);
	};
	const money = () => r.int(0, 200_000) / 100;
	const owner = (current?: string) => (current === who.a ? who.b : current === who.b ? who.a : r.pick([who.a, who.b]));
	/** As stored by plain SQL: SQLite keeps instants and dates as epoch milliseconds. */
	const stamp = (d: Date | null) => (d === null || pg ? d : d.getTime());
	const date = (d: string) => dateValue(target, d);

	/** A write's data once it succeeded; the test's rows are read again after it. */
	const ok = async (sent: Response | Promise<Response>, what: string) => {
		const res = await sent;
		expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
		await observe();
		return res.body?.data;
	};
	const flow = async (path: string, body: Record<string, unknown> = {}) =>
		await ok(admin.post(`/visit-flow/${path}`, body), path);
	const gql = async (query: string) => {
		const res = await admin.graphql(query);
		expect(res.body.errors, `${query}: ${JSON.stringify(res.body)}`).toBeUndefined();
		await observe();
		return res.body.data;
	};
	const upload = async (collection: string, content: string, type: 'csv' | 'json') =>
		await ok(
			await admin.upload(
				`/utils/import/${collection}`,
				new Blob([content], { type: type === 'csv' ? 'text/csv' : 'application/json' }),
				`${collection}.${type}`,
			),
			`import ${collection}`,
		);
	const csv = (rows: Row[]) =>
		[Object.keys(rows[0]!).join(','), ...rows.map((row) => Object.values(row).join(','))].join('\n');
	const sqlSet = async (table: string, id: number, values: Row) => {
		await db(table).where({ id }).update(values);
		await observe();
	};
	const sqlDelete = async (table: string, id: number) => {
		// SQLite enforces foreign keys (and so cascades) only on connections that ask, as Directus's do.
		if (!pg) await db.raw('PRAGMA foreign_keys = ON');
		await db(table).where({ id }).del();
		await observe();
	};
	const sqlInsert = async (table: string, row: Row) => {
		const id = await insertRow(target, table, row);
		await observe();
		return id;
	};

	// The test's rows, as last read.
	const rows = (table: string, where: (row: Row) => boolean = () => true) =>
		[...now.get(table)!.values()].filter(where);
	const one = (table: string, where?: (row: Row) => boolean): Row | null => {
		const list = rows(table, where);
		return list.length ? r.pick(list) : null;
	};
	/** One of the test's rows, or the row `make` makes (its id) when there is none. */
	const oneOr = async (table: string, make: () => Promise<number>, where?: (row: Row) => boolean): Promise<Row> =>
		one(table, where) ??
		(await db(table)
			.where('id', await make())
			.first());
	const contactsOf = (customer: number) => rows('contacts', (k) => k.customer === customer).length;

	function mine(table: string) {
		const people = [...Object.values(who), ...newcomers];
		if (table === 'contacts')
			return db(table).whereIn('customer', db('customers').whereIn('owner', people).select('id'));
		if (table === 'visit_plan_items')
			return db(table).whereIn('plan', db('visit_plans').whereIn('owner', people).select('id'));
		if (table === 'directus_users') return db(table).whereIn('id', people);
		if (table === 'lead_grade_changes')
			return db(table).whereIn('customer', db('customers').whereIn('owner', people).select('id'));
		if (table === 'visit_quota_rules') return db(table).where('name', 'like', `${RULE}%`);
		if (table === 'payment_schedules' || table === 'payments')
			return db(table).whereIn('order', db('sales_orders').whereIn('owner', people).select('id'));
		return db(table).whereIn(
			table === 'expense_requests' ? 'requester' : table === 'receptions' ? 'host' : 'owner',
			people,
		);
	}

	/** Reads the test's rows again and records which counted columns changed since the last read. */
	async function observe() {
		const next: Snapshot = new Map();
		for (const { table } of SOURCES)
			next.set(table, new Map((await mine(table).select('*')).map((row: Row) => [String(row.id), row])));
		const same = (x: unknown, y: unknown) =>
			(x instanceof Date ? x.getTime() : String(x)) === (y instanceof Date ? y.getTime() : String(y));
		for (const { table, columns } of SOURCES) {
			const [before, after] = [now.get(table) ?? new Map<string, Row>(), next.get(table)!];
			for (const [id, row] of after) {
				const old = before.get(id);
				if (!old) changed.add(`${table}+`);
				else for (const c of columns) if (!same(old[c], row[c])) changed.add(`${table}.${c}`);
			}
			for (const id of before.keys()) if (!after.has(id)) changed.add(`${table}-`);
		}
		now = next;
	}

	/**
	 * No counter differs from a fresh computation. The server's writes derived after a save (a
	 * churn stamp, a first revisit) may still be under way: the comparison waits for them, and a
	 * counter that is wrong stays wrong (the triggers add and take off, nothing recomputes it).
	 */
	async function expectNoDrift(after: string) {
		await eventually(async () => {
			const drift = await counterDrift(db);
			expect(drift, `counters drifted after ${after} (seed ${SEED}):\n${drift.join('\n')}`).toEqual([]);
		}, 5_000);
	}

	// Rows the writes need, made on demand (through REST unless said).
	async function customer(extra: Row = {}, contacts = r.int(0, 2)): Promise<number> {
		const complete = r.chance(0.6);
		const res = await admin.post('/items/customers', {
			name: `计数测试客户${uid()}`,
			code: `CT${uid()}`.slice(0, 20),
			tier: r.pick(TIERS),
			category: r.pick(CATEGORIES),
			region_scope: r.pick(SCOPES),
			owner: owner(),
			province: complete ? '浙江省' : null,
			city: '杭州市',
			address: complete ? '计数路1号' : null,
			latitude: complete ? 30.25 : null,
			longitude: complete ? 120.15 : null,
			contacts: Array.from({ length: contacts }, (_, i) => ({ name: `联系人${i}` })),
			...extra,
		});
		return (await ok(res, 'create customer')).id;
	}
	const anyCustomer = async () => one('customers')?.id ?? (await customer());
	/** A customer of the person's (other than `not`). */
	const customerOf = async (person: string, not?: number): Promise<number> =>
		one('customers', (c) => c.owner === person && c.id !== not)?.id ?? (await customer({ owner: person }));

	async function visit(extra: Row = {}): Promise<number> {
		const person = extra.owner ?? owner();
		const res = await admin.post('/items/visits', {
			owner: person,
			customer: await customerOf(person),
			purpose: 'relationship',
			channel: r.pick(CHANNELS),
			scheduled_start: instant().toISOString(),
			...extra,
		});
		return (await ok(res, 'create visit')).id;
	}
	const scheduled = async () => one('visits', (v) => v.status === 'scheduled')?.id ?? (await visit());
	async function checkIn(id: number) {
		const v = (await admin.data(`/items/visits/${id}`)) as Row;
		// The application flow is not under test here: approved by SQL, whether or not the server has
		// yet derived that the visit needs one (it derives only while none is recorded).
		if (v.application_status !== 'approved') await sqlSet('visits', id, { application_status: 'approved' });
		// Check-in is accepted on the visit's day only (check_in_window_hours): moved to now by SQL first,
		// as a rescheduled visit would be.
		await sqlSet('visits', id, { scheduled_start: stamp(new Date()) });
		const c = (await admin.data(`/items/customers/${v.customer}?fields=latitude,longitude`)) as Row;
		const outside = r.chance(0.3);
		const at =
			c.latitude === null
				? { latitude: 30.25, longitude: 120.15 }
				: { latitude: Number(c.latitude), longitude: Number(c.longitude) };
		const fix = { ...at, latitude: at.latitude + (outside ? 0.02 : 0), accuracy: 15, timestamp: Date.now() };
		const res = await admin.post(`/visit-flow/visits/${id}/check-in`, { ...fix, reason: '客户临时改址' });
		// A hard geofence refuses outside: then from the door.
		if (res.status === 422 && outside)
			await flow(`visits/${id}/check-in`, { ...at, accuracy: 15, timestamp: Date.now() });
		else await ok(res, 'check-in');
	}
	async function inProgress() {
		const found = one('visits', (v) => v.status === 'in_progress');
		if (found) return found.id as number;
		const id = await scheduled();
		await checkIn(id);
		return id;
	}
	async function completed(reportStatuses = ['pending', 'returned', 'overdue']) {
		const found = one('visits', (v) => v.status === 'completed' && reportStatuses.includes(v.report_status));
		if (found) return found.id as number;
		const id = await inProgress();
		await flow(`visits/${id}/check-out`);
		return id;
	}

	/** A month plan of the person's with items on their customers (REST, nested). */
	async function plan(person = owner()): Promise<number> {
		const m = month();
		// One after the other: a seed replays the same choices only in the same order.
		const items = [];
		for (let i = r.int(1, 3); i > 0; i--)
			items.push({ customer: await customerOf(person), planned_date: dayIn(m), purpose: 'relationship' });
		const res = await admin.post('/items/visit_plans', {
			owner: person,
			period_type: 'month',
			period_start: `${m}-01`,
			period_end: `${m}-28`,
			items,
		});
		const id = (await ok(res, 'create plan')).id as number;
		planMonth.set(id, m);
		return id;
	}
	/** A draft whose items' customers are all its owner's (a submission checks it). */
	async function submittable(): Promise<number> {
		const found = one(
			'visit_plans',
			(p) =>
				p.status === 'draft' &&
				planMonth.has(p.id) &&
				rows('visit_plan_items', (i) => i.plan === p.id).length > 0 &&
				rows('visit_plan_items', (i) => i.plan === p.id).every(
					(i) => now.get('customers')!.get(i.customer)?.owner === p.owner,
				),
		);
		return found?.id ?? (await plan());
	}
	async function submitted() {
		const found = one('visit_plans', (p) => p.status === 'submitted');
		if (found) return found.id as number;
		const id = await submittable();
		await flow(`plans/${id}/submit`);
		return id;
	}
	async function approved() {
		const found = one('visit_plans', (p) => p.status === 'approved' && planMonth.has(p.id));
		if (found) return found.id as number;
		const id = await submitted();
		await flow(`plans/${id}/approve`);
		return id;
	}

	async function order(extra: Row = {}): Promise<Row> {
		const person = owner();
		return {
			order_no: `CT${uid()}`,
			customer: await customerOf(person),
			owner: person,
			signed_at: day(),
			amount: money(),
			paid_amount: money(),
			status: r.pick(ORDER_STATUSES),
			...extra,
		};
	}
	const target_ = () => ({
		owner: owner(),
		period_start: `${month()}-01`,
		sales_amount: r.chance(0.8) ? money() : null,
		new_customers: r.chance(0.8) ? r.int(0, 5) : null,
		expense_budget: r.chance(0.8) ? money() : null,
		visits: r.chance(0.8) ? r.int(0, 40) : null,
		revisits: r.chance(0.8) ? r.int(0, 10) : null,
		calls: r.chance(0.8) ? r.int(0, 60) : null,
		collection_amount: r.chance(0.8) ? money() : null,
	});
	/** Weekly reports made by SQL start on a day of the year none before took: one per owner, type and start. */
	let reportDay = 0;
	/** `person|YYYY-MM` of the monthly reports the test made. */
	const reportMonths = new Set<string>();
	const reportStart = () => {
		const d = new Date(Date.UTC(YEAR, 0, 1 + (reportDay++ % 365)));
		return d.toISOString().slice(0, 10);
	};
	async function revisit(extra: Row = {}) {
		const person = owner();
		return {
			customer: await customerOf(person),
			kind: 'maintenance',
			channel: 'phone',
			due_date: day(),
			owner: person,
			...extra,
		};
	}
	async function followUp() {
		const person = owner();
		return { customer: await customerOf(person), owner: person, description: '寄送样品', due_date: day() };
	}
	async function complaint(): Promise<number> {
		const person = owner();
		const res = await admin.post('/items/complaints', {
			customer: await customerOf(person),
			owner: person,
			received_at: instant().toISOString(),
			description: '到货破损',
			severity: 'medium',
		});
		const id = (await ok(res, 'create complaint')).id;
		// Its response deadline is derived after the save: a backdated one must not be overwritten.
		await eventually(async () =>
			expect((await db('complaints').where({ id }).first('response_due_at')).response_due_at).not.toBeNull(),
		);
		return id;
	}
	async function expense(): Promise<number> {
		const v = await visit();
		const res = await admin.post('/items/expense_requests', {
			requester: (await db('visits').where('id', v).first('owner')).owner,
			visit: v,
			kind: r.pick(['gift', 'entertainment', 'travel', 'materials']),
			amount: money(),
		});
		return (await ok(res, 'create expense')).id;
	}
	/** A row the test may delete: one that nothing else points at. */
	const free = async (table: string, where: (row: Row) => boolean = () => true) => {
		const refs: Record<string, [string, string][]> = {
			visits: [
				['expense_requests', 'visit'],
				['follow_ups', 'visit'],
				['visit_reports', 'visit'],
			],
			sales_orders: [
				['revisits', 'source_order'],
				['payment_schedules', 'order'],
				['payments', 'order'],
			],
			opportunities: [['quotes', 'opportunity']],
			complaints: [['revisits', 'source_complaint']],
			receptions: [
				['follow_ups', 'reception'],
				['expense_requests', 'reception'],
			],
		};
		for (const row of r.shuffle(rows(table, where))) {
			let used = false;
			for (const [t, c] of refs[table] ?? []) used ||= !!(await db(t).where(c, row.id).first('id'));
			if (!used) return row.id as number;
		}
		return null;
	};

	/** Every write path, by what it does; each makes the rows it needs when the test has none. */
	const writes: [string, () => Promise<unknown>][] = [
		// Customers: every counted column, a churn, an owner change, the only contact, a cascade.
		[
			'REST PATCH a customer (owner, status, completeness fields)',
			async () => {
				const c = await oneOr('customers', () => customer());
				const fields: Record<string, () => unknown> = {
					tier: () => r.other(TIERS, c.tier),
					category: () => r.other(CATEGORIES, c.category),
					region_scope: () => r.other(SCOPES, c.region_scope),
					province: () => (c.province ? r.pick([null, '']) : '浙江省'),
					city: () => (c.city ? null : '杭州市'),
					address: () => (c.address ? '' : '计数路2号'),
					latitude: () => (c.latitude === null ? 30.26 : null),
					longitude: () => (c.longitude === null ? 120.16 : null),
					owner: () => owner(c.owner),
					status: () => r.other(CUSTOMER_STATUSES, c.status),
				};
				const patch = Object.fromEntries(
					r
						.shuffle(Object.keys(fields))
						.slice(0, 4)
						.map((f) => [f, fields[f]!()]),
				);
				await ok(admin.patch(`/items/customers/${c.id}`, patch), 'patch customer');
			},
		],
		[
			'REST PATCH customers in a batch: churn and back (churned_at stamped after the save)',
			async () => {
				const keys = r
					.shuffle(rows('customers'))
					.slice(0, 2)
					.map((c) => c.id);
				if (keys.length < 2) keys.push(await customer(), await customer());
				await ok(admin.patch('/items/customers', { keys, data: { status: 'churned' } }), 'churn');
				await eventually(async () =>
					expect((await db('customers').whereIn('id', keys).whereNull('churned_at')).length).toBe(0),
				);
				if (r.chance(0.5)) await ok(admin.patch('/items/customers', { keys, data: { status: 'active' } }), 'unchurn');
			},
		],
		[
			'GraphQL: create a customer with contacts, update customers (owner, province)',
			async () => {
				const data = await gql(
					`mutation { create_customers_item(data: { name: "计数GQL${uid()}", code: "CG${uid()}", tier: "B", category: "key", region_scope: "local", owner: { id: "${owner()}" }, province: "浙江省", city: "杭州市", address: "路1号", latitude: 30.2, longitude: 120.1, contacts: [{ name: "甲" }] }) { id } }`,
				);
				const id = data.create_customers_item.id;
				const other = await anyCustomer();
				await gql(
					`mutation { update_customers_items(ids: [${id}, ${other}], data: { owner: { id: "${owner()}" }, province: ${r.chance(0.5) ? 'null' : '"江苏省"'} }) { id } }`,
				);
			},
		],
		[
			'import customers (CSV)',
			async () => {
				await upload(
					'customers',
					csv(
						Array.from({ length: 2 }, () => ({
							name: `计数导入${uid()}`,
							code: `CI${uid()}`,
							tier: r.pick(TIERS),
							category: r.pick(CATEGORIES),
							region_scope: r.pick(SCOPES),
							owner: owner(),
							status: r.pick(CUSTOMER_STATUSES),
							province: '浙江省',
							city: '杭州市',
							address: '导入路3号',
							latitude: 30.3,
							longitude: 120.2,
						})),
					),
					'csv',
				);
			},
		],
		[
			'SQL: a customer’s columns, churned_at without the status and back',
			async () => {
				const c = await oneOr('customers', () => customer());
				await sqlSet('customers', c.id, {
					churned_at: stamp(c.churned_at === null ? instant() : null),
					status: r.other(CUSTOMER_STATUSES, c.status),
					tier: r.other(TIERS, c.tier),
					category: r.other(CATEGORIES, c.category),
					region_scope: r.other(SCOPES, c.region_scope),
					province: c.province ? null : '浙江省',
					city: c.city ? '' : '杭州市',
					address: c.address ? null : '路4号',
					latitude: c.latitude === null ? 30.1 : null,
					longitude: c.longitude === null ? 120.1 : null,
					owner: owner(c.owner),
				});
			},
		],
		[
			'delete a customer with its contacts (cascade), through REST or SQL',
			async () => {
				const id = await customer({}, 2);
				if (r.chance(0.5)) await ok(admin.delete(`/items/customers/${id}`), 'delete customer');
				else await sqlDelete('customers', id);
			},
		],
		// Contacts: a customer's only contact comes and goes (its completeness), contacts move.
		[
			'REST POST the only contact of a customer',
			async () => {
				const c = one('customers', (x) => contactsOf(x.id) === 0)?.id ?? (await customer({}, 0));
				await ok(admin.post('/items/contacts', { customer: c, name: '唯一联系人' }), 'add contact');
			},
		],
		[
			'REST DELETE the only contact of a customer',
			async () => {
				let c = one('customers', (x) => contactsOf(x.id) === 1)?.id;
				c ??= await customer({}, 1);
				const k = (await db('contacts').where('customer', c).first('id')).id;
				await ok(admin.delete(`/items/contacts/${k}`), 'delete contact');
			},
		],
		[
			'REST PATCH a contact to another customer; GraphQL moves one back',
			async () => {
				const k = await oneOr(
					'contacts',
					async () =>
						(await ok(admin.post('/items/contacts', { customer: await anyCustomer(), name: '乙' }), 'contact')).id,
				);
				const to = await customer({}, 0);
				await ok(admin.patch(`/items/contacts/${k.id}`, { customer: to }), 'move contact');
				if (r.chance(0.5))
					await gql(
						`mutation { update_contacts_items(ids: [${k.id}], data: { customer: { id: ${await anyCustomer()} } }) { id } }`,
					);
			},
		],
		[
			'import contacts (JSON), then DELETE them in a batch',
			async () => {
				const c = await anyCustomer();
				await upload(
					'contacts',
					JSON.stringify([
						{ customer: c, name: '丙' },
						{ customer: await anyCustomer(), name: '丁' },
					]),
					'json',
				);
				const ids = (await db('contacts').where('customer', c).select('id')).map((k: Row) => k.id);
				await ok(admin.request('DELETE', '/items/contacts', ids.slice(0, r.int(1, ids.length))), 'delete contacts');
			},
		],
		[
			'SQL: insert and delete contacts',
			async () => {
				const c = one('customers', (x) => contactsOf(x.id) === 0)?.id ?? (await customer({}, 0));
				const k = await sqlInsert('contacts', { customer: c, name: '戊' });
				if (r.chance(0.5)) await sqlDelete('contacts', k);
				const other = one('contacts');
				if (other) await sqlSet('contacts', other.id, { customer: await anyCustomer() });
			},
		],
		// Orders: the first order of a customer cancelled and back, every counted column.
		[
			'REST POST an order, then an array of orders for one customer',
			async () => {
				await ok(admin.post('/items/sales_orders', await order()), 'create order');
				const first = await order();
				await ok(
					await admin.post('/items/sales_orders', [
						first,
						await order({ customer: first.customer, owner: first.owner }),
					]),
					'create orders',
				);
			},
		],
		[
			'REST PATCH an order (status, amounts, signed_at, owner, customer)',
			async () => {
				const o = await oneOr(
					'sales_orders',
					async () => (await ok(admin.post('/items/sales_orders', await order()), 'order')).id,
				);
				const fields: Record<string, () => Promise<unknown> | unknown> = {
					status: () => r.other(ORDER_STATUSES, o.status),
					amount: money,
					paid_amount: () => (r.chance(0.2) ? null : money()),
					signed_at: day,
					owner: () => owner(o.owner),
					customer: anyCustomer,
				};
				const patch: Row = {};
				for (const f of r.shuffle(Object.keys(fields)).slice(0, 3)) patch[f] = await fields[f]!();
				await ok(admin.patch(`/items/sales_orders/${o.id}`, patch), 'patch order');
			},
		],
		[
			'batch PATCH: cancel a customer’s first order, then un-cancel it',
			async () => {
				let o = one('sales_orders', (x) => x.status !== 'cancelled');
				if (!o)
					o = { id: (await ok(admin.post('/items/sales_orders', await order({ status: 'signed' })), 'order')).id };
				const c = (await db('sales_orders').where('id', o.id).first('customer')).customer;
				const first = await db('sales_orders')
					.where('customer', c)
					.whereNot('status', 'cancelled')
					.orderBy('signed_at')
					.first('id');
				await ok(admin.patch('/items/sales_orders', { keys: [first.id], data: { status: 'cancelled' } }), 'cancel');
				await expectNoDrift('cancelling a first order');
				if (r.chance(0.7))
					await ok(admin.patch('/items/sales_orders', { keys: [first.id], data: { status: 'signed' } }), 'un-cancel');
			},
		],
		[
			'GraphQL: update orders (status, amount, customer), delete one',
			async () => {
				const ids = r
					.shuffle(rows('sales_orders'))
					.slice(0, 2)
					.map((o) => o.id);
				if (!ids.length) ids.push((await ok(admin.post('/items/sales_orders', await order()), 'order')).id);
				await gql(
					`mutation { update_sales_orders_items(ids: [${ids}], data: { status: "${r.pick(ORDER_STATUSES)}", amount: ${money()}, customer: { id: ${await anyCustomer()} } }) { id } }`,
				);
				const gone = await free('sales_orders');
				if (gone) await gql(`mutation { delete_sales_orders_items(ids: [${gone}]) { ids } }`);
			},
		],
		[
			'import orders: new ones from CSV, existing ones upserted from JSON',
			async () => {
				await upload('sales_orders', csv([await order(), await order()]), 'csv');
				const o = one('sales_orders');
				if (o)
					await upload(
						'sales_orders',
						JSON.stringify([
							{ id: o.id, status: r.other(ORDER_STATUSES, o.status), paid_amount: money(), signed_at: day() },
						]),
						'json',
					);
			},
		],
		[
			'SQL: insert, update and delete orders',
			async () => {
				const o = await order();
				const id = await sqlInsert('sales_orders', { ...o, signed_at: date(o.signed_at) });
				await sqlSet('sales_orders', id, {
					status: r.pick(ORDER_STATUSES),
					amount: money(),
					paid_amount: money(),
					signed_at: date(day()),
					owner: owner(o.owner),
					customer: await customerOf(o.owner, o.customer),
				});
				const gone = await free('sales_orders');
				if (gone && r.chance(0.5)) await sqlDelete('sales_orders', gone);
			},
		],
		[
			'REST DELETE an order',
			async () => {
				const gone =
					(await free('sales_orders')) ?? (await ok(admin.post('/items/sales_orders', await order()), 'order')).id;
				await ok(admin.delete(`/items/sales_orders/${gone}`), 'delete order');
			},
		],
		// Opportunities: closing (win rate) and the open stages' stocks (pipeline).
		[
			'REST POST and PATCH an opportunity; SQL: its stage, closing, amount, probability and owner; delete one',
			async () => {
				const person = owner();
				const id = (
					await ok(
						admin.post('/items/opportunities', {
							name: `计数商机${uid()}`,
							customer: await customerOf(person),
							owner: person,
							amount: money(),
							probability: r.int(0, 100),
						}),
						'create opportunity',
					)
				).id;
				await ok(
					admin.patch(`/items/opportunities/${id}`, { amount: money(), probability: r.int(0, 100) }),
					'patch opportunity',
				);
				// Closed, then maybe moved back to an open stage (no flow does: SQL may).
				await sqlSet('opportunities', id, {
					stage: r.pick(['won', 'lost']),
					closed_at: stamp(instant()),
					amount: r.chance(0.1) ? null : money(),
					probability: r.chance(0.1) ? null : r.int(0, 100),
					owner: owner(person),
				});
				if (r.chance(0.5)) await sqlSet('opportunities', id, { stage: r.pick(STAGES.slice(0, 4)), closed_at: null });
				const gone = await free('opportunities');
				if (gone) {
					if (r.chance(0.5)) await ok(admin.delete(`/items/opportunities/${gone}`), 'delete opportunity');
					else await sqlDelete('opportunities', gone);
				}
			},
		],
		// Quotes: sent (on time or late) and approved (discount) by month.
		[
			'REST POST a quote with a line (totals derived); SQL: insert, update and delete quotes',
			async () => {
				const person = owner();
				const product = (await db('products').where('active', true).first('id', 'list_price'))!;
				const made = (
					await ok(
						admin.post('/items/quotes', {
							customer: await customerOf(person),
							owner: person,
							requested_at: instant().toISOString(),
							lines: [{ product: product.id, quantity: r.int(1, 5), unit_price: Number(product.list_price) * 0.9 }],
						}),
						'create quote',
					)
				).id;
				// Its totals are derived after the save: the counters follow that write too.
				await eventually(async () =>
					expect((await db('quotes').where({ id: made }).first('list_total')).list_total).not.toBeNull(),
				);
				const quote = () => {
					const status = r.pick(QUOTE_STATUSES);
					const sent = ['sent', 'accepted', 'expired'].includes(status) || r.chance(0.1);
					return {
						status,
						decided_at: status === 'draft' && r.chance(0.8) ? null : stamp(instant()),
						sent_at: sent ? stamp(instant()) : null,
						sent_late: sent && r.chance(0.4),
						list_total: r.chance(0.1) ? null : money(),
						net_total: r.chance(0.1) ? null : money(),
					};
				};
				const first = quote();
				const id = await sqlInsert('quotes', {
					quote_no: `CT${uid()}`,
					customer: await customerOf(person),
					owner: person,
					requested_at: stamp(instant()),
					...first,
				});
				// Every counted column changes.
				await sqlSet('quotes', id, {
					...quote(),
					status: r.other(QUOTE_STATUSES, first.status),
					decided_at: stamp(instant()),
					sent_at: stamp(instant()),
					sent_late: !first.sent_late,
					list_total: money(),
					net_total: money(),
					owner: owner(person),
				});
				await sqlSet('quotes', made, quote());
				// Through REST only while a draft (a quote past it is locked), else by SQL.
				const gone = await free('quotes');
				if (gone) {
					if (now.get('quotes')!.get(String(gone))!.status === 'draft' && r.chance(0.7))
						await ok(admin.delete(`/items/quotes/${gone}`), 'delete quote');
					else await sqlDelete('quotes', gone);
				}
			},
		],
		// Payment schedules of the test's orders: due and collected by due month, open by due day, an order's last due date.
		[
			'SQL: insert, update and delete payment schedules',
			async () => {
				/** One of the test's orders (other than `not`), or a new one. */
				const orderOf = async (not?: number) =>
					one('sales_orders', (o) => o.id !== not)?.id ??
					(await sqlInsert('sales_orders', { ...(await order()), signed_at: date(day()) }));
				const schedule = async (due = day()) => {
					const amount = money();
					return {
						order: await orderOf(),
						due_date: date(due),
						amount,
						paid_amount: r.pick([0, amount, Math.round(amount * 50) / 100]),
						status: r.pick(SCHEDULE_STATUSES),
					};
				};
				const due = day();
				const first = await schedule(due);
				const id = await sqlInsert('payment_schedules', first);
				// Every counted column changes.
				await sqlSet('payment_schedules', id, {
					...(await schedule(dayIn(r.other(months, due.slice(0, 7))))),
					order: await orderOf(first.order),
					amount: first.amount + 1,
					paid_amount: first.paid_amount + 1,
					status: r.other(SCHEDULE_STATUSES, first.status),
				});
				await sqlInsert('payment_schedules', await schedule());
				await sqlDelete('payment_schedules', one('payment_schedules', (x) => x.id !== id)!.id);
			},
		],
		// Payments received for the test's orders (the collection target): by the flow, and by SQL.
		[
			'flow: Finance records a payment on an order (POST /visit-flow/orders/:id/payments)',
			async () => {
				const o = await order({ status: 'signed', amount: 1000, paid_amount: 0 });
				const id = await sqlInsert('sales_orders', { ...o, signed_at: date(o.signed_at) });
				await flow(`orders/${id}/payments`, { amount: r.int(1, 500), method: 'bank_transfer' });
			},
		],
		[
			'SQL: insert, update and delete payments',
			async () => {
				/** One of the test's orders (other than `not`), or a new one. */
				const orderOf = async (not?: number) =>
					one('sales_orders', (o) => o.id !== not)?.id ??
					(await sqlInsert('sales_orders', { ...(await order()), signed_at: date(day()) }));
				const payment = async () => ({
					order: await orderOf(),
					amount: money(),
					received_at: stamp(instant()),
					method: 'bank_transfer',
				});
				const first = await payment();
				const id = await sqlInsert('payments', first);
				// Every counted column changes: another order, amount and instant.
				const at = instant();
				await sqlSet('payments', id, {
					order: await orderOf(first.order),
					amount: first.amount + 1,
					received_at: stamp(
						at.getTime() === (first.received_at instanceof Date ? first.received_at.getTime() : first.received_at)
							? new Date(at.getTime() + 1)
							: at,
					),
				});
				await sqlInsert('payments', await payment());
				await sqlDelete('payments', one('payments', (x) => x.id !== id)!.id);
			},
		],
		// Weekly and monthly reports (on time against due_at).
		[
			'REST POST a monthly report, submit it through the flow; DELETE a draft',
			async () => {
				const person = owner();
				// One a person and month: months this test used are not used again (12 a person, one a round).
				const free_ = months.filter((m) => !reportMonths.has(`${person}|${m}`));
				if (!free_.length) return;
				const m = r.pick(free_);
				reportMonths.add(`${person}|${m}`);
				const id = (
					await ok(
						admin.post('/items/periodic_reports', {
							owner: person,
							period_type: 'month',
							period_start: `${m}-01`,
							summary: '本月拜访 12 家客户',
							market_analysis: '华东需求回暖',
						}),
						'create report',
					)
				).id;
				await eventually(async () =>
					expect((await db('periodic_reports').where({ id }).first('due_at')).due_at).not.toBeNull(),
				);
				if (r.chance(0.7)) await flow(`periodic-reports/${id}/submit`);
				else await ok(admin.delete(`/items/periodic_reports/${id}`), 'delete report');
			},
		],
		[
			'SQL: insert, update and delete weekly reports',
			async () => {
				const report = () => {
					const submitted = r.chance(0.6);
					return {
						owner: owner(),
						period_type: 'week',
						period_start: date(reportStart()),
						due_at: stamp(instant()),
						submitted_at: submitted ? stamp(instant()) : null,
						late: submitted && r.chance(0.4),
						status: submitted ? 'submitted' : 'draft',
					};
				};
				const first = report();
				const id = await sqlInsert('periodic_reports', first);
				// Every counted column changes.
				await sqlSet('periodic_reports', id, {
					owner: owner(first.owner),
					due_at: stamp(new Date(instant().getTime() + 1)),
					submitted_at: first.submitted_at === null ? stamp(instant()) : null,
					late: !first.late,
					status: first.submitted_at === null ? 'submitted' : 'returned',
				});
				await sqlInsert('periodic_reports', report());
				await sqlDelete('periodic_reports', one('periodic_reports', (x) => x.id !== id)!.id);
			},
		],
		// Receptions (reports on time against report_due_at).
		[
			'flow: a reception requested (REST), approved, arrived, left and reported; REST DELETE a request',
			async () => {
				const person = owner();
				const request = async () =>
					(
						await ok(
							admin.post('/items/receptions', {
								customer: await customerOf(person),
								host: person,
								planned_at: instant().toISOString(),
								visitors: '王总（采购经理）',
							}),
							'request reception',
						)
					).id as number;
				const id = await request();
				for (const step of ['approve', 'arrive', 'leave']) await flow(`receptions/${id}/${step}`);
				await flow(`receptions/${id}/report`, {
					report: '参观车间，客户关心交期',
					promises: [{ text: '三天内寄送样品' }],
				});
				await ok(admin.delete(`/items/receptions/${await request()}`), 'delete reception');
			},
		],
		[
			'SQL: insert, update and delete receptions (host, status, report deadline, late)',
			async () => {
				const reception = async () => {
					const person = owner();
					const reported = r.chance(0.6);
					return {
						customer: await customerOf(person),
						host: person,
						planned_at: stamp(instant()),
						status: reported ? 'reported' : r.pick(['held', 'approved', 'cancelled']),
						report_due_at: reported || r.chance(0.5) ? stamp(instant()) : null,
						report: reported ? '客户满意' : null,
						report_late: reported && r.chance(0.4),
					};
				};
				const first = await reception();
				const id = await sqlInsert('receptions', first);
				// Every counted column changes.
				await sqlSet('receptions', id, {
					host: owner(first.host),
					status: first.status === 'reported' ? 'held' : 'reported',
					report_due_at: stamp(new Date(instant().getTime() + 1)),
					report_late: !first.report_late,
				});
				await sqlInsert('receptions', await reception());
				await sqlDelete('receptions', (await free('receptions', (x) => x.id !== id)) ?? id);
			},
		],
		// Targets.
		[
			'REST: POST, PATCH and DELETE targets',
			async () => {
				const made = target_();
				const id = (await ok(admin.post('/items/sales_targets', made), 'create target')).id;
				const t = {
					...target_(),
					owner: owner(made.owner),
					period_start: `${r.other(months, made.period_start.slice(0, 7))}-01`,
				};
				await ok(admin.patch(`/items/sales_targets/${id}`, t), 'patch target');
				const gone = one('sales_targets');
				if (gone) await ok(admin.delete(`/items/sales_targets/${gone.id}`), 'delete target');
			},
		],
		[
			'GraphQL create a target; batch PATCH targets; import targets (CSV)',
			async () => {
				const t = target_();
				await gql(
					`mutation { create_sales_targets_item(data: { owner: { id: "${t.owner}" }, period_start: "${t.period_start}", sales_amount: ${t.sales_amount}, new_customers: ${t.new_customers}, expense_budget: ${t.expense_budget} }) { id } }`,
				);
				const keys = r
					.shuffle(rows('sales_targets'))
					.slice(0, 2)
					.map((x) => x.id);
				if (keys.length)
					await ok(
						admin.patch('/items/sales_targets', { keys, data: { owner: owner(), sales_amount: money() } }),
						'batch',
					);
				await upload(
					'sales_targets',
					csv([{ ...target_(), sales_amount: money(), new_customers: 1, expense_budget: money() }]),
					'csv',
				);
			},
		],
		[
			'SQL: a target’s columns',
			async () => {
				const t = await oneOr('sales_targets', () =>
					sqlInsert('sales_targets', { ...target_(), period_start: date(`${month()}-01`) }),
				);
				// Every counted column changes; only an approved month target not replaced by a revision counts, so those change too.
				await sqlSet('sales_targets', t.id, {
					owner: owner(t.owner),
					sales_amount: Number(t.sales_amount ?? 0) + 1,
					new_customers: Number(t.new_customers ?? 0) + 1,
					expense_budget: Number(t.expense_budget ?? 0) + 1,
					visits: Number(t.visits ?? 0) + 1,
					revisits: Number(t.revisits ?? 0) + 1,
					calls: Number(t.calls ?? 0) + 1,
					collection_amount: Number(t.collection_amount ?? 0) + 1,
					period_start: date(`${month()}-01`),
					period_type: t.period_type === 'month' ? 'year' : 'month',
					status: t.status === 'approved' ? 'draft' : 'approved',
					superseded_by: t.superseded_by === null ? t.id : null,
				});
			},
		],
		// Visits.
		[
			'REST POST a visit, then an array of visits',
			async () => {
				await visit();
				const person = owner();
				const c = await customerOf(person);
				await ok(
					await admin.post(
						'/items/visits',
						[1, 2].map(() => ({
							owner: person,
							customer: c,
							purpose: 'coverage',
							channel: r.pick(CHANNELS),
							scheduled_start: instant().toISOString(),
						})),
					),
					'create visits',
				);
			},
		],
		[
			'REST PATCH a visit (owner, customer, channel, scheduled_start)',
			async () => {
				// A plan's visit keeps its customer, channel and day (不得擅自更改拜访计划): an unplanned one.
				const v = await oneOr(
					'visits',
					() => visit(),
					(x) => x.plan_item === null,
				);
				const person = owner(v.owner);
				await ok(
					await admin.patch(`/items/visits/${v.id}`, {
						owner: person,
						customer: await customerOf(person, v.customer),
						channel: r.other(CHANNELS, v.channel),
						scheduled_start: instant().toISOString(),
					}),
					'patch visit',
				);
			},
		],
		['flow: check in', async () => checkIn(await scheduled())],
		['flow: check out', async () => flow(`visits/${await inProgress()}/check-out`)],
		[
			'flow: report (with a follow-up), then approved or returned',
			async () => {
				const id = await completed();
				await flow(`visits/${id}/report`, {
					summary: '介绍了新产品，客户有采购意向',
					follow_ups: r.chance(0.5) ? [{ description: '寄送样品', due_date: day() }] : [],
				});
				if (r.chance(0.5)) await flow(`visits/${id}/report/review`, { decision: 'approved' });
				else await flow(`visits/${id}/report/review`, { decision: 'returned', comment: '请补充竞品信息' });
			},
		],
		[
			// Cancelling needs a comment that the items API has no field for: REST and GraphQL take the sweep's "missed".
			'a visit cancelled through the flow, or marked missed through REST or GraphQL status',
			async () => {
				const id = await scheduled();
				const path = r.int(0, 2);
				if (path === 0) await flow(`visits/${id}/cancel`, { comment: '客户改期' });
				else if (path === 1) await ok(admin.patch(`/items/visits/${id}`, { status: 'missed' }), 'miss');
				else await gql(`mutation { update_visits_item(id: ${id}, data: { status: "missed" }) { id } }`);
			},
		],
		[
			'SQL: a visit’s flow-kept columns (stamps, flags, statuses)',
			async () => {
				const v = await oneOr('visits', () => visit());
				await sqlSet('visits', v.id, {
					status: r.pick(['scheduled', 'in_progress', 'completed', 'cancelled', 'missed']),
					unauthorized: !v.unauthorized,
					check_in_at: stamp(r.chance(0.8) ? instant() : null),
					check_out_at: stamp(r.chance(0.8) ? instant() : null),
					report_due_at: stamp(r.chance(0.8) ? instant() : null),
					report_submitted_at: stamp(r.chance(0.5) ? instant() : null),
					report_late: !v.report_late,
					report_status: r.other(REPORT_STATUSES, v.report_status),
					outside_geofence: !v.outside_geofence,
					channel: r.other(CHANNELS, v.channel),
				});
			},
		],
		[
			'SQL: unlink a visit from its plan item, both ways',
			async () => {
				let id = one('visits', (x) => x.plan_item !== null)?.id;
				if (!id) {
					// A plan made here and approved through the flow has a visit for each item.
					const p = await plan();
					await flow(`plans/${p}/submit`);
					await flow(`plans/${p}/approve`);
					id = one('visits', (x) => x.plan_item !== null)!.id;
				}
				await db('visit_plan_items').where('visit', id).update({ visit: null });
				await sqlSet('visits', id, { plan_item: null });
			},
		],
		[
			'DELETE visits: one through REST, a batch',
			async () => {
				const gone = (await free('visits')) ?? (await visit());
				await ok(admin.delete(`/items/visits/${gone}`), 'delete visit');
				const more = [await visit(), await visit()];
				await ok(admin.request('DELETE', '/items/visits', more), 'delete visits');
			},
		],
		// Plans and their items.
		[
			'REST POST a plan with items; PATCH a draft (period, owner, nested items); move, add and delete items',
			async () => {
				const id = await plan();
				const m = r.other(months, planMonth.get(id));
				const person = owner(now.get('visit_plans')!.get(String(id))?.owner);
				const items = await db('visit_plan_items').where('plan', id).select('id');
				const customerId = await customerOf(person);
				await ok(
					await admin.patch(`/items/visit_plans/${id}`, {
						owner: person,
						period_start: `${m}-01`,
						items: {
							create: [],
							update: items.map((i: Row) => ({ id: i.id, planned_date: dayIn(m), customer: customerId })),
							delete: [],
						},
					}),
					'patch plan',
				);
				planMonth.set(id, m);
				const other = await plan(person);
				const moved = items[0]!.id;
				await ok(
					admin.patch(`/items/visit_plan_items/${moved}`, { plan: other, planned_date: dayIn(planMonth.get(other)!) }),
					'move item',
				);
				const added = (
					await ok(
						await admin.post('/items/visit_plan_items', {
							plan: id,
							customer: customerId,
							planned_date: dayIn(m),
							purpose: 'coverage',
						}),
						'add item',
					)
				).id;
				if (r.chance(0.5)) await ok(admin.delete(`/items/visit_plan_items/${added}`), 'delete item');
			},
		],
		[
			'submit a plan: flow endpoint or REST status',
			async () => {
				const id = await submittable();
				if (r.chance(0.5)) await flow(`plans/${id}/submit`);
				else await ok(admin.patch(`/items/visit_plans/${id}`, { status: 'submitted' }), 'submit');
			},
		],
		[
			'approve a plan (schedules and links its visits): flow endpoint, batch PATCH or GraphQL',
			async () => {
				const id = await submitted();
				const path = r.int(0, 2);
				if (path === 0) await flow(`plans/${id}/approve`);
				else if (path === 1)
					await ok(admin.patch('/items/visit_plans', { keys: [id], data: { status: 'approved' } }), 'approve');
				else await gql(`mutation { update_visit_plans_item(id: ${id}, data: { status: "approved" }) { id } }`);
			},
		],
		[
			'reject a plan; revise an approved one and delete it with its items (cascade unlinks the visits)',
			async () => {
				await flow(`plans/${await submitted()}/reject`, { comment: '客户太集中' });
				const id = await approved();
				await flow(`plans/${id}/revise`);
				await ok(admin.delete(`/items/visit_plans/${id}`), 'delete plan');
			},
		],
		[
			'SQL: a plan’s submission stamps and status; delete an approved plan (cascade)',
			async () => {
				const p = await oneOr('visit_plans', () => plan());
				await sqlSet('visit_plans', p.id, {
					submitted_at: stamp(r.chance(0.7) ? instant() : null),
					submitted_late: !p.submitted_late,
					status: r.pick(['draft', 'submitted', 'approved', 'rejected']),
					period_start: date(`${month()}-01`),
					owner: owner(p.owner),
				});
				planMonth.delete(p.id);
				await sqlDelete('visit_plans', await approved());
				const i = one('visit_plan_items');
				if (i) {
					// Its plan may now hold a date outside its period: no submission picks it.
					planMonth.delete(i.plan);
					await sqlSet('visit_plan_items', i.id, { planned_date: date(day()) });
				}
			},
		],
		[
			'GraphQL: create a plan, delete plans',
			async () => {
				const m = month();
				const data = await gql(
					`mutation { create_visit_plans_item(data: { owner: { id: "${owner()}" }, period_type: "month", period_start: "${m}-01", period_end: "${m}-28", status: "draft", submitted_late: false, revision: 1 }) { id } }`,
				);
				planMonth.set(Number(data.create_visit_plans_item.id), m);
				const drafts = rows('visit_plans', (p) => p.status === 'draft').map((p) => p.id);
				await gql(`mutation { delete_visit_plans_items(ids: [${r.shuffle(drafts).slice(0, 1)}]) { ids } }`);
			},
		],
		// Revisits, follow-ups, complaints, expenses.
		[
			'REST POST revisits (one, an array); PATCH one (owner, due date); batch DELETE',
			async () => {
				const id = (await ok(admin.post('/items/revisits', await revisit()), 'revisit')).id;
				await ok(admin.post('/items/revisits', [await revisit(), await revisit()]), 'revisits');
				await ok(
					admin.patch(`/items/revisits/${id}`, { owner: owner(now.get('revisits')!.get(id)?.owner), due_date: day() }),
					'patch',
				);
				const gone = r
					.shuffle(rows('revisits'))
					.slice(0, 2)
					.map((x) => x.id);
				if (gone.length) await ok(admin.request('DELETE', '/items/revisits', gone), 'delete revisits');
			},
		],
		[
			'flow: a revisit done or cancelled',
			async () => {
				const id =
					one('revisits', (x) => x.status === 'scheduled')?.id ??
					(await ok(admin.post('/items/revisits', await revisit()), 'revisit')).id;
				if (r.chance(0.5)) await flow(`revisits/${id}/done`, { satisfaction: r.int(1, 5), notes: '满意' });
				else await flow(`revisits/${id}/cancel`, { comment: '客户搬迁' });
			},
		],
		[
			'SQL: a revisit’s status, due date, owner, done time, channel and satisfaction',
			async () => {
				const x = await oneOr(
					'revisits',
					async () => (await ok(admin.post('/items/revisits', await revisit()), 'revisit')).id,
				);
				// Every counted column changes: done_at to another instant or back to none, the channel to the other one,
				// the satisfaction to another score or back to none.
				const score = x.satisfaction as number | null;
				await sqlSet('revisits', x.id, {
					satisfaction: score === null ? r.int(1, 5) : r.chance(0.5) ? null : r.other([1, 2, 3, 4, 5], score),
					status: r.other(['scheduled', 'done', 'missed', 'cancelled'], x.status),
					due_date: date(day()),
					owner: owner(x.owner),
					done_at: stamp(x.done_at === null ? instant() : r.chance(0.5) ? null : new Date(instant().getTime() + 1)),
					channel: x.channel === 'phone' ? 'onsite' : 'phone',
				});
			},
		],
		[
			'follow-ups: REST POST, PATCH (owner, due date), complete or cancel, GraphQL delete',
			async () => {
				const made = await followUp();
				const id = (await ok(admin.post('/items/follow_ups', made), 'follow-up')).id;
				await ok(
					admin.patch(`/items/follow_ups/${id}`, { owner: owner(made.owner), due_date: day() }),
					'patch follow-up',
				);
				const open = one('follow_ups', (f) => f.status === 'open')?.id ?? id;
				if (r.chance(0.5)) await flow(`follow-ups/${open}/complete`);
				else await flow(`follow-ups/${open}/cancel`, { comment: '客户不需要' });
				const gone = one('follow_ups');
				if (gone) await gql(`mutation { delete_follow_ups_items(ids: [${gone.id}]) { ids } }`);
			},
		],
		[
			'complaints: REST POST, PATCH (received_at, owner), respond and resolve (schedules a revisit)',
			async () => {
				const id = await complaint();
				await ok(
					admin.patch(`/items/complaints/${id}`, {
						received_at: instant().toISOString(),
						owner: owner(now.get('complaints')!.get(String(id))?.owner),
					}),
					'patch',
				);
				const open = one('complaints', (q) => q.status === 'open')?.id ?? id;
				await flow(`complaints/${open}/respond`);
				if (r.chance(0.6)) await flow(`complaints/${open}/resolve`, { resolution: '补发产品并致歉' });
			},
		],
		[
			'SQL: a complaint’s response stamps; GraphQL delete one',
			async () => {
				const q = await oneOr('complaints', complaint);
				await sqlSet('complaints', q.id, {
					responded_at: stamp(r.chance(0.7) ? instant() : null),
					response_late: !q.response_late,
					received_at: stamp(instant()),
					valid: !q.valid,
					resolved_at: q.resolved_at ? null : stamp(instant()),
					resolution_late: !q.resolution_late,
				});
				const gone = (await free('complaints')) ?? (await complaint());
				await gql(`mutation { delete_complaints_items(ids: [${gone}]) { ids } }`);
			},
		],
		[
			'expenses: REST POST, PATCH (amount, requester), approve or reject (flow or REST status), DELETE',
			async () => {
				const id = await expense();
				await ok(
					admin.patch(`/items/expense_requests/${id}`, { amount: money(), requester: owner() }),
					'patch expense',
				);
				const path = r.int(0, 2);
				if (path === 0) await flow(`expenses/${id}/approve`);
				else if (path === 1) await ok(admin.patch(`/items/expense_requests/${id}`, { status: 'approved' }), 'approve');
				else await flow(`expenses/${id}/reject`, { comment: '超标' });
				const gone = one('expense_requests');
				if (gone) await ok(admin.delete(`/items/expense_requests/${gone.id}`), 'delete expense');
			},
		],
		[
			'SQL: an expense’s date_created, status and requester',
			async () => {
				const e = await oneOr('expense_requests', expense);
				await sqlSet('expense_requests', e.id, {
					date_created: stamp(instant()),
					status: r.other(['pending', 'approved', 'rejected'], e.status),
					requester: owner(e.requester),
				});
			},
		],
		// Lead grades: the history (written by the database on each regrade) gives each customer's latest grade.
		[
			'REST and SQL: a customer regraded (a history row), a history row moved in time and regraded, one deleted',
			async () => {
				const c = await oneOr('customers', () => customer());
				await ok(
					admin.patch(`/items/customers/${c.id}`, { lead_grade: r.other(['H', 'A', 'B', 'C', 'O'], c.lead_grade) }),
					'regrade',
				);
				await observe();
				const changes = await db('lead_grade_changes').where('customer', c.id).orderBy('id').select('id', 'to_grade');
				await sqlSet('lead_grade_changes', changes.at(-1)!.id, {
					changed_at: stamp(instant()),
					to_grade: r.other(['H', 'A', 'B', 'C', 'O'], changes.at(-1)!.to_grade),
					customer: await customerOf(c.owner, c.id),
				});
				await observe();
				await expectNoDrift('a history row moved to another customer, time and grade');
				await sqlDelete('lead_grade_changes', changes[0]!.id);
			},
		],
		// Quota standing: which rule applies to a customer moves with the rules and its owner's position.
		[
			'REST and SQL: a quota rule for these reps’ customers comes, changes every condition, and goes',
			async () => {
				const rule = await ok(
					admin.post('/items/visit_quota_rules', {
						name: `${RULE}${uid()}`,
						tier: r.pick(TIERS),
						position: 'rep',
						min_visits: r.int(1, 2),
						period: r.pick(['month', 'quarter', 'half_year', 'year']),
						channel: r.pick(['any', 'onsite']),
						priority: 100,
						active: true,
					}),
					'create rule',
				);
				await observe();
				await ok(
					admin.patch(`/items/visit_quota_rules/${rule.id}`, {
						tier: null,
						category: r.pick(CATEGORIES),
						region_scope: r.pick(SCOPES),
						min_visits: rule.min_visits === 1 ? 2 : 1,
						period: r.other(['month', 'quarter', 'half_year', 'year'], rule.period),
						channel: rule.channel === 'any' ? 'onsite' : 'any',
						priority: 101,
					}),
					'change rule',
				);
				await observe();
				await sqlSet('visit_quota_rules', rule.id, { position: null, active: false });
				await observe();
				await expectNoDrift('a quota rule created and changed');
				if (r.chance(0.5)) await ok(admin.delete(`/items/visit_quota_rules/${rule.id}`), 'delete rule');
				else await sqlDelete('visit_quota_rules', rule.id);
			},
		],
		[
			'REST: a rep becomes a manager and back (the position their customers’ rules match)',
			async () => {
				const person = owner();
				const position = (await db('directus_users').where('id', person).first('position')).position;
				await ok(admin.patch(`/users/${person}`, { position: position === 'rep' ? 'manager' : 'rep' }), 'position');
				await observe();
				await expectNoDrift('a position changed');
				await ok(admin.patch(`/users/${person}`, { position }), 'position back');
				// A new person owns nothing yet, and can go again.
				const newcomer = await ok(
					admin.post('/users', { email: `counters-new-${uid()}@example.com`, position: 'rep', reports_to: who.m }),
					'new person',
				);
				newcomers.push(newcomer.id);
				await observe();
				await ok(admin.delete(`/users/${newcomer.id}`), 'person gone');
				await observe();
				newcomers.pop();
			},
		],
		[
			'sweeps: a report overdue, a visit missed, a revisit missed, a complaint late',
			async () => {
				const past = new Date(Date.now() - 2 * 24 * HOUR);
				const report = await completed(['pending']);
				await sqlSet('visits', report, { report_status: 'pending', report_due_at: stamp(past) });
				await sqlSet('visits', await scheduled(), { status: 'scheduled', scheduled_start: stamp(past) });
				const x =
					one('revisits', (v) => v.status === 'scheduled')?.id ??
					(await ok(admin.post('/items/revisits', await revisit()), 'revisit')).id;
				await sqlSet('revisits', x, { due_date: date(past.toISOString().slice(0, 10)) });
				const q = one('complaints', (c) => c.status === 'open')?.id ?? (await complaint());
				await sqlSet('complaints', q, { response_due_at: stamp(past), response_late: false });
				const counts = await ok(admin.post('/visit-flow/sweeps/run', {}), 'sweeps');
				expect(counts, JSON.stringify(counts)).toMatchObject({ failed: [] });
				for (const rule of ['overdue_reports', 'missed_visits', 'missed_revisits', 'late_complaints'])
					expect(counts[rule], rule).toBeGreaterThan(0);
			},
		],
	];

	beforeAll(async () => {
		console.log(`[counters] ${target.name}: seed ${SEED} (COUNTERS_SEED=${SEED} replays it), year ${YEAR}`);
		admin = await Client.admin(target);
		db = connect(target);
		const users: any[] = await admin.data('/users?fields=id,email&limit=-1');
		const gm = users.find((u) => u.email === 'gm@example.com').id;
		for (const [key, role, reportsTo] of [
			['m', 'sales_manager', gm],
			['a', 'sales_rep', null],
			['b', 'sales_rep', null],
		] as const) {
			const res = await admin.post('/users', {
				email: `counters-${key}-${uid()}@example.com`,
				password: 'demo-password',
				role: roleByKey(role).roleId,
				position: role === 'sales_rep' ? 'rep' : 'manager',
				reports_to: reportsTo ?? who.m,
				first_name: key.toUpperCase(),
				last_name: '计数',
			});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			who[key] = res.body.data.id;
		}
		await observe();
		// Whatever ran before on this server (the seed, earlier files) left the counters true.
		await expectNoDrift('the writes made before this file (the seed, earlier files)');
	});
	afterAll(closeDatabases);

	it('stay equal to a fresh computation through a random sequence of writes on every path', async () => {
		const started = Date.now();
		let step = 0;
		let since: string[] = [];
		for (let round = 0; round < ROUNDS; round++)
			for (const [name, write] of r.shuffle(writes)) {
				const what = `write ${++step} (round ${round + 1}): ${name}`;
				try {
					await write();
				} catch (error) {
					throw new Error(`${what} (seed ${SEED}): ${(error as Error).message}`, { cause: error });
				}
				await observe();
				since.push(what);
				if (since.length === CHECK_EVERY || step === ROUNDS * writes.length) {
					await expectNoDrift(`\n  ${since.join('\n  ')}\n`);
					since = [];
				}
			}
		const missing = SOURCES.flatMap(({ table, columns }) => [
			...columns.map((c) => `${table}.${c}`),
			`${table}+`,
			`${table}-`,
		]).filter((c) => !changed.has(c));
		expect(
			missing,
			`counted columns (table.column), inserts (+) and deletes (-) no write reached (seed ${SEED})`,
		).toEqual([]);
		console.log(`[counters] ${target.name}: ${step} writes, no drift, ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}, 300_000);

	/**
	 * The test's own transaction inserts a row touching customer C, so its trigger holds C's mark
	 * in kpi_pending until the transaction ends; an order for C through REST must wait for it
	 * (lock wait, no answer), then go on counting from what the test committed, or did not.
	 * SQLite runs one write transaction at a time: nothing can overlap there.
	 */
	it.runIf(pg).each(['commit', 'rollback'] as const)(
		'stay true when a write waits for a transaction touching the same customer (%s)',
		async (end) => {
			const c = await customer({ owner: who.a }, 0);
			await ok(
				admin.post('/items/sales_orders', await order({ customer: c, owner: who.a, status: 'signed' })),
				'first order',
			);
			const client = await pgClient(target);
			try {
				await client.query('BEGIN');
				const pid: number = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
				// An earlier order (the customer's new first one) and its only contact, in one transaction.
				await client.query(
					"INSERT INTO sales_orders (order_no, customer, owner, signed_at, amount, paid_amount, status) VALUES ($1, $2, $3, $4, 1000, 0, 'signed')",
					[`CT${uid()}`, c, who.a, `${YEAR}-01-01`],
				);
				await client.query('INSERT INTO contacts (customer, name) VALUES ($1, $2)', [c, '并发联系人']);
				let answered = false;
				const request = admin
					.post(
						'/items/sales_orders',
						await order({ customer: c, owner: who.b, signed_at: `${YEAR}-01-01`, status: 'paid' }),
					)
					.finally(() => (answered = true));
				await new Promise((resolve) => setTimeout(resolve, 300));
				expect(answered, 'the write did not wait for the transaction holding the customer').toBe(false);
				await eventually(async () => expect((await lockWaiters(client, pid)).length).toBeGreaterThanOrEqual(1));
				expect(answered).toBe(false);
				await client.query(end === 'commit' ? 'COMMIT' : 'ROLLBACK');
				await ok(request, 'order while the customer was held');
			} finally {
				await client.end();
			}
			await expectNoDrift(`an order for a customer held by another transaction (${end})`);
			const contacts = await db('contacts').where('customer', c).count('* as n').first();
			expect(Number(contacts!.n)).toBe(end === 'commit' ? 1 : 0);
		},
	);
});
