/**
 * The approval flows over HTTP, as each role: every transition through the endpoints, an
 * Administrator's status edits through REST, batch PATCH and GraphQL, every forbidden path
 * refused with a clear message and nothing written, and three deciders at the same moment.
 * Each test makes its own rows, so the suites can share the servers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, targets } from './client.ts';
import { overlapping } from './db.ts';
import { eventually, refusedWith } from './expect.ts';
import { monthOf } from './years.ts';

describe.each(targets)('approval flows on $name', (target) => {
	let admin: Client;
	let users: Record<string, string>;
	const as: Record<string, Client> = {};
	/** A customer of rep1's and one of rep4's. */
	let mine: number;
	let foreign: number;
	/** Each plan gets a month of its own (years.ts). */
	let month = 0;
	const nextMonth = () => monthOf('approval.test.ts', month++);

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'rep2', 'rep4', 'manager1', 'manager2', 'gm', 'assistant', 'service'])
			as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		mine = (await admin.data(`/items/customers?filter[owner][_eq]=${users.rep1}&limit=1&fields=id`))[0].id;
		foreign = (await admin.data(`/items/customers?filter[owner][_eq]=${users.rep4}&limit=1&fields=id`))[0].id;
		month = Math.floor(Math.random() * 120);
	});

	const plan = async (id: number) =>
		(await admin.data(`/items/visit_plans/${id}?fields=*,items.*`)) as Record<string, any>;
	const log = async (collection: string, id: number) =>
		(await admin.data(
			`/items/approval_log?filter[collection][_eq]=${collection}&filter[item][_eq]=${id}&sort=id&limit=-1`,
		)) as any[];
	const notices = async (recipient: string, collection: string, id: number) =>
		(await admin.data(
			`/notifications?filter[recipient][_eq]=${recipient}&filter[collection][_eq]=${collection}&filter[item][_eq]=${id}&limit=-1`,
		)) as any[];

	/** rep1's draft month plan with two items on their own customer. */
	async function draftPlan(owner = 'rep1', customer = mine) {
		const m = nextMonth();
		const res = await as[owner]!.post('/items/visit_plans', {
			period_type: 'month',
			period_start: `${m}-01`,
			period_end: `${m}-28`,
			items: [
				{ customer, planned_date: `${m}-05`, purpose: 'relationship' },
				{ customer, planned_date: `${m}-12`, purpose: 'product_promotion' },
			],
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		return res.body.data as Record<string, any>;
	}
	const act = (who: string, path: string, comment?: string) =>
		as[who]!.post(`/visit-flow/${path}`, comment === undefined ? {} : { comment });

	describe('visit plans', () => {
		it('derive the period end and the submission deadline', async () => {
			const draft = await draftPlan();
			const [y, m] = draft.period_start.split('-').map(Number);
			expect(draft.period_end).toBe(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
			// Due at the end of the prior month's last day, Shanghai time.
			const due = new Date(Date.UTC(y, m - 1, 1) - 8 * 3_600_000 - 1).toISOString();
			await eventually(async () => expect((await plan(draft.id)).submit_due_at).toBe(due));
			refusedWith(
				await as.rep1!.post('/items/visit_plans', {
					period_type: 'week',
					period_start: '2031-01-07',
					period_end: '2031-01-13',
				}),
				400,
				'period_week_start',
			);
		});

		it('walk draft → submitted → approved → draft (revision) → submitted → rejected → draft, with stamps, log and notices', async () => {
			const draft = await draftPlan();
			const submitted = await act('rep1', `plans/${draft.id}/submit`);
			expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
			expect(submitted.body.data).toMatchObject({ status: 'submitted', submitted_late: false, approver: null });
			expect(await notices(users.manager1!, 'visit_plans', draft.id)).toHaveLength(1);

			const approved = await act('manager1', `plans/${draft.id}/approve`, '同意');
			expect(approved.status, JSON.stringify(approved.body)).toBe(200);
			expect(approved.body.data).toMatchObject({
				status: 'approved',
				approver: users.manager1,
				decision_comment: '同意',
			});
			const after = await plan(draft.id);
			const visits: any[] = await admin.data(
				`/items/visits?filter[plan_item][plan][_eq]=${draft.id}&sort=scheduled_start&limit=-1`,
			);
			expect(visits).toHaveLength(2);
			for (const v of visits)
				expect(v).toMatchObject({
					owner: users.rep1,
					customer: mine,
					status: 'scheduled',
					requires_application: false,
					application_status: 'not_required',
				});
			expect(after.items.map((i: any) => i.visit).sort()).toEqual(visits.map((v) => v.id).sort());
			expect(visits[0].scheduled_start).toBe(new Date(`${draft.period_start.slice(0, 8)}05T01:00:00Z`).toISOString());
			expect((await notices(users.rep1!, 'visit_plans', draft.id)).map((n) => n.subject)).toEqual([
				expect.stringContaining('已批准'),
			]);

			const revised = await act('rep1', `plans/${draft.id}/revise`);
			expect(revised.body.data).toMatchObject({ status: 'draft', revision: 2 });
			// Reopened, the plan takes a new item; approval schedules only that one.
			const m = draft.period_start.slice(0, 7);
			expect(
				(
					await as.rep1!.post('/items/visit_plan_items', {
						plan: draft.id,
						customer: mine,
						planned_date: `${m}-20`,
						purpose: 'coverage',
					})
				).status,
			).toBe(200);
			expect((await act('rep1', `plans/${draft.id}/submit`)).status).toBe(200);
			refusedWith(await act('manager1', `plans/${draft.id}/reject`), 422, 'comment_required');
			const rejected = await act('manager1', `plans/${draft.id}/reject`, '第三周客户太集中');
			expect(rejected.body.data).toMatchObject({ status: 'rejected', decision_comment: '第三周客户太集中' });
			expect((await act('rep1', `plans/${draft.id}/revise`)).body.data).toMatchObject({ status: 'draft', revision: 2 });

			expect(
				(await log('visit_plans', draft.id)).map(
					(l) => `${l.from_status}→${l.to_status}:${l.actor === users.rep1 ? 'rep1' : 'manager1'}`,
				),
			).toEqual([
				'draft→submitted:rep1',
				'submitted→approved:manager1',
				'approved→draft:rep1',
				'draft→submitted:rep1',
				'submitted→rejected:manager1',
				'rejected→draft:rep1',
			]);
		});

		it('of a manager go to a General Manager', async () => {
			const draft = await draftPlan('manager1');
			expect((await act('manager1', `plans/${draft.id}/submit`)).status).toBe(200);
			refusedWith(await act('manager1', `plans/${draft.id}/approve`), 403, 'self_approval');
			expect((await notices(users.gm!, 'visit_plans', draft.id)).length).toBe(1);
			expect((await act('gm', `plans/${draft.id}/approve`)).body.data).toMatchObject({
				status: 'approved',
				approver: users.gm,
			});
		});

		it('refuse self-approval, another team’s approver, the wrong state, empty and foreign plans; nothing is written', async () => {
			const empty = (
				await as.rep1!.post('/items/visit_plans', {
					period_type: 'month',
					period_start: `${nextMonth()}-01`,
					period_end: '2030-01-31',
				})
			).body.data;
			refusedWith(await act('rep1', `plans/${empty.id}/submit`), 422, 'plan_empty');
			refusedWith(await act('manager1', `plans/${empty.id}/approve`), 409, 'transition');

			const draft = await draftPlan();
			const planned = { plan: draft.id, planned_date: `${draft.period_start.slice(0, 8)}15`, purpose: 'coverage' };
			refusedWith(
				await as.rep1!.post('/items/visit_plan_items', { ...planned, customer: foreign }),
				403,
				'relation_hidden',
			);
			// A customer handed to rep4 after it was planned is caught at submission.
			const handed = (
				await admin.post('/items/customers', {
					name: '移交客户',
					code: `HANDED-${Date.now()}`,
					tier: 'C',
					category: 'ordinary',
					region_scope: 'local',
					owner: users.rep1,
				})
			).body.data.id;
			expect((await as.rep1!.post('/items/visit_plan_items', { ...planned, customer: handed })).status).toBe(200);
			await admin.patch(`/items/customers/${handed}`, { owner: users.rep4 });
			refusedWith(await act('rep1', `plans/${draft.id}/submit`), 422, 'plan_item_customer');
			const item = (await plan(draft.id)).items.find((i: any) => i.customer === handed);
			expect((await as.rep1!.delete(`/items/visit_plan_items/${item.id}`)).status).toBe(204);
			// The day after the plan's period (a fixed date would fall inside it when the plan happens to be that month).
			const dayAfter = new Date(Date.parse(`${draft.period_end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
			await as.rep1!.post('/items/visit_plan_items', {
				plan: draft.id,
				customer: mine,
				planned_date: dayAfter,
				purpose: 'coverage',
			});
			refusedWith(await act('rep1', `plans/${draft.id}/submit`), 422, 'plan_item_outside');
			expect((await plan(draft.id)).status).toBe('draft');
			const outside = (await plan(draft.id)).items.find((i: any) => i.planned_date === dayAfter);
			await as.rep1!.delete(`/items/visit_plan_items/${outside.id}`);

			expect((await act('rep1', `plans/${draft.id}/submit`)).status).toBe(200);
			refusedWith(await act('rep1', `plans/${draft.id}/approve`), 403, 'self_approval');
			refusedWith(await act('rep2', `plans/${draft.id}/approve`), 404, 'not_found');
			refusedWith(await act('manager2', `plans/${draft.id}/approve`), 404, 'not_found');
			refusedWith(await act('gm', `plans/${draft.id}/approve`), 403, 'not_approver');
			refusedWith(await act('assistant', `plans/${draft.id}/approve`), 403, 'not_approver');
			refusedWith(await act('manager1', `plans/${draft.id}/revise`), 403, 'not_owner');
			// Customer service and the public may not read plans at all: for them the plan does not exist.
			refusedWith(await as.service!.post(`/visit-flow/plans/${draft.id}/approve`, {}), 404, 'not_found');
			refusedWith(await new Client(target.url).post(`/visit-flow/plans/${draft.id}/approve`, {}), 404, 'not_found');
			refusedWith(await act('manager1', 'plans/abc/approve'), 400, 'bad_request');
			refusedWith(await act('manager1', 'plans/99999999/approve'), 404, 'not_found');
			expect(await plan(draft.id)).toMatchObject({ status: 'submitted', approver: null, decided_at: null });
			expect((await log('visit_plans', draft.id)).map((l) => l.to_status)).toEqual(['submitted']);
		});

		it('lock a submitted or approved plan and its items against every hand edit, the Administrator’s too', async () => {
			const draft = await draftPlan();
			await act('rep1', `plans/${draft.id}/submit`);
			const itemId = (await plan(draft.id)).items[0].id;
			const m = draft.period_start.slice(0, 8);
			refusedWith(
				await as.rep1!.post('/items/visit_plan_items', {
					plan: draft.id,
					customer: mine,
					planned_date: `${m}20`,
					purpose: 'coverage',
				}),
				409,
				'plan_locked',
			);
			refusedWith(await as.rep1!.patch(`/items/visit_plan_items/${itemId}`, { objective: 'x' }), 409, 'plan_locked');
			refusedWith(
				await as.rep1!.patch(`/items/visit_plans/${draft.id}`, {
					items: { create: [{ customer: mine, planned_date: `${m}21`, purpose: 'coverage' }], update: [], delete: [] },
				}),
				409,
				'plan_locked',
			);
			await act('manager1', `plans/${draft.id}/approve`);
			refusedWith(
				await admin.patch(`/items/visit_plans/${draft.id}`, { period_end: draft.period_end }),
				409,
				'plan_locked',
			);
			refusedWith(await admin.delete(`/items/visit_plan_items/${itemId}`), 409, 'plan_locked');
			refusedWith(
				await admin.post('/items/visit_plan_items', {
					plan: draft.id,
					customer: mine,
					planned_date: `${m}22`,
					purpose: 'coverage',
				}),
				409,
				'plan_locked',
			);
			expect((await plan(draft.id)).items).toHaveLength(2);
		});

		it('refuse a status set by hand through REST, batch PATCH and GraphQL, to everyone but an Administrator taking a valid transition', async () => {
			const a = await draftPlan();
			const b = await draftPlan();
			for (const who of ['rep1', 'manager1', 'gm']) {
				refusedWith(await as[who]!.patch(`/items/visit_plans/${a.id}`, { status: 'submitted' }), 403, 'hand_edit');
				refusedWith(
					await as[who]!.patch('/items/visit_plans', { keys: [a.id, b.id], data: { status: 'submitted' } }),
					403,
					'hand_edit',
				);
				// GraphQL does not even offer them the field.
				const gql = await as[who]!.graphql(
					`mutation { update_visit_plans_item(id: ${a.id}, data: { status: "submitted" }) { id status } }`,
				);
				expect(gql.body.errors?.[0]?.message, JSON.stringify(gql.body)).toBeTruthy();
			}
			expect((await plan(a.id)).status).toBe('draft');
			refusedWith(await admin.patch(`/items/visit_plans/${a.id}`, { approver: users.manager1 }), 403, 'hand_edit');
			refusedWith(await admin.patch(`/items/visit_plans/${a.id}`, { status: 'approved' }), 409, 'transition');
			refusedWith(
				await admin.post('/items/visit_plans', {
					period_type: 'month',
					period_start: `${nextMonth()}-01`,
					period_end: '2030-01-31',
					status: 'approved',
				}),
				403,
				'hand_create',
			);
			refusedWith(
				await admin.patch(`/items/visit_plans/${a.id}`, { status: 'submitted', period_end: a.period_end }),
				400,
				'transition_alone',
			);

			// A batch of valid transitions is all or nothing: b is a draft, so approving both fails whole.
			expect((await admin.patch(`/items/visit_plans/${a.id}`, { status: 'submitted' })).status).toBe(200);
			refusedWith(
				await admin.patch('/items/visit_plans', { keys: [a.id, b.id], data: { status: 'approved' } }),
				409,
				'transition',
			);
			expect((await plan(a.id)).status).toBe('submitted');
			expect((await admin.patch('/items/visit_plans', { keys: [b.id], data: { status: 'submitted' } })).status).toBe(
				200,
			);
			expect(
				(await admin.patch('/items/visit_plans', { keys: [a.id, b.id], data: { status: 'approved' } })).status,
			).toBe(200);
			const gql = await admin.graphql(
				`mutation { update_visit_plans_item(id: ${a.id}, data: { status: "draft" }) { id status revision } }`,
			);
			expect(gql.body.data?.update_visit_plans_item, JSON.stringify(gql.body)).toMatchObject({
				status: 'draft',
				revision: 2,
			});

			expect(await plan(b.id)).toMatchObject({ status: 'approved', decided_at: expect.any(String) });
			expect((await admin.data(`/items/visits?filter[plan_item][plan][_eq]=${b.id}&limit=-1`)).length).toBe(2);
			expect((await log('visit_plans', a.id)).map((l) => l.to_status)).toEqual(['submitted', 'approved', 'draft']);
		});

		it('refuse an import that sets a status, and import nothing of it', async () => {
			const m = nextMonth();
			const rows = [
				{ owner: users.rep1, period_type: 'month', period_start: `${m}-01`, period_end: `${m}-28` },
				{ owner: users.rep2, period_type: 'month', period_start: `${m}-01`, period_end: `${m}-28`, status: 'approved' },
			];
			const res = await admin.upload(
				'/utils/import/visit_plans',
				new Blob([JSON.stringify(rows)], { type: 'application/json' }),
				'plans.json',
			);
			refusedWith(res, 403, 'hand_create');
			expect(await admin.data(`/items/visit_plans?filter[period_start][_eq]=${m}-01`)).toEqual([]);
		});

		it('let exactly one of three simultaneous decisions win', async () => {
			const draft = await draftPlan();
			// The derived deadline is written just after the save: nothing else may wait for the plan's lock.
			await eventually(async () => expect((await plan(draft.id)).submit_due_at).not.toBeNull());
			expect((await act('rep1', `plans/${draft.id}/submit`)).status).toBe(200);
			// On Postgres the test holds the plan's row lock until all three decisions wait for it.
			const results = await overlapping(target, 'visit_plans', draft.id, [
				() => act('manager1', `plans/${draft.id}/approve`),
				() => act('manager1', `plans/${draft.id}/reject`, '不同意'),
				() => act('manager1', `plans/${draft.id}/approve`),
			]);
			const statuses = results.map((r) => r.status).sort();
			expect(statuses).toEqual([200, 409, 409]);
			const winner = results.find((r) => r.status === 200)!.body.data.status;
			expect((await log('visit_plans', draft.id)).map((l) => l.to_status)).toEqual(['submitted', winner]);
			expect(await notices(users.rep1!, 'visit_plans', draft.id)).toHaveLength(1);
			expect((await admin.data(`/items/visits?filter[plan_item][plan][_eq]=${draft.id}&limit=-1`)).length).toBe(
				winner === 'approved' ? 2 : 0,
			);
		});
	});

	describe('visit applications (拜访申请)', () => {
		const visitIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
		async function unplannedVisit(days = 5, owner = 'rep1') {
			const res = await as[owner]!.post('/items/visits', {
				customer: owner === 'rep1' ? mine : foreign,
				purpose: 'new_customer',
				channel: 'onsite',
				scheduled_start: visitIn(days),
			});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			const id = res.body.data.id;
			await eventually(async () => expect((await admin.data(`/items/visits/${id}`)).requires_application).toBe(true));
			return id as number;
		}

		it('walk apply → approve → file, and apply → reject → apply again', async () => {
			const id = await unplannedVisit();
			const applied = await act('rep1', `visits/${id}/application`);
			expect(applied.status, JSON.stringify(applied.body)).toBe(200);
			expect(applied.body.data).toMatchObject({ application_status: 'pending', application_late: false });
			expect(await notices(users.manager1!, 'visits', id)).toHaveLength(1);
			refusedWith(await act('assistant', `visits/${id}/application/file`), 409, 'transition');
			refusedWith(await act('rep1', `visits/${id}/application/approve`), 403, 'self_approval');
			expect((await act('manager1', `visits/${id}/application/approve`)).body.data).toMatchObject({
				application_status: 'approved',
				application_approver: users.manager1,
			});
			refusedWith(await act('manager1', `visits/${id}/application/file`), 403, 'not_filer');
			expect((await act('assistant', `visits/${id}/application/file`)).body.data.application_filed_at).toEqual(
				expect.any(String),
			);
			refusedWith(await act('assistant', `visits/${id}/application/file`), 409, 'already_filed');

			const other = await unplannedVisit(0.5);
			expect((await act('rep1', `visits/${other}/application`)).body.data).toMatchObject({
				application_status: 'pending',
				application_late: true,
			});
			expect(
				(await act('manager1', `visits/${other}/application/reject`, '本周已有同城拜访')).body.data.application_status,
			).toBe('rejected');
			expect((await act('rep1', `visits/${other}/application`)).body.data.application_status).toBe('pending');
			expect((await log('visits', other)).map((l) => `${l.from_status}→${l.to_status}`)).toEqual([
				'not_required→pending',
				'pending→rejected',
				'rejected→pending',
			]);
		});

		it('refuse an application that is not needed, and hand edits of its status', async () => {
			const draft = await draftPlan();
			await act('rep1', `plans/${draft.id}/submit`);
			await act('manager1', `plans/${draft.id}/approve`);
			const planned = (await admin.data(`/items/visits?filter[plan_item][plan][_eq]=${draft.id}&limit=1`))[0].id;
			refusedWith(await act('rep1', `visits/${planned}/application`), 409, 'application_not_required');
			const id = await unplannedVisit();
			refusedWith(await as.rep1!.patch(`/items/visits/${id}`, { application_status: 'approved' }), 403, 'hand_edit');
			refusedWith(
				await as.manager1!.patch(`/items/visits/${id}`, { application_status: 'approved' }),
				403,
				'hand_edit',
			);
			refusedWith(await admin.patch(`/items/visits/${id}`, { application_status: 'approved' }), 409, 'transition');
			expect((await admin.data(`/items/visits/${id}`)).application_status).toBe('not_required');
			// Marked as travel, a planned visit needs an application too.
			expect((await as.rep1!.patch(`/items/visits/${planned}`, { travel: true })).status).toBe(200);
			await eventually(async () =>
				expect((await admin.data(`/items/visits/${planned}`)).requires_application).toBe(true),
			);
		});
	});

	describe('expense requests', () => {
		async function expense(amount: number) {
			const visit = (await admin.data(`/items/visits?filter[owner][_eq]=${users.rep1}&limit=1&fields=id`))[0].id;
			const res = await as.rep1!.post('/items/expense_requests', {
				visit,
				kind: 'gift',
				amount,
				description: '中秋礼品',
			});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			return res.body.data.id as number;
		}

		it('are for exactly one visit or one plan item, on every write path', async () => {
			const visit = (await admin.data(`/items/visits?filter[owner][_eq]=${users.rep1}&limit=1&fields=id`))[0].id;
			const item = (
				await admin.data(`/items/visit_plan_items?filter[plan][owner][_eq]=${users.rep1}&limit=1&fields=id`)
			)[0].id;
			const row = { kind: 'gift', amount: 1, description: `target-${Date.now()}` };
			refusedWith(await as.rep1!.post('/items/expense_requests', row), 400, 'expense_target');
			refusedWith(
				await as.rep1!.post('/items/expense_requests', { ...row, visit, plan_item: item }),
				400,
				'expense_target',
			);
			refusedWith(await as.rep1!.post('/items/expense_requests', [{ ...row, visit }, row]), 400, 'expense_target');
			expect(await admin.data(`/items/expense_requests?filter[description][_eq]=${row.description}&fields=id`)).toEqual(
				[],
			);

			const id = await expense(1);
			refusedWith(await as.rep1!.patch(`/items/expense_requests/${id}`, { visit: null }), 400, 'expense_target');
			refusedWith(await as.rep1!.patch(`/items/expense_requests/${id}`, { plan_item: item }), 400, 'expense_target');
			refusedWith(
				await as.rep1!.patch('/items/expense_requests', { keys: [id], data: { visit: null } }),
				400,
				'expense_target',
			);
			refusedWith(await admin.patch('/items/expense_requests', [{ id, visit: null }]), 400, 'expense_target');
			expect((await as.rep1!.patch(`/items/expense_requests/${id}`, { visit: null, plan_item: item })).status).toBe(
				200,
			);
		});

		it('are decided by the supervisor, and by a General Manager when over budget', async () => {
			const small = await expense(1);
			await eventually(async () => expect(await notices(users.manager1!, 'expense_requests', small)).toHaveLength(1));
			refusedWith(await act('rep1', `expenses/${small}/approve`), 403, 'self_approval');
			expect((await act('manager1', `expenses/${small}/approve`)).body.data).toMatchObject({
				status: 'approved',
				approver: users.manager1,
				over_budget: false,
			});
			refusedWith(await as.rep1!.patch(`/items/expense_requests/${small}`, { amount: 2 }), 409, 'expense_locked');

			const big = await expense(1_000_000);
			await eventually(async () => expect((await admin.data(`/items/expense_requests/${big}`)).over_budget).toBe(true));
			await eventually(async () => expect((await notices(users.gm!, 'expense_requests', big)).length).toBe(1));
			refusedWith(await act('manager1', `expenses/${big}/approve`), 403, 'not_approver');
			refusedWith(await act('gm', `expenses/${big}/reject`), 422, 'comment_required');
			expect((await act('gm', `expenses/${big}/reject`, '超出预算')).body.data).toMatchObject({
				status: 'rejected',
				approver: users.gm,
				decision_comment: '超出预算',
			});
			expect((await notices(users.rep1!, 'expense_requests', big)).map((n) => n.subject)).toEqual([
				expect.stringContaining('已驳回'),
			]);
			refusedWith(await as.rep1!.patch(`/items/expense_requests/${big}`, { status: 'approved' }), 403, 'hand_edit');
		});
	});

	it('answers in the caller’s language: profile, then Accept-Language, then the project’s (domain/language.ts)', async () => {
		const english = new Client(target.url, null, 'en-US');
		const login = await english.post('/auth/login', { email: 'manager2@example.com', password: 'demo-password' });
		const token = login.body.data.access_token;
		const missing = async (acceptLanguage: string) =>
			(await new Client(target.url, token, acceptLanguage).post('/visit-flow/plans/99999999/approve', {})).body
				.errors[0].message;
		try {
			// No profile language, or one we do not speak, falls through to the request's, then to the project's (zh-CN).
			for (const language of [null, 'fr-FR']) {
				await admin.patch(`/users/${users.manager2}`, { language });
				expect(await missing('en-US'), String(language)).toBe('The item does not exist or you may not see it');
				expect(await missing('de-DE, en;q=0.5'), String(language)).toBe(
					'The item does not exist or you may not see it',
				);
				expect(await missing('de-DE'), String(language)).toBe('找不到该记录，或你无权查看');
			}
		} finally {
			await admin.patch(`/users/${users.manager2}`, { language: 'zh-CN' });
		}
		expect((await act('manager2', 'plans/99999999/approve')).body.errors[0].message).toBe('找不到该记录，或你无权查看');
	});
});
