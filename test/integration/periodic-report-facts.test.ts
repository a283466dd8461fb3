/**
 * GET /visit-flow/periodic-reports/:id/facts on every database: a draft's figures computed now
 * (one the sweep made, whose stored figures are still empty, and one made by hand), changing as
 * the owner completes a visit without writing the report, and again once it is returned; a
 * submitted or approved report's figures as they went up; another rep's report not there for
 * them (404); bad ids refused (400), each refusal in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { Client, targets, type Response } from './client.ts';
import { closeDatabases, dateValue, insertRow, setColumns } from './db.ts';
import { refusedWith } from './expect.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('periodic-report-facts.test.ts');

const ok = (res: Response, what: string) => {
	expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
	return res.body.data;
};

/** The Monday on or before `day`. */
const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
let weeks = 0;
/** A week of the file's year, a different one for each call. */
const nextWeek = () => mondayOf(addDays(`${YEAR}-01-08`, 7 * (weeks++ + Math.floor(Math.random() * 4) * 12)));

describe.each(targets)('a report’s figures on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	let users: Record<string, string>;
	let customer: number;

	const facts = (who: string, id: number | string) => as[who]!.get(`/visit-flow/periodic-reports/${id}/facts`);
	const stored = async (id: number) => (await admin.data(`/items/periodic_reports/${id}?fields=facts`)).facts;
	/** A visit of rep1's in progress on the Wednesday of the week (10:00 company time), and its completion an hour later. */
	const visitOn = async (start: string) => {
		const at = new Date(`${addDays(start, 2)}T02:00:00Z`);
		const out = new Date(at.getTime() + 3_600_000);
		const id = await insertRow(target, 'visits', {
			owner: users.rep1,
			customer,
			purpose: 'relationship',
			channel: 'onsite',
			scheduled_start: at,
			status: 'in_progress',
			check_in_at: at,
		});
		return () =>
			setColumns(target, 'visits', id, {
				status: 'completed',
				check_out_at: target.env.DB_CLIENT === 'pg' ? out : out.getTime(),
			});
	};

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'rep2', 'manager1']) as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		customer = (
			await admin.data(`/items/customers?filter[owner][_eq]=${users.rep1}&filter[status][_eq]=active&limit=1&fields=id`)
		)[0].id;
	});
	afterAll(closeDatabases);

	it('answers a sweep’s draft live figures before its first save, as they change', async () => {
		const start = nextWeek();
		const complete = await visitOn(start);
		// As the sweep makes it: a draft with its deadline and no figures.
		const id = await insertRow(target, 'periodic_reports', {
			owner: users.rep1,
			period_type: 'week',
			period_start: dateValue(target, start),
			status: 'draft',
		});
		expect(await stored(id)).toBeNull();
		const before = ok(await facts('rep1', id), 'facts');
		expect(before).toMatchObject({ id, status: 'draft', live: true });
		expect(before.facts).toMatchObject({
			visits: expect.any(Number),
			orders: expect.any(Number),
			order_amount: expect.stringMatching(/^\d+\.\d\d$/),
			collections: expect.stringMatching(/^\d+\.\d\d$/),
		});
		await complete();
		const after = ok(await facts('rep1', id), 'facts after the visit');
		expect(after.facts).toEqual({ ...before.facts, visits: before.facts.visits + 1 });
		// The supervisor reads the same; reading writes nothing.
		expect(ok(await facts('manager1', id), 'facts as the supervisor')).toEqual(after);
		expect(await stored(id)).toBeNull();
		// Saving writes what the route showed.
		ok(await as.rep1!.patch(`/items/periodic_reports/${id}`, { summary: '本周总结' }), 'save');
		expect(await stored(id)).toEqual(after.facts);
	});

	it('answers a submitted report’s figures as they went up, and live again once returned', async () => {
		const start = nextWeek();
		const first = await visitOn(start);
		const second = await visitOn(start);
		const id = ok(
			await as.rep1!.post('/items/periodic_reports', { period_type: 'week', period_start: start }),
			'create',
		).id;
		const made = await stored(id);
		await first();
		const live = ok(await facts('rep1', id), 'live');
		expect(live).toMatchObject({ status: 'draft', live: true });
		expect(live.facts).toEqual({ ...made, visits: made.visits + 1 });

		ok(await as.rep1!.patch(`/items/periodic_reports/${id}`, { summary: '本周拜访' }), 'write');
		ok(await as.rep1!.post(`/visit-flow/periodic-reports/${id}/submit`, {}), 'submit');
		const submitted = await stored(id);
		expect(submitted).toEqual(live.facts);
		await second();
		expect(ok(await facts('rep1', id), 'submitted')).toEqual({
			id,
			status: 'submitted',
			live: false,
			facts: submitted,
		});
		// Returned, it is the owner's again: live, with the visit completed since.
		const review = (decision: string, comment?: string) =>
			as.manager1!.post(`/visit-flow/periodic-reports/${id}/review`, { decision, comment });
		ok(await review('returned', '请补充'), 'return');
		const again = { ...submitted, visits: submitted.visits + 1 };
		expect(ok(await facts('rep1', id), 'returned')).toEqual({ id, status: 'returned', live: true, facts: again });
		ok(await as.rep1!.post(`/visit-flow/periodic-reports/${id}/submit`, {}), 'resubmit');
		ok(await review('approved'), 'approve');
		expect(ok(await facts('manager1', id), 'approved')).toEqual({ id, status: 'approved', live: false, facts: again });
	});

	it('refuses another rep’s report and bad ids, in both languages', async () => {
		const start = nextWeek();
		const id = ok(
			await as.rep1!.post('/items/periodic_reports', { period_type: 'week', period_start: start }),
			'create',
		).id;
		const refusals: [Response, number, string][] = [
			[await facts('rep2', id), 404, 'not_found'],
			[await facts('rep1', 2_000_000_000), 404, 'not_found'],
			[await facts('rep1', 'abc'), 400, 'bad_request'],
			[await facts('rep1', '0'), 400, 'bad_request'],
			[await facts('rep1', '99999999999'), 400, 'bad_request'],
		];
		for (const [res, status, reason] of refusals) {
			refusedWith(res, status, reason);
			const { messages } = res.body.errors[0].extensions;
			expect(messages['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
			expect(messages['en-US']).toMatch(/[a-z]{3}/);
		}
		// No figures at all without signing in.
		expect(
			(await new Client(target.url).get(`/visit-flow/periodic-reports/${id}/facts`)).status,
		).toBeGreaterThanOrEqual(400);
	});
});
