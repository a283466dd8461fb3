/**
 * The plan-time coverage check and lead grades over HTTP, on crafted reps whose numbers are
 * worked out by hand below: a month plan's shortfalls (warn saves them, block refuses), the
 * grade history written on every update path, and the lead follow-ups that fall due.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { Client, targets } from './client.ts';
import { backdate, setColumns } from './db.ts';
import { eventually, refusedWith } from './expect.ts';
import { yearOf } from './years.ts';

const DAY = 86_400_000;
/** The Shanghai date `days` from today, and noon of it there. */
const shanghaiDay = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
const noonOf = (day: string) => new Date(`${day}T04:00:00Z`);

describe.each(targets)('plan coverage and lead grades on $name', (target) => {
	let admin: Client;
	let users: Record<string, string>;
	let saved: Record<string, unknown>;

	async function makeRep(tag: string) {
		const email = `${tag}-${target.name}-${Date.now()}@example.com`;
		const created = await admin.post('/users', {
			email,
			password: 'demo-password',
			role: roleByKey('sales_rep').roleId,
			position: 'rep',
			reports_to: users.manager1,
			first_name: '测',
			last_name: tag,
			language: 'zh-CN',
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		return { id: created.body.data.id as string, client: await Client.login(target.url, email) };
	}

	let n = 0;
	async function makeCustomer(
		owner: string,
		c: { tier: string; region_scope: string; status?: string; lead_grade?: string | null },
	) {
		const res = await admin.post('/items/customers', {
			name: `覆盖测试客户${target.name}${n}${Date.now()}有限公司`,
			code: `V${Date.now() % 100000}${n++}`.slice(0, 12),
			category: 'ordinary',
			relationship: 'existing',
			province: '浙江省',
			city: '杭州市',
			address: '测试路1号',
			latitude: 30.25,
			longitude: 120.15,
			owner,
			status: 'active',
			...c,
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		return res.body.data.id as number;
	}

	/** A visit done now by `rep`, its check-out then moved to `at`. */
	async function completedVisit(rep: Client, customer: number, channel: string, at: Date) {
		const id = (
			await rep.post('/items/visits', {
				customer,
				purpose: 'relationship',
				channel,
				scheduled_start: new Date().toISOString(),
			})
		).body.data.id;
		const checkIn = await rep.post(
			`/visit-flow/visits/${id}/check-in`,
			channel === 'onsite' ? { latitude: 30.25, longitude: 120.15, accuracy: 10 } : {},
		);
		expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(200);
		expect((await rep.post(`/visit-flow/visits/${id}/check-out`, {})).status).toBe(200);
		await backdate(target, 'visits', id, 'check_out_at', at);
		return id;
	}

	beforeAll(async () => {
		admin = await Client.admin(target);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		saved = await admin.data('/items/visit_settings?fields=plan_coverage_check,require_application_for_unplanned');
		await admin.patch('/items/visit_settings', { require_application_for_unplanned: false });
	});
	afterAll(async () => {
		await admin.patch('/items/visit_settings', saved);
	});

	describe('a month plan’s coverage check', () => {
		let rep: Awaited<ReturnType<typeof makeRep>>;
		const customers: Record<string, number> = {};
		/** A March (quarters end in it, half years do not) of a year no other test plans. */
		const month = `${yearOf('coverage.test.ts')}-03`;
		let plan: number;

		/**
		 * The rules that apply (seeds/demo/rules.ts) and what the rep has in March:
		 *   localA     A类 2/month on site    — 1 visit done on site                 → short 1
		 *   localA2    A类 2/month on site    — 1 call done (not on site), 1 item    → short 1
		 *   localC     本市 1/month on site    — 1 visit scheduled                    → covered
		 *   localC2    本市 1/month on site    — 1 item                               → covered
		 *   provinceB  B类 1/month any        — 1 visit cancelled                    → short 1
		 *   otherA     外地A 1/quarter on site — nothing; the quarter ends in March   → short 1
		 *   otherD     D类外地 1/half year    — nothing; the half year ends in June  → not due
		 *   churned    本市, churned                                                → not counted
		 */
		beforeAll(async () => {
			rep = await makeRep('覆盖');
			const spec = {
				localA: ['A', 'local'],
				localA2: ['A', 'local'],
				localC: ['C', 'local'],
				localC2: ['C', 'local'],
				provinceB: ['B', 'province'],
				otherA: ['A', 'other'],
				otherD: ['D', 'other'],
			};
			for (const [key, [tier, region_scope]] of Object.entries(spec))
				customers[key] = await makeCustomer(rep.id, { tier: tier!, region_scope: region_scope! });
			customers.churned = await makeCustomer(rep.id, { tier: 'C', region_scope: 'local', status: 'churned' });

			await completedVisit(rep.client, customers.localA!, 'onsite', new Date(`${month}-03T02:00:00Z`));
			await completedVisit(rep.client, customers.localA2!, 'phone', new Date(`${month}-04T02:00:00Z`));
			expect(
				(
					await rep.client.post('/items/visits', {
						customer: customers.localC,
						purpose: 'relationship',
						channel: 'onsite',
						scheduled_start: `${month}-10T01:00:00.000Z`,
					})
				).status,
			).toBe(200);
			const cancelled = (
				await rep.client.post('/items/visits', {
					customer: customers.provinceB,
					purpose: 'relationship',
					channel: 'onsite',
					scheduled_start: `${month}-11T01:00:00.000Z`,
				})
			).body.data.id;
			expect((await rep.client.post(`/visit-flow/visits/${cancelled}/cancel`, { comment: '客户出差' })).status).toBe(
				200,
			);

			const created = await rep.client.post('/items/visit_plans', {
				period_type: 'month',
				period_start: `${month}-01`,
				period_end: `${month}-31`,
				items: [
					{ customer: customers.localA2, planned_date: `${month}-05`, purpose: 'relationship' },
					{ customer: customers.localC2, planned_date: `${month}-06`, purpose: 'coverage' },
				],
			});
			expect(created.status, JSON.stringify(created.body)).toBe(200);
			plan = created.body.data.id;
		});

		const line = (key: string, required: number, done: number, scheduled: number, planned: number, short: number) =>
			expect.objectContaining({ customer: customers[key], required, done, scheduled, planned, short });
		const expected = () => [
			line('localA', 2, 1, 0, 0, 1),
			line('localA2', 2, 0, 0, 1, 1),
			line('provinceB', 1, 0, 0, 0, 1),
			line('otherA', 1, 0, 0, 0, 1),
		];

		it('shows the draft’s check as it stands, to those who read the plan only', async () => {
			const res = await rep.client.get(`/visit-flow/plans/${plan}/coverage`);
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			expect(res.body.data).toMatchObject({ id: plan, status: 'draft', checked: true, live: true });
			expect(res.body.data.shortfalls).toEqual(expected());
			// Nothing is stored before the plan goes up.
			expect(
				(await admin.data(`/items/visit_plans/${plan}?fields=coverage_shortfalls`)).coverage_shortfalls,
			).toBeNull();
			const rep1 = await Client.login(target.url, 'rep1@example.com');
			refusedWith(await rep1.get(`/visit-flow/plans/${plan}/coverage`), 404, 'not_found');
			refusedWith(await rep.client.get('/visit-flow/plans/x/coverage'), 400, 'bad_request');
			// A week plan (the month's first Monday) is not checked.
			const monday = 1 + ((8 - new Date(`${month}-01T00:00:00Z`).getUTCDay()) % 7);
			const week = await rep.client.post('/items/visit_plans', {
				period_type: 'week',
				period_start: `${month}-${String(monday).padStart(2, '0')}`,
				period_end: `${month}-${String(monday + 6).padStart(2, '0')}`,
			});
			expect(week.status, JSON.stringify(week.body)).toBe(200);
			expect((await rep.client.data(`/visit-flow/plans/${week.body.data.id}/coverage`)) as unknown).toMatchObject({
				checked: false,
				shortfalls: null,
			});
		});

		it('in block mode refuses the submission, naming the customers, and writes nothing', async () => {
			await admin.patch('/items/visit_settings', { plan_coverage_check: 'block' });
			try {
				const res = await rep.client.post(`/visit-flow/plans/${plan}/submit`, {});
				refusedWith(res, 422, 'plan_coverage_short');
				expect(res.body.errors[0].extensions.messages['zh-CN']).toContain('4 个客户');
				expect(res.body.errors[0].extensions.messages['en-US']).toContain('4 customers');
				const after = await admin.data(`/items/visit_plans/${plan}`);
				expect(after).toMatchObject({
					status: 'draft',
					submitted_at: null,
					coverage_short_count: null,
					coverage_shortfalls: null,
				});
				expect(
					await admin.data(`/items/approval_log?filter[collection][_eq]=visit_plans&filter[item][_eq]=${plan}`),
				).toEqual([]);
			} finally {
				await admin.patch('/items/visit_settings', { plan_coverage_check: saved.plan_coverage_check });
			}
		});

		it('in warn mode submits and saves the shortfalls on the plan', async () => {
			await admin.patch('/items/visit_settings', { plan_coverage_check: 'warn' });
			const res = await rep.client.post(`/visit-flow/plans/${plan}/submit`, {});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			expect(res.body.data).toMatchObject({ status: 'submitted', coverage_short_count: 4 });
			expect(res.body.data.coverage_shortfalls).toEqual(expected());
			// The rep is told plainly, in their language (and both are given).
			expect(res.body.meta.outcome).toEqual({
				level: 'warning',
				message: '提交成功；4 位客户未满足拜访频次，详见“拜访覆盖检查”',
				messages: {
					'zh-CN': '提交成功；4 位客户未满足拜访频次，详见“拜访覆盖检查”',
					'en-US': 'Submitted; 4 customers are left short of their visit quota, see the coverage check',
				},
			});
			// The approver sees it beside approve and reject.
			const manager1 = await Client.login(target.url, 'manager1@example.com');
			const offered = await manager1.data(`/visit-flow/actions/visit_plans/${plan}`);
			expect(offered.notes).toEqual([{ key: 'plan.coverage', label: '未满足频次的客户', value: '4' }]);
			expect(offered.actions.map((a: any) => a.key)).toEqual(['plan.approve', 'plan.reject']);
			// The form's table now reads what was saved.
			expect(await manager1.data(`/visit-flow/plans/${plan}/coverage`)).toMatchObject({
				live: false,
				shortfalls: expected(),
			});
			expect(res.body.data.coverage_shortfalls[3]).toMatchObject({
				rule: { period: 'quarter', channel: 'onsite' },
				period: { start: `${month.slice(0, 4)}-01-01`, end: `${month}-31` },
			});
			// The approver reads it in the notice.
			const notices: any[] = await admin.data(
				`/notifications?filter[recipient][_eq]=${users.manager1}&filter[collection][_eq]=visit_plans&filter[item][_eq]=${plan}`,
			);
			expect(notices.map((n) => n.message)).toEqual(['本计划有 4 个客户未满足拜访频次要求']);
		});

		it('recomputes the list on the next submission, and nobody writes it by hand', async () => {
			const manager1 = await Client.login(target.url, 'manager1@example.com');
			expect((await manager1.post(`/visit-flow/plans/${plan}/reject`, { comment: '请补上宁波客户' })).status).toBe(200);
			expect((await rep.client.post(`/visit-flow/plans/${plan}/revise`, {})).status).toBe(200);
			expect(
				(
					await rep.client.post('/items/visit_plan_items', {
						plan,
						customer: customers.provinceB,
						planned_date: `${month}-12`,
						purpose: 'relationship',
					})
				).status,
			).toBe(200);
			refusedWith(await admin.patch(`/items/visit_plans/${plan}`, { coverage_short_count: 0 }), 403, 'hand_edit');
			// A draft shows no note: its stored count is the last submission's.
			expect((await rep.client.data(`/visit-flow/actions/visit_plans/${plan}`)).notes).toEqual([]);
			// This time the rep reads English.
			expect((await admin.patch(`/users/${rep.id}`, { language: 'en-US' })).status).toBe(200);
			const res = await rep.client.post(`/visit-flow/plans/${plan}/submit`, {});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			expect(res.body.meta.outcome.message).toBe(
				'Submitted; 3 customers are left short of their visit quota, see the coverage check',
			);
			expect((await rep.client.data(`/visit-flow/actions/visit_plans/${plan}`)).notes).toEqual([
				{ key: 'plan.coverage', label: 'Customers left short', value: '3' },
			]);
			expect(res.body.data.coverage_short_count).toBe(3);
			expect(res.body.data.coverage_shortfalls.map((s: any) => s.customer)).toEqual([
				customers.localA,
				customers.localA2,
				customers.otherA,
			]);
		});
	});

	it('says nothing beyond the plan when the month plan leaves nobody short', async () => {
		const other = await makeRep('足额');
		const customer = await makeCustomer(other.id, { tier: 'C', region_scope: 'local' });
		const month = `${yearOf('coverage.test.ts')}-05`;
		const created = await other.client.post('/items/visit_plans', {
			period_type: 'month',
			period_start: `${month}-01`,
			period_end: `${month}-31`,
			items: [{ customer, planned_date: `${month}-06`, purpose: 'relationship' }],
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		const res = await other.client.post(`/visit-flow/plans/${created.body.data.id}/submit`, {});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body.data).toMatchObject({ status: 'submitted', coverage_short_count: 0, coverage_shortfalls: [] });
		expect(res.body.meta).toBeUndefined();
		expect((await other.client.data(`/visit-flow/actions/visit_plans/${created.body.data.id}`)).notes).toEqual([]);
	});

	describe('lead grades', () => {
		let rep: Awaited<ReturnType<typeof makeRep>>;
		const history = async (ids: number[]) =>
			(await admin.data(`/items/lead_grade_changes?filter[customer][_in]=${ids.join(',')}&sort=id&limit=-1`)) as any[];
		const path = (rows: any[], customer: number) =>
			rows.filter((r) => r.customer === customer).map((r) => `${r.from_grade ?? '-'}→${r.to_grade ?? '-'}`);

		beforeAll(async () => {
			rep = await makeRep('意向');
		});

		it('keeps a history row for each grade change: create, single and batch PATCH', async () => {
			const [a, b, c] = [
				await makeCustomer(rep.id, { tier: 'C', region_scope: 'local', lead_grade: 'C' }),
				await makeCustomer(rep.id, { tier: 'C', region_scope: 'local', lead_grade: 'C' }),
				await makeCustomer(rep.id, { tier: 'C', region_scope: 'local' }),
			];
			expect((await rep.client.patch(`/items/customers/${a}`, { lead_grade: 'B' })).status).toBe(200);
			await eventually(async () => expect(path(await history([a]), a)).toEqual(['-→C', 'C→B']));
			// Several keys at once, then one payload per item; an unchanged grade writes nothing.
			expect((await rep.client.patch('/items/customers', { keys: [a, b, c], data: { lead_grade: 'A' } })).status).toBe(
				200,
			);
			await eventually(async () => expect((await history([a, b, c])).length).toBe(6));
			expect(
				(
					await rep.client.patch('/items/customers', [
						{ id: a, lead_grade: 'H' },
						{ id: b, lead_grade: 'A' },
						{ id: c, lead_grade: null },
					])
				).status,
			).toBe(200);
			await eventually(async () => {
				const rows = await history([a, b, c]);
				expect(path(rows, a)).toEqual(['-→C', 'C→B', 'B→A', 'A→H']);
				expect(path(rows, b)).toEqual(['-→C', 'C→A']);
				expect(path(rows, c)).toEqual(['-→A', 'A→-']);
				expect(rows.find((r) => r.to_grade === 'H')).toMatchObject({ changed_by: rep.id });
			});
			// Readable as the customers are; written by the server only.
			expect((await rep.client.data(`/items/lead_grade_changes?filter[customer][_eq]=${a}`)).length).toBe(4);
			expect(
				await (
					await Client.login(target.url, 'rep1@example.com')
				).data(`/items/lead_grade_changes?filter[customer][_eq]=${a}`),
			).toEqual([]);
			refusedWith(
				await admin.post('/items/lead_grade_changes', {
					customer: a,
					from_grade: 'H',
					to_grade: 'O',
					changed_at: new Date().toISOString(),
				}),
				403,
				'grade_history_readonly',
			);
			const first = (await history([a]))[0].id;
			refusedWith(
				await admin.patch(`/items/lead_grade_changes/${first}`, { to_grade: 'O' }),
				403,
				'grade_history_readonly',
			);
		});

		it('lists the graded customers due for a contact, to whoever may see them', async () => {
			/**
			 * Intervals H 2, A 3, B 7, C 14, O 30 days (the defaults); today is day 0:
			 *   hot   H graded day −10, never visited          → due day −8, overdue 8
			 *   warm  B graded day −20, visited day −3         → due day +4, not due
			 *   cold  C graded day −30, visited day −20        → due day −6, overdue 6
			 *   fresh A graded day −1, visited day −9          → due day +2, not due
			 *   called B graded day −20, revisit done day −2   → due day +5, not due
			 *   order O graded now                              → due day +30, not due
			 */
			const grade = async (key: string, g: string, gradedDaysAgo: number, visitedDaysAgo: number | null) => {
				const id = await makeCustomer(rep.id, { tier: 'D', region_scope: 'local', lead_grade: g });
				const [row] = await eventually(async () => {
					const rows = await history([id]);
					expect(rows).toHaveLength(1);
					return rows;
				});
				if (gradedDaysAgo)
					await backdate(target, 'lead_grade_changes', row.id, 'changed_at', noonOf(shanghaiDay(-gradedDaysAgo)));
				if (visitedDaysAgo !== null)
					await completedVisit(rep.client, id, 'onsite', noonOf(shanghaiDay(-visitedDaysAgo)));
				return [key, id] as const;
			};
			const ids = Object.fromEntries([
				await grade('hot', 'H', 10, null),
				await grade('warm', 'B', 20, 3),
				await grade('cold', 'C', 30, 20),
				await grade('fresh', 'A', 1, 9),
				await grade('order', 'O', 0, null),
				await grade('called', 'B', 20, null),
			]);
			const revisit = await admin.post('/items/revisits', {
				customer: ids.called,
				kind: 'periodic_phone',
				channel: 'phone',
				due_date: shanghaiDay(-2),
				owner: users.service,
			});
			expect(revisit.status, JSON.stringify(revisit.body)).toBe(200);
			await setColumns(target, 'revisits', revisit.body.data.id, { status: 'done' });
			await backdate(target, 'revisits', revisit.body.data.id, 'done_at', noonOf(shanghaiDay(-2)));

			const res = await rep.client.get('/visit-quotas/lead-follow-ups');
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			const due = res.body.data.customers.filter((c: any) => Object.values(ids).includes(c.customer));
			expect(due).toEqual([
				expect.objectContaining({
					customer: ids.hot,
					grade: 'H',
					interval_days: 2,
					last_contact: null,
					due_date: shanghaiDay(-8),
					overdue_days: 8,
				}),
				expect.objectContaining({
					customer: ids.cold,
					grade: 'C',
					interval_days: 14,
					last_contact: noonOf(shanghaiDay(-20)).toISOString(),
					due_date: shanghaiDay(-6),
					overdue_days: 6,
				}),
			]);
			expect(res.body.data.customers.every((c: any) => c.owner === rep.id)).toBe(true);

			const manager1 = await Client.login(target.url, 'manager1@example.com');
			const team = await manager1.get(`/visit-quotas/lead-follow-ups?owner=${rep.id}`);
			expect(team.body.data.customers.map((c: any) => c.customer)).toEqual(
				res.body.data.customers.map((c: any) => c.customer),
			);
			refusedWith(
				await (await Client.login(target.url, 'rep1@example.com')).get(`/visit-quotas/lead-follow-ups?owner=${rep.id}`),
				403,
				'quota_owner',
			);
			refusedWith(
				await (
					await Client.login(target.url, 'manager2@example.com')
				).get(`/visit-quotas/lead-follow-ups?owner=${rep.id}`),
				403,
				'quota_owner',
			);
		});
	});
});
