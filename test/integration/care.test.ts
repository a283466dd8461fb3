/**
 * Customer care over HTTP (客户回访制度, 投诉处理): the revisits the server schedules exactly once
 * (after a sale, every period, after a complaint), recording and missing them, and a
 * complaint's response deadline, late flag, resolution and closing after its revisit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRevisitDue, periodOf, scheduleKey } from '../../extensions/sales-visits/src/domain/care.ts';
import { addDays, zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { Client, targets } from './client.ts';
import { closeDatabases } from './db.ts';
import { eventually, refusedWith } from './expect.ts';

const today = () => zonedDate(new Date(), 'Asia/Shanghai');

describe.each(targets)('customer care on $name', (target) => {
	let admin: Client;
	let users: Record<string, string>;
	const as: Record<string, Client> = {};
	let customer: number;

	beforeAll(async () => {
		admin = await Client.admin(target);
		for (const who of ['rep1', 'rep2', 'service']) as[who] = await Client.login(target.url, `${who}@example.com`);
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		customer = (
			await admin.data(`/items/customers?filter[owner][_eq]=${users.rep1}&filter[status][_eq]=active&limit=1&fields=id`)
		)[0].id;
	});
	afterAll(closeDatabases);

	const revisitsOf = (filter: string): Promise<any[]> => admin.data(`/items/revisits?${filter}&fields=*&limit=-1`);
	const log = async (collection: string, id: number) =>
		(
			(await admin.data(
				`/items/approval_log?filter[collection][_eq]=${collection}&filter[item][_eq]=${id}&sort=id&limit=-1`,
			)) as any[]
		).map((l) => `${l.from_status}→${l.to_status}`);
	const sweep = async () => {
		const res = await admin.post('/visit-flow/sweeps/run', {});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		return res.body.data;
	};

	it('gives a signed order exactly one first revisit, however often its triggers fire', async () => {
		const signed = today();
		const res = await admin.post('/items/sales_orders', {
			order_no: `SO-CARE-${target.name}-${Date.now()}`,
			customer,
			owner: users.rep1,
			signed_at: signed,
			amount: 50_000,
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const order = res.body.data.id as number;
		const first = await eventually(async () => {
			const rows = await revisitsOf(`filter[source_order][_eq]=${order}`);
			expect(rows).toHaveLength(1);
			return rows[0];
		});
		expect(first).toMatchObject({
			kind: 'first_after_sale',
			channel: 'phone',
			status: 'scheduled',
			customer,
			owner: users.rep1,
			due_date: firstRevisitDue(signed, 30),
			schedule_key: scheduleKey.firstAfterSale(order),
		});

		// The same trigger again (an edit of the order), and sweeps racing each other. The edit also
		// takes a second order whose revisit was removed: once that one is back, the trigger has run.
		const other = (
			await admin.post('/items/sales_orders', {
				order_no: `SO-CARE2-${target.name}-${Date.now()}`,
				customer,
				owner: users.rep1,
				signed_at: signed,
				amount: 50_000,
			})
		).body.data.id as number;
		const otherFirst = await eventually(
			async () => (await revisitsOf(`filter[source_order][_eq]=${other}`))[0] ?? expect.fail('not scheduled yet'),
		);
		expect((await admin.delete(`/items/revisits/${otherFirst.id}`)).status).toBe(204);
		expect(
			(await admin.patch('/items/sales_orders', { keys: [order, other], data: { paid_amount: 10_000 } })).status,
		).toBe(200);
		const runs = await Promise.all([1, 2, 3, 4].map(() => admin.post('/visit-flow/sweeps/run', {})));
		for (const run of runs) expect(run.status, JSON.stringify(run.body)).toBe(200);
		await eventually(async () => expect(await revisitsOf(`filter[source_order][_eq]=${other}`)).toHaveLength(1));
		expect(await revisitsOf(`filter[source_order][_eq]=${order}`)).toHaveLength(1);

		// The sweeps scheduled this quarter's phone revisit of every active buyer, and the key accounts' visits, once each.
		const quarter = scheduleKey.periodic('periodic_phone', periodOf(today(), 3));
		const phone = await revisitsOf(`filter[schedule_key][_eq]=${quarter.prefix}${customer}${quarter.suffix}`);
		expect(phone).toHaveLength(1);
		expect(phone[0]).toMatchObject({
			kind: 'periodic_phone',
			channel: 'phone',
			status: 'scheduled',
			owner: users.rep1,
			due_date: periodOf(today(), 3).end,
		});
		// Every key account has its on-site revisit of this half, the largest of this quarter: the demo's own or a new one.
		const onsite = async (filter: string, months: number) => {
			const accounts: any[] = await admin.data(
				`/items/customers?filter[status][_eq]=active&filter[owner][_nnull]=true&${filter}&limit=-1&fields=id,owner`,
			);
			const period = periodOf(today(), months);
			const { prefix, suffix } = scheduleKey.periodic('key_account_onsite', period);
			const rows = await revisitsOf(`filter[kind][_eq]=key_account_onsite&filter[schedule_key][_ends_with]=${suffix}`);
			expect(accounts.length).toBeGreaterThan(0);
			for (const a of accounts)
				expect(
					rows.filter((r) => r.schedule_key === `${prefix}${a.id}${suffix}`),
					`customer ${a.id}`,
				).toHaveLength(1);
			const added = rows.filter((r) => r.due_date === period.end);
			expect(added.length).toBeGreaterThan(0);
			for (const r of added)
				expect(r).toMatchObject({
					channel: 'onsite',
					status: 'scheduled',
					owner: accounts.find((a) => a.id === r.customer)?.owner,
				});
			return rows.length;
		};
		await onsite(
			'filter[key_account_class][_nnull]=true&filter[_or][0][annual_purchase][_null]=true&filter[_or][1][annual_purchase][_lt]=10000000',
			6,
		);
		await onsite('filter[annual_purchase][_gte]=10000000', 3);

		const keys = (await revisitsOf('filter[schedule_key][_nnull]=true')).map((r) => r.schedule_key as string);
		expect(keys.length).toBeGreaterThan(10);
		expect(new Set(keys).size).toBe(keys.length);
		expect((await sweep()).scheduled_revisits).toBe(0);
	});

	it('records a revisit as done only with a satisfaction, by its owner or customer service', async () => {
		const created = await as.service!.post('/items/revisits', {
			customer,
			kind: 'maintenance',
			channel: 'phone',
			due_date: addDays(today(), 5),
			owner: users.rep1,
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		const id = created.body.data.id as number;

		refusedWith(await as.rep1!.post(`/visit-flow/revisits/${id}/done`, {}), 422, 'satisfaction_required');
		refusedWith(
			await as.rep1!.post(`/visit-flow/revisits/${id}/done`, { satisfaction: 6 }),
			422,
			'satisfaction_required',
		);
		refusedWith(await as.rep1!.post(`/visit-flow/revisits/${id}/cancel`, {}), 422, 'comment_required');
		expect((await as.rep2!.post(`/visit-flow/revisits/${id}/done`, { satisfaction: 4 })).status).toBe(404);
		// Nobody edits the status by hand: not the rep, not customer service.
		expect((await as.rep1!.patch(`/items/revisits/${id}`, { status: 'done' })).status).toBe(403);
		expect((await as.service!.patch(`/items/revisits/${id}`, { status: 'done' })).status).toBe(403);
		expect((await as.service!.patch(`/items/revisits/${id}`, { schedule_key: 'x' })).status).toBe(403);
		refusedWith(await admin.patch(`/items/revisits/${id}`, { schedule_key: 'x' }), 403, 'hand_edit');
		refusedWith(await admin.patch(`/items/revisits/${id}`, { done_at: new Date().toISOString() }), 403, 'hand_edit');
		expect((await admin.data(`/items/revisits/${id}`)).status).toBe('scheduled');

		const done = await as.service!.post(`/visit-flow/revisits/${id}/done`, { satisfaction: 4, notes: '设备运行正常' });
		expect(done.status, JSON.stringify(done.body)).toBe(200);
		expect(done.body.data).toMatchObject({
			status: 'done',
			satisfaction: 4,
			notes: '设备运行正常',
			done_at: expect.any(String),
		});
		refusedWith(await as.service!.post(`/visit-flow/revisits/${id}/done`, { satisfaction: 5 }), 409, 'transition');
		expect(await log('revisits', id)).toEqual(['scheduled→done']);
	});

	it('marks a revisit past its due date missed exactly once', async () => {
		const created = await as.service!.post('/items/revisits', {
			customer,
			kind: 'maintenance',
			channel: 'phone',
			due_date: addDays(today(), -2),
			owner: users.service,
		});
		const id = created.body.data.id as number;
		const runs = await Promise.all([1, 2, 3].map(() => admin.post('/visit-flow/sweeps/run', {})));
		for (const run of runs) expect(run.status, JSON.stringify(run.body)).toBe(200);
		expect((await admin.data(`/items/revisits/${id}`)).status).toBe('missed');
		expect((await sweep()).missed_revisits).toBe(0);
		expect(await log('revisits', id)).toEqual(['scheduled→missed']);
		const notices: any[] = await admin.data(
			`/notifications?filter[collection][_eq]=revisits&filter[item][_eq]=${id}&limit=-1`,
		);
		expect(notices.map((n) => n.recipient)).toEqual([users.service]);
		refusedWith(await as.service!.post(`/visit-flow/revisits/${id}/done`, { satisfaction: 3 }), 409, 'transition');
	});

	it('holds a complaint to its response deadline, and closes it only after its revisit', async () => {
		const file = async (receivedAt: Date) => {
			const res = await as.service!.post('/items/complaints', {
				customer,
				received_at: receivedAt.toISOString(),
				description: '到货包装破损',
				severity: 'high',
			});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			return res.body.data.id as number;
		};
		const complaint = (id: number) => admin.data(`/items/complaints/${id}`) as Promise<Record<string, any>>;
		refusedWith(
			await as.service!.post('/items/complaints', {
				customer,
				received_at: new Date().toISOString(),
				description: 'x',
				response_due_at: new Date().toISOString(),
			}),
			403,
			'hand_create',
		);

		const received = new Date(Math.floor(Date.now() / 1000) * 1000);
		const onTime = await file(received);
		await eventually(async () =>
			expect(Date.parse((await complaint(onTime)).response_due_at)).toBe(received.getTime() + 120 * 60_000),
		);
		expect((await as.service!.post(`/visit-flow/complaints/${onTime}/respond`, {})).body.data).toMatchObject({
			status: 'responded',
			response_late: false,
		});

		// Received three hours ago (entered late): the deadline follows.
		const late = await file(received);
		await eventually(async () => expect((await complaint(late)).response_due_at).not.toBeNull());
		const earlier = new Date(received.getTime() - 3 * 3_600_000);
		expect((await as.service!.patch(`/items/complaints/${late}`, { received_at: earlier.toISOString() })).status).toBe(
			200,
		);
		await eventually(async () =>
			expect(Date.parse((await complaint(late)).response_due_at)).toBe(earlier.getTime() + 120 * 60_000),
		);
		// Open past its deadline: the sweep flags it and tells its owner, once.
		expect((await complaint(late)).response_late).toBe(false);
		expect((await sweep()).late_complaints).toBeGreaterThanOrEqual(1);
		expect((await sweep()).late_complaints).toBe(0);
		expect((await complaint(late)).response_late).toBe(true);
		const notices: any[] = await admin.data(
			`/notifications?filter[collection][_eq]=complaints&filter[item][_eq]=${late}&limit=-1`,
		);
		expect(notices.map((n) => n.recipient)).toEqual([users.service]);
		expect((await as.rep1!.patch(`/items/complaints/${late}`, { status: 'responded' })).status).toBe(403);
		expect((await as.service!.patch(`/items/complaints/${late}`, { status: 'responded' })).status).toBe(403);
		refusedWith(await admin.patch(`/items/complaints/${late}`, { response_late: false }), 403, 'hand_edit');
		refusedWith(await as.rep1!.post(`/visit-flow/complaints/${late}/respond`, {}), 403, 'not_carer');
		const responded = await as.service!.post(`/visit-flow/complaints/${late}/respond`, {});
		expect(responded.body.data).toMatchObject({
			status: 'responded',
			response_late: true,
			responded_at: expect.any(String),
		});

		// Resolving needs a resolution and brings the complaint revisit along.
		refusedWith(await as.service!.post(`/visit-flow/complaints/${late}/close`, {}), 409, 'transition');
		refusedWith(await as.service!.post(`/visit-flow/complaints/${late}/resolve`, {}), 422, 'resolution_required');
		expect(await revisitsOf(`filter[source_complaint][_eq]=${late}`)).toHaveLength(0);
		const resolved = await as.service!.post(`/visit-flow/complaints/${late}/resolve`, { resolution: '补发产品并致歉' });
		expect(resolved.body.data).toMatchObject({
			status: 'resolved',
			resolution: '补发产品并致歉',
			resolved_at: expect.any(String),
		});
		const [revisit] = await revisitsOf(`filter[source_complaint][_eq]=${late}`);
		expect(revisit).toMatchObject({
			kind: 'complaint',
			status: 'scheduled',
			owner: users.service,
			customer,
			due_date: addDays(today(), 3),
			schedule_key: scheduleKey.complaint(late),
		});

		// Closed only once the customer has been called back.
		const refused = await as.service!.post(`/visit-flow/complaints/${late}/close`, {});
		refusedWith(refused, 409, 'complaint_revisit_pending');
		expect((await complaint(late)).status).toBe('resolved');
		expect((await as.service!.post(`/visit-flow/revisits/${revisit.id}/done`, { satisfaction: 5 })).status).toBe(200);
		const closed = await as.service!.post(`/visit-flow/complaints/${late}/close`, {});
		expect(closed.status, JSON.stringify(closed.body)).toBe(200);
		expect(closed.body.data.status).toBe('closed');
		expect(await log('complaints', late)).toEqual(['open→responded', 'responded→resolved', 'resolved→closed']);
		expect(await revisitsOf(`filter[source_complaint][_eq]=${late}`)).toHaveLength(1);
	});
});
