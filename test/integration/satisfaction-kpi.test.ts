/**
 * 客户满意度 (customer_satisfaction) over HTTP: a fresh manager and rep whose revisits for a month
 * P and the month before, Q, are listed below with the satisfaction each was given; every expected
 * count is worked out here from those rows (a revisit done in the month, by `done_at` in the
 * company's time zone, with a score: satisfied at 4 or 5), not typed in. A score changed by SQL
 * moves the count; a caller who may not read revisits is not shown it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { Client, targets } from './client.ts';
import { dateValue, insertRow, setColumns } from './db.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('satisfaction-kpi.test.ts');
const P = `${YEAR}-05`;
const Q = `${YEAR}-04`;
/** Noon in Shanghai of day `d` of month `m`. */
const noon = (m: string, d: number) => new Date(`${m}-${String(d).padStart(2, '0')}T12:00:00+08:00`);
/** The company's (Shanghai's) month of an instant. */
const monthOf = (at: Date | null) => (at ? new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7) : null);

type Revisit = { status: string; due: string; done: Date | null; satisfaction: number | null };

// The rep's revisits.
const REVISITS: Revisit[] = [
	{ status: 'done', due: `${P}-03`, done: noon(P, 3), satisfaction: 5 },
	{ status: 'done', due: `${P}-04`, done: noon(P, 4), satisfaction: 4 },
	{ status: 'done', due: `${P}-05`, done: noon(P, 5), satisfaction: 3 },
	{ status: 'done', due: `${P}-06`, done: noon(P, 6), satisfaction: 1 },
	// Done without a score (written by SQL): counts in neither.
	{ status: 'done', due: `${P}-07`, done: noon(P, 7), satisfaction: null },
	// Due in Q, done in P: counts when it was done.
	{ status: 'done', due: `${Q}-28`, done: noon(P, 2), satisfaction: 5 },
	// Done half an hour into P in Shanghai (still the last day of Q in UTC): P's.
	{ status: 'done', due: `${Q}-30`, done: new Date(`${P}-01T00:30:00+08:00`), satisfaction: 4 },
	// Not done: a score on them does not count.
	{ status: 'scheduled', due: `${P}-20`, done: null, satisfaction: 5 },
	{ status: 'cancelled', due: `${P}-21`, done: null, satisfaction: 4 },
	{ status: 'missed', due: `${P}-22`, done: null, satisfaction: null },
	{ status: 'done', due: `${Q}-10`, done: noon(Q, 10), satisfaction: 4 },
	{ status: 'done', due: `${Q}-11`, done: noon(Q, 11), satisfaction: 2 },
];

/** [numerator, denominator] of customer_satisfaction in month `m`, from the rows given. */
function expectedIn(m: string, rows: Revisit[] = REVISITS): [number, number] {
	const rated = rows.filter((r) => r.status === 'done' && monthOf(r.done) === m && r.satisfaction !== null);
	return [rated.filter((r) => r.satisfaction! >= 4).length, rated.length];
}

describe.each(targets)('Customer satisfaction (客户满意度) on $name', (target) => {
	let admin: Client;
	let rep: Client;
	let manager: Client;
	const ids = { m: '', r: '' };
	/** The revisits' ids, in the order of REVISITS, and the rows as the tests leave them. */
	const rows: number[] = [];
	const current = REVISITS.map((r) => ({ ...r }));

	async function makeUser(key: 'm' | 'r', role: 'sales_manager' | 'sales_rep', reportsTo: string) {
		const email = `satisfaction-${key}-${target.name}-${Date.now()}@example.com`;
		const created = await admin.post('/users', {
			email,
			password: 'demo-password',
			role: roleByKey(role).roleId,
			position: role === 'sales_rep' ? 'rep' : 'manager',
			reports_to: reportsTo,
			first_name: key.toUpperCase(),
			last_name: '满意度',
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
		const customer = await admin.post('/items/customers', {
			name: `满意度测试客户${target.name}${Date.now()}有限公司`,
			code: `SK${Date.now() % 1_000_000}`,
			tier: 'C',
			category: 'ordinary',
			relationship: 'existing',
			region_scope: 'local',
			province: '浙江省',
			city: '杭州市',
			address: '满意路1号',
			owner: ids.r,
		});
		expect(customer.status, JSON.stringify(customer.body)).toBe(200);
		for (const r of REVISITS)
			rows.push(
				await insertRow(target, 'revisits', {
					owner: ids.r,
					customer: customer.body.data.id,
					kind: 'periodic_phone',
					channel: 'phone',
					due_date: dateValue(target, r.due),
					status: r.status,
					done_at: r.done,
					satisfaction: r.satisfaction,
				}),
			);
	});

	const reading = async (client: Client, query = `scope=rep&id=${ids.r}`) => {
		const res = await client.get(`/visit-kpi/summary?period=${P}&${query}`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		return { data: res.body.data, kpi: res.body.data.kpis.find((k: any) => k.key === 'customer_satisfaction') };
	};

	it('counts the revisits done in the period with a score, and those scored 4 or 5', async () => {
		// The worked-out numbers themselves: what the rows say, not zero by accident.
		expect([expectedIn(P), expectedIn(Q)]).toEqual([
			[4, 6],
			[1, 2],
		]);
		const { kpi } = await reading(manager);
		expect(kpi).toMatchObject({
			numerator: expectedIn(P)[0],
			denominator: expectedIn(P)[1],
			value: 4 / 6,
			light: 'red',
			withheld: false,
			previous: { numerator: expectedIn(Q)[0], denominator: expectedIn(Q)[1] },
		});
		expect(kpi.formula['zh-CN']).toContain('满意');
		expect(kpi.formula['en-US']).toContain('satisfaction');
		// The rep sees their own; the team adds up to the same, per person too.
		expect((await reading(rep, '')).kpi).toMatchObject({ numerator: 4, denominator: 6 });
		const team = await reading(manager, `scope=team&id=${ids.m}&by=owner`);
		expect(team.kpi).toMatchObject({ numerator: 4, denominator: 6 });
		const mine = team.data.by_owner.find((o: any) => o.owner === ids.r).kpis.customer_satisfaction;
		expect(mine).toMatchObject({ numerator: 4, denominator: 6, value: 4 / 6, light: 'red' });
		// A quarter holds both months.
		const quarter = await manager.get(`/visit-kpi/summary?period=${YEAR}-Q2&scope=rep&id=${ids.r}`);
		expect(quarter.body.data.kpis.find((k: any) => k.key === 'customer_satisfaction')).toMatchObject({
			numerator: 4 + 1,
			denominator: 6 + 2,
		});
	});

	it('follows a score changed, removed or given by SQL', async () => {
		const changed = current;
		const set = async (i: number, satisfaction: number | null) => {
			changed[i]!.satisfaction = satisfaction;
			await setColumns(target, 'revisits', rows[i]!, { satisfaction });
		};
		// 1 → 5, the unscored one → 4, a 5 → none: 5 of 6 in P, then 6 of 6 with the 3 raised to 4.
		await set(3, 5);
		await set(4, 4);
		await set(0, null);
		expect(expectedIn(P, changed)).toEqual([5, 6]);
		expect((await reading(manager)).kpi).toMatchObject({ numerator: 5, denominator: 6, value: 5 / 6, light: 'amber' });
		await set(2, 4);
		expect(expectedIn(P, changed)).toEqual([6, 6]);
		expect((await reading(manager)).kpi).toMatchObject({ numerator: 6, denominator: 6, value: 1, light: 'green' });
		// A scored scheduled revisit marked done (by SQL, at noon on the 25th) counts from then.
		changed[7] = { ...changed[7]!, status: 'done', done: noon(P, 25) };
		await setColumns(target, 'revisits', rows[7]!, { status: 'done', done_at: noon(P, 25) });
		expect(expectedIn(P, changed)).toEqual([7, 7]);
		expect((await reading(manager)).kpi).toMatchObject({ numerator: 7, denominator: 7 });
	});

	it('is withheld from who may not read revisits, and shown to customer service who does', async () => {
		const finance = await Client.login(target.url, 'finance@example.com');
		expect((await reading(finance)).kpi).toMatchObject({ withheld: true, numerator: null, denominator: null });
		const service = await Client.login(target.url, 'service@example.com');
		const [numerator, denominator] = expectedIn(P, current);
		expect((await reading(service)).kpi).toMatchObject({ withheld: false, numerator, denominator });
	});
});
