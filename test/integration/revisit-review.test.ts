/**
 * 客户回访制度 over HTTP: the supervisor reviews a done revisit's report once (not its owner, not
 * another team's manager), the review stamps stay the flow's on every write path, and a phone
 * revisit that could not solve the problem asks once for an on-site visit by the customer's
 * owner, who can read it and hears of it; a refused request writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { Client, targets } from './client.ts';
import { closeDatabases } from './db.ts';
import { refusedWith } from './expect.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('revisit-review.test.ts');

describe.each(targets)('revisit review and escalation on $name', (target) => {
	let admin: Client;
	const as: Record<string, Client> = {};
	const made: Record<string, string> = {};
	let customer: number;

	/** A user of this file: a customer service team (boss, carer), another team's boss, and a rep who owns the customer. */
	async function makeUser(key: string, role: string, position: string, reportsTo: string | null, language: string) {
		const email = `revisit-review-${key}-${target.name}-${Date.now()}@example.com`;
		const created = await admin.post('/users', {
			email,
			password: 'demo-password',
			role: roleByKey(role as never).roleId,
			position,
			reports_to: reportsTo,
			first_name: key.toUpperCase(),
			last_name: '回访',
			language,
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		made[key] = created.body.data.id;
		as[key] = await Client.login(target.url, email);
	}

	beforeAll(async () => {
		admin = await Client.admin(target);
		as.manager2 = await Client.login(target.url, 'manager2@example.com');
		await makeUser('boss', 'customer_service', 'manager', null, 'zh-CN');
		await makeUser('other', 'customer_service', 'manager', null, 'zh-CN');
		await makeUser('carer', 'customer_service', 'service', made.boss!, 'zh-CN');
		await makeUser('rep', 'sales_rep', 'rep', null, 'en-US');
		const created = await admin.post('/items/customers', {
			name: `回访审阅测试客户${target.name}${Date.now()}有限公司`,
			code: `RV${Date.now() % 1_000_000}`,
			tier: 'B',
			category: 'ordinary',
			relationship: 'existing',
			region_scope: 'local',
			province: '浙江省',
			city: '杭州市',
			address: '测试路1号',
			latitude: 30.25,
			longitude: 120.15,
			owner: made.rep,
			status: 'active',
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		customer = created.body.data.id;
	});
	afterAll(async () => {
		for (const id of Object.values(made)) await admin.patch(`/users/${id}`, { status: 'suspended' });
		await closeDatabases();
	});

	const revisit = (id: number) => admin.data(`/items/revisits/${id}`) as Promise<Record<string, any>>;
	const log = async (id: number) =>
		(
			(await admin.data(
				`/items/approval_log?filter[collection][_eq]=revisits&filter[item][_eq]=${id}&sort=id&limit=-1`,
			)) as any[]
		).map((l) => `${l.from_status}→${l.to_status}${l.actor === made.boss ? ' boss' : ''}`);
	const act = (who: string, id: number | string, action: string, body: Record<string, unknown> = {}) =>
		as[who]!.post(`/visit-flow/revisits/${id}/${action}`, body);
	const offered = async (who: string, id: number) => {
		const res = await as[who]!.get(`/visit-flow/actions/revisits/${id}`);
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		return (res.body.data.actions as any[]).map((a) => a.key);
	};
	/** A revisit by the carer, recorded as done. */
	async function done(channel = 'phone') {
		const created = await as.carer!.post('/items/revisits', {
			customer,
			kind: 'maintenance',
			channel,
			due_date: `${YEAR}-04-01`,
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		const id = created.body.data.id as number;
		expect(await offered('boss', id)).toEqual([]);
		const res = await act('carer', id, 'done', { satisfaction: 2, notes: '设备仍报警，电话指导未能排除' });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		return id;
	}

	it('is reviewed once by the owner’s supervisor, not by the owner or another team’s manager', async () => {
		const id = await done();
		expect(await offered('boss', id)).toEqual(['revisit.review']);
		expect(await offered('other', id)).toEqual([]);
		expect(await offered('carer', id)).toEqual(['revisit.escalate']);
		const waiting = (await as.carer!.get(`/visit-flow/actions/revisits/${id}`)).body.data.waiting_on;
		expect(waiting).toMatchObject({ kind: 'user', id: made.boss });

		refusedWith(await act('carer', id, 'review'), 403, 'self_approval');
		refusedWith(await act('other', id, 'review'), 403, 'not_approver');
		// A sales manager outside the customer's team does not see the revisit at all.
		refusedWith(await act('manager2', id, 'review'), 404, 'not_found');
		expect(await revisit(id)).toMatchObject({ reviewed_by: null, reviewed_at: null });

		const reviewed = await act('boss', id, 'review', { comment: '下次回访前先查维修记录' });
		expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
		expect(reviewed.body.data).toMatchObject({
			status: 'done',
			reviewed_by: made.boss,
			reviewed_at: expect.any(String),
		});
		refusedWith(await act('boss', id, 'review'), 409, 'revisit_reviewed');
		expect(await offered('boss', id)).toEqual([]);
		expect(await log(id)).toEqual(['scheduled→done', 'done→done boss']);
		const row = (
			(await admin.data(
				`/items/approval_log?filter[collection][_eq]=revisits&filter[item][_eq]=${id}&filter[to_status][_eq]=done&sort=-id&limit=1`,
			)) as any[]
		)[0];
		expect(row.comment).toBe('下次回访前先查维修记录');
		// Reviewed, it waits on nobody.
		expect((await as.carer!.get(`/visit-flow/actions/revisits/${id}`)).body.data.waiting_on).toBeNull();
		// A revisit not done yet has no report to review.
		const open = await as.carer!.post('/items/revisits', {
			customer,
			kind: 'maintenance',
			channel: 'phone',
			due_date: `${YEAR}-04-02`,
		});
		refusedWith(await act('boss', open.body.data.id, 'review'), 409, 'transition');
	});

	it('keeps the review stamps the flow’s on items, batch, GraphQL and import', async () => {
		const id = await done();
		const at = `${YEAR}-04-03T02:00:00.000Z`;
		for (const data of [{ reviewed_by: made.boss }, { reviewed_at: at }]) {
			refusedWith(await admin.patch(`/items/revisits/${id}`, data), 403, 'hand_edit');
			refusedWith(await admin.patch('/items/revisits', [{ id, ...data }]), 403, 'hand_edit');
			refusedWith(await admin.patch('/items/revisits', { keys: [id], data }), 403, 'hand_edit');
			expect((await as.boss!.patch(`/items/revisits/${id}`, data)).status).toBe(403);
		}
		const gql = await as.boss!.graphql(
			`mutation { update_revisits_item(id: ${id}, data: { reviewed_at: "${at}" }) { id } }`,
		);
		expect(gql.body.errors?.[0]?.message, JSON.stringify(gql.body)).toBeTruthy();
		const imported = await admin.upload(
			'/utils/import/revisits',
			new Blob([JSON.stringify([{ id, reviewed_by: made.boss, reviewed_at: at }])], { type: 'application/json' }),
			'revisits.json',
		);
		refusedWith(imported, 403, 'hand_edit');
		// The status edit an Administrator may make does not take the review either: it is no change of status.
		refusedWith(await admin.patch(`/items/revisits/${id}`, { status: 'done' }), 409, 'transition');
		expect(await revisit(id)).toMatchObject({ reviewed_by: null, reviewed_at: null });
		expect(await log(id)).toEqual(['scheduled→done']);
	});

	it('asks once for an on-site visit by the customer’s owner, who can read it and hears of it', async () => {
		const id = await done();
		const visitsOfRep = async () =>
			((await admin.data(`/items/visits?filter[owner][_eq]=${made.rep}&fields=id&limit=-1`)) as any[]).length;
		const before = await visitsOfRep();

		refusedWith(await act('carer', id, 'escalate', {}), 422, 'comment_required');
		refusedWith(
			await act('carer', id, 'escalate', { comment: '需现场检修', scheduled_start: `${YEAR - 200}-01-01T00:00:00Z` }),
			422,
			'revisit_escalate_start',
		);
		// The customer's owner is not the carer; a supervisor is not either.
		refusedWith(await act('rep', id, 'escalate', { comment: '需现场检修' }), 403, 'not_carer');
		refusedWith(await act('boss', id, 'escalate', { comment: '需现场检修' }), 403, 'not_carer');
		expect(await revisit(id)).toMatchObject({ escalated_visit: null });
		expect(await visitsOfRep()).toBe(before);

		const start = `${YEAR}-04-10T02:00:00.000Z`;
		const settings = await admin.data('/items/visit_settings');
		const res = await act('carer', id, 'escalate', { comment: '设备报警，需现场检修', scheduled_start: start });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		// Customer service reads no visits, so not the link either (access/fields.ts readableFields): the row has it.
		expect(res.body.data).not.toHaveProperty('escalated_visit');
		const visitId = (await revisit(id)).escalated_visit as number;
		expect(visitId).toEqual(expect.any(Number));
		expect(res.body.data.status).toBe('done');
		expect(await visitsOfRep()).toBe(before + 1);

		// The owner reads the visit as theirs: planned, on site, applied for when the rules ask it.
		const visit = await as.rep!.data(`/items/visits/${visitId}`);
		expect(visit).toMatchObject({
			owner: made.rep,
			customer,
			channel: 'onsite',
			status: 'scheduled',
			plan_item: null,
			requires_application: Boolean(settings.require_application_for_unplanned),
			application_status: 'not_required',
		});
		expect(Date.parse(visit.scheduled_start)).toBe(Date.parse(start));
		const visitActions = (await as.rep!.data(`/visit-flow/actions/visits/${visitId}`)).actions.map((a: any) => a.key);
		if (settings.require_application_for_unplanned) expect(visitActions).toContain('application.apply');

		// In their language, with the reason.
		const notices: any[] = await admin.data(
			`/notifications?filter[collection][_eq]=visits&filter[item][_eq]=${visitId}&limit=-1`,
		);
		expect(notices.map((n) => n.recipient)).toEqual([made.rep]);
		expect(notices[0].subject).toMatch(/^On-site visit needed: /);
		expect(notices[0].subject).toContain(`revisit #${id}`);
		expect(notices[0].message).toContain('设备报警，需现场检修');

		refusedWith(await act('carer', id, 'escalate', { comment: '再次申请' }), 409, 'revisit_escalated');
		expect(await offered('carer', id)).toEqual([]);
		expect(await visitsOfRep()).toBe(before + 1);
		expect(await log(id)).toEqual(['scheduled→done', 'done→done']);
		refusedWith(await admin.patch(`/items/revisits/${id}`, { escalated_visit: null }), 403, 'hand_edit');
	});

	it('asks for an on-site visit only after a phone revisit, and refuses a bad id', async () => {
		const onsite = await done('onsite');
		expect(await offered('carer', onsite)).toEqual([]);
		refusedWith(await act('carer', onsite, 'escalate', { comment: '需现场检修' }), 409, 'revisit_escalate_channel');
		for (const bad of ['abc', '0', '-3', '1.5'])
			for (const action of ['review', 'escalate'])
				refusedWith(await act('boss', bad, action, { comment: 'x' }), 400, 'bad_request');
		refusedWith(await act('boss', 2_000_000_000, 'review'), 404, 'not_found');
	});
});
