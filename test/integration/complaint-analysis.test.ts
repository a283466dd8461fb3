/**
 * The numbers the complaint analysis panel (visit-complaint-analysis) reads, over HTTP with each
 * reader's own token: two fresh teams' complaints of one month, by cause, product, department and
 * validity, each on time, late or still open. A manager counts their team's, a rep only their
 * own (their customers' complaints, or those they handle), another team's manager only theirs, a
 * General Manager all; a given team or person narrows the General Manager's; a complaint of the
 * next month is in none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import {
	analysis,
	complaintFilter,
	complaintPeriod,
	countPath,
	DIMENSIONS,
	productIds,
	productsPath,
	type Counts,
	type Outcome,
} from '../../extensions/sales-visits/src/visit-complaint-analysis/logic.ts';
import { Client, targets } from './client.ts';
import { closeDatabases, insertRow } from './db.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('complaint-analysis.test.ts');
const MONTH = `${YEAR}-05`;
/** Noon in Shanghai of day `d` of `month`. */
const noon = (month: string, d: number) => new Date(`${month}-${String(d).padStart(2, '0')}T12:00:00+08:00`);

type Who = 'r1' | 'r2' | 'r3';
interface Row {
	/** Whose customer it is; `handler` the rep who handles it (else customer service). */
	of: Who;
	handler?: Who;
	month?: string;
	cause: string | null;
	product: 0 | 1 | null;
	department: string | null;
	valid: boolean;
	status: 'open' | 'responded' | 'resolved' | 'closed';
	late: boolean;
	/** What the panel must call it. */
	outcome: Outcome;
}

// Team A: manager ma, reps r1 and r2; team B: manager mb, rep r3.
const ROWS: Row[] = [
	{
		of: 'r1',
		cause: 'delivery',
		product: 0,
		department: '物流部',
		valid: true,
		status: 'closed',
		late: false,
		outcome: 'on_time',
	},
	{
		of: 'r1',
		cause: 'delivery',
		product: 0,
		department: '物流部',
		valid: true,
		status: 'resolved',
		late: true,
		outcome: 'late',
	},
	{
		of: 'r1',
		cause: 'product_quality',
		product: 1,
		department: '质量部',
		valid: false,
		status: 'closed',
		late: false,
		outcome: 'on_time',
	},
	{ of: 'r1', cause: null, product: null, department: null, valid: true, status: 'open', late: true, outcome: 'late' },
	{
		of: 'r2',
		cause: 'service',
		product: 1,
		department: '客服部',
		valid: true,
		status: 'responded',
		late: false,
		outcome: 'open',
	},
	// r2's customer, handled by r1: r1 reads it as its handler.
	{
		of: 'r2',
		handler: 'r1',
		cause: 'service',
		product: null,
		department: '客服部',
		valid: true,
		status: 'open',
		late: false,
		outcome: 'open',
	},
	{
		of: 'r3',
		cause: 'price',
		product: 0,
		department: '销售部',
		valid: false,
		status: 'closed',
		late: false,
		outcome: 'on_time',
	},
	{
		of: 'r3',
		cause: 'delivery',
		product: 1,
		department: '物流部',
		valid: true,
		status: 'closed',
		late: true,
		outcome: 'late',
	},
	// The next month: counted by none.
	{
		of: 'r1',
		month: `${YEAR}-06`,
		cause: 'delivery',
		product: 0,
		department: '物流部',
		valid: true,
		status: 'closed',
		late: false,
		outcome: 'on_time',
	},
];

describe.each(targets)('the complaint analysis panel’s numbers on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	const users: Record<string, string> = {};
	const customers: Record<string, number> = {};
	let products: { id: number; name: string; code: string }[];
	let service: string;
	const tag = `${target.name}-${Date.now()}`;

	async function makeUser(key: string, role: 'sales_manager' | 'sales_rep', reportsTo: string | null) {
		const email = `complaint-analysis-${key}-${tag}@example.com`;
		const res = await admin.post('/users', {
			email,
			password: 'demo-password',
			role: roleByKey(role).roleId,
			position: role === 'sales_manager' ? 'manager' : 'rep',
			reports_to: reportsTo,
			first_name: key.toUpperCase(),
			last_name: '投诉分析',
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		users[key] = res.body.data.id;
		as[key] = await Client.login(target.url, email);
	}

	beforeAll(async () => {
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		const demo = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		service = demo.service;
		as.gm = await Client.login(target.url, 'gm@example.com');
		await makeUser('ma', 'sales_manager', demo.gm);
		await makeUser('mb', 'sales_manager', demo.gm);
		await makeUser('r1', 'sales_rep', users.ma!);
		await makeUser('r2', 'sales_rep', users.ma!);
		await makeUser('r3', 'sales_rep', users.mb!);
		for (const who of ['r1', 'r2', 'r3'] as const) {
			const res = await admin.post('/items/customers', {
				name: `投诉分析客户 ${who} ${tag}`,
				code: `TS${who}${Date.now() % 1_000_000}`,
				tier: 'B',
				category: 'ordinary',
				relationship: 'existing',
				region_scope: 'local',
				owner: users[who],
			});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			customers[who] = res.body.data.id;
		}
		products = await admin.data('/items/products?fields=id,name,code&sort=id&limit=2');
		expect(products).toHaveLength(2);
		for (const [n, r] of ROWS.entries()) {
			const at = noon(r.month ?? MONTH, 3 + n);
			await insertRow(target, 'complaints', {
				customer: customers[r.of],
				owner: r.handler ? users[r.handler] : service,
				received_at: at,
				description: '投诉分析',
				severity: 'medium',
				status: r.status,
				response_due_at: new Date(at.getTime() + 120 * 60_000),
				responded_at: r.status === 'open' ? null : new Date(at.getTime() + 60 * 60_000),
				response_late: false,
				resolution_due_at: new Date(at.getTime() + 1440 * 60_000),
				resolved_at:
					r.status === 'resolved' || r.status === 'closed'
						? new Date(at.getTime() + (r.late ? 2000 : 600) * 60_000)
						: null,
				resolution_late: r.late,
				valid: r.valid,
				cause: r.cause,
				product: r.product === null ? null : products[r.product]!.id,
				department: r.department,
			});
		}
	}, 120_000);

	afterAll(async () => {
		for (const key of ['ma', 'mb', 'r1', 'r2', 'r3'])
			if (users[key]) await admin.patch(`/users/${users[key]}`, { status: 'suspended' });
		await closeDatabases();
	});

	const period = () => complaintPeriod('fixed', MONTH, `${YEAR}-01-01`, 'Asia/Shanghai')!;

	/** The panel's figures as `who` reads them: the same paths the panel asks for. */
	async function read(who: string, scope = 'own', person?: string) {
		const filter = complaintFilter(period(), scope, person)!;
		const counts = Object.fromEntries(
			await Promise.all(DIMENSIONS.map(async (d) => [d, await as[who]!.data(countPath(d, filter))])),
		) as Counts;
		const path = productsPath(productIds(counts.product));
		return analysis(counts, path ? await as[who]!.data(path) : []);
	}

	/** What the panel must show of `rows`, worked out from the fixtures' own outcomes. */
	function expected(rows: Row[]) {
		const inMonth = rows.filter((r) => !r.month);
		const split = (of: Row[]) => ({
			on_time: of.filter((r) => r.outcome === 'on_time').length,
			late: of.filter((r) => r.outcome === 'late').length,
			open: of.filter((r) => r.outcome === 'open').length,
			total: of.length,
		});
		const by = (key: (r: Row) => string) =>
			Object.fromEntries([...new Set(inMonth.map(key))].map((k) => [k, split(inMonth.filter((r) => key(r) === k))]));
		return {
			total: split(inMonth),
			cause: by((r) => r.cause ?? ''),
			product: by((r) => (r.product === null ? '' : String(products[r.product]!.id))),
			department: by((r) => r.department ?? ''),
			valid: by((r) => (r.valid ? 'valid' : 'invalid')),
		};
	}

	const shown = (result: Awaited<ReturnType<typeof read>>) => ({
		total: result.total,
		...Object.fromEntries(
			result.sections.map((s) => [s.dimension, Object.fromEntries(s.rows.map((r) => [r.key, r.split]))]),
		),
	});

	const teamA = (r: Row) => r.of === 'r1' || r.of === 'r2';

	it('counts a manager’s team’s complaints by cause, product, department and validity', async () => {
		const result = await read('ma');
		expect(shown(result)).toEqual(expected(ROWS.filter(teamA)));
		// Spot checks against the fixtures as written, lest both sides be wrong the same way.
		expect(result.total).toEqual({ on_time: 2, late: 2, open: 2, total: 6 });
		const delivery = result.sections[0]!.rows.find((r) => r.key === 'delivery')!;
		expect(delivery).toMatchObject({
			label: { 'zh-CN': '交付', 'en-US': 'Delivery' },
			split: { on_time: 1, late: 1, open: 0, total: 2 },
		});
		const product = result.sections[1]!.rows.find((r) => r.key === String(products[0]!.id))!;
		expect(product.label['zh-CN']).toContain(products[0]!.name);
		expect(result.sections[3]!.rows.map((r) => [r.key, r.split.total])).toEqual([
			['valid', 5],
			['invalid', 1],
		]);
	});

	it('counts a rep’s own only: their customers’ complaints and those they handle', async () => {
		const mine = (r: Row) => r.of === 'r1' || r.handler === 'r1';
		expect(shown(await read('r1'))).toEqual(expected(ROWS.filter(mine)));
		expect(shown(await read('r2'))).toEqual(expected(ROWS.filter((r) => r.of === 'r2')));
		// Naming another team cannot widen it.
		expect(shown(await read('r1', 'team', users.mb))).toEqual(expected([]));
	});

	it('counts another team’s manager theirs only, and a General Manager everyone’s, narrowed to a team or person', async () => {
		expect(shown(await read('mb'))).toEqual(expected(ROWS.filter((r) => r.of === 'r3')));
		expect(shown(await read('gm'))).toEqual(expected(ROWS));
		expect(shown(await read('gm', 'team', users.ma))).toEqual(expected(ROWS.filter(teamA)));
		expect(shown(await read('gm', 'rep', users.r2))).toEqual(
			expected(ROWS.filter((r) => r.of === 'r2' || r.handler === 'r2')),
		);
	});
});
