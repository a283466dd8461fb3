/**
 * Customer care over HTTP (客户回访制度, 投诉处理): the revisits the server schedules exactly once
 * (after a sale, every period, after a complaint), recording and missing them, and a
 * complaint's response deadline, late flag, resolution and closing after its revisit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstRevisitDue, periodOf, scheduleKey } from '../../extensions/sales-visits/src/domain/care.ts';
import { workdayAfter } from '../../extensions/sales-visits/src/domain/work-days.ts';
import { addDays, zonedDate } from '../../extensions/sales-visits/src/domain/zoned-time.ts';
import { Client, targets } from './client.ts';
import { closeDatabases, execute } from './db.ts';
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
		const closed = await as.service!.post(`/visit-flow/complaints/${late}/close`, {
			cause: 'delivery',
			corrective_action: '更换物流承运商',
		});
		expect(closed.status, JSON.stringify(closed.body)).toBe(200);
		expect(closed.body.data.status).toBe('closed');
		expect(await log('complaints', late)).toEqual(['open→responded', 'responded→resolved', 'resolved→closed']);
		expect(await revisitsOf(`filter[source_complaint][_eq]=${late}`)).toHaveLength(1);
	});
});

/**
 * 客户关怀: birthday and festival reminders to the customer's owner, each once per contact (or
 * festival and owner) and year, whether two sweeps race or one is run again.
 */
describe.each(targets)('care reminders on $name', (target) => {
	let admin: Client;
	let rep1: { id: string; language: string | null };
	let customer: number;
	let days: number;

	beforeAll(async () => {
		admin = await Client.admin(target);
		rep1 = (await admin.data('/users?filter[email][_eq]=rep1@example.com&fields=id,language'))[0];
		customer = (
			await admin.data(`/items/customers?filter[owner][_eq]=${rep1.id}&filter[status][_eq]=active&limit=1&fields=id`)
		)[0].id;
		days = (await admin.data('/items/visit_settings')).birthday_reminder_days;
	});
	afterAll(closeDatabases);

	const sweepTwiceAtOnce = async () => {
		const runs = await Promise.all([1, 2].map(() => admin.post('/visit-flow/sweeps/run', {})));
		for (const run of runs) expect(run.status, JSON.stringify(run.body)).toBe(200);
		return runs;
	};
	const notices = (collection: string, id: number): Promise<any[]> =>
		admin.data(`/notifications?filter[collection][_eq]=${collection}&filter[item][_eq]=${id}&fields=*&limit=-1`);

	it('reminds the owner of a contact’s birthday once a year, however many sweeps run', async () => {
		expect(days).toBe(3);
		const born = (day: string) => `1980${day.slice(4)}`;
		const make = async (name: string, birthday: string) => {
			const res = await admin.post('/items/contacts', { customer, name, birthday });
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			return res.body.data.id as number;
		};
		const stamp = `${target.name}-${Date.now()}`;
		// 29 February would shift the expected day: keep the test's days clear of it.
		const inWindow = await make(`生日近-${stamp}`, born(addDays(today(), 2)));
		const onTheDay = await make(`生日今-${stamp}`, born(today()));
		const later = await make(`生日远-${stamp}`, born(addDays(today(), days + 2)));
		const past = await make(`生日过-${stamp}`, born(addDays(today(), -1)));

		await sweepTwiceAtOnce();
		// A rerun, and one after an edit that makes the rule scan again: nothing more.
		await admin.patch(`/items/contacts/${inWindow}`, { title: 'CTO' });
		await sweepTwiceAtOnce();
		const again = await admin.post('/visit-flow/sweeps/run', {});
		expect(again.body.data.care_reminders).toBe(0);

		for (const id of [inWindow, onTheDay]) {
			const sent = await notices('contacts', id);
			expect(sent.map((n) => n.recipient)).toEqual([rep1.id]);
			expect(sent[0].subject).toMatch(rep1.language?.startsWith('zh') ? /生日/ : /birthday/);
		}
		expect(await notices('contacts', later)).toEqual([]);
		expect(await notices('contacts', past)).toEqual([]);
	});

	it('reminds each owner once of a festival marked in the work calendar', async () => {
		// A festival the seeded calendar does not mark, a day ahead (its working-day status unchanged).
		await execute(target, "DELETE FROM care_reminder_marks WHERE kind = 'festival' AND ref LIKE 'lantern_festival:%'");
		const day = addDays(today(), 1);
		const existing: any[] = await admin.data(`/items/work_calendar?filter[date][_eq]=${day}&fields=*`);
		const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
		const res = existing[0]
			? await admin.patch(`/items/work_calendar/${existing[0].id}`, { festival: 'lantern_festival' })
			: await admin.post('/items/work_calendar', {
					date: day,
					is_workday: weekday !== 0 && weekday !== 6,
					note: 'test festival',
					festival: 'lantern_festival',
				});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const row = res.body.data.id as number;
		try {
			await sweepTwiceAtOnce();
			await admin.patch(`/items/work_calendar/${row}`, { note: existing[0]?.note ?? 'test festival (edited)' });
			await sweepTwiceAtOnce();
			const sent = await notices('work_calendar', row);
			const toRep1 = sent.filter((n) => n.recipient === rep1.id);
			expect(toRep1).toHaveLength(1);
			expect(toRep1[0].subject).toMatch(rep1.language?.startsWith('zh') ? /元宵节/ : /Lantern Festival/);
			// Every owner once.
			expect(new Set(sent.map((n) => n.recipient)).size).toBe(sent.length);
		} finally {
			if (existing[0]) await admin.patch(`/items/work_calendar/${row}`, { festival: existing[0].festival });
			else await admin.delete(`/items/work_calendar/${row}`);
		}
	});

	it('refuses a festival the choices do not know', async () => {
		const res = await admin.post('/items/work_calendar', {
			date: '2132-01-05',
			is_workday: true,
			festival: 'not_a_festival',
		});
		expect(res.status).toBe(400);
	});
});

/** 客户回访 extended: the contact revisited, the report due the next working day, the flow's own fields, warranty revisits. */
describe.each(targets)('revisit reports and warranty revisits on $name', (target) => {
	let admin: Client;
	let service: Client;
	let users: Record<string, string>;
	let customer: number;
	let other: number;

	beforeAll(async () => {
		admin = await Client.admin(target);
		service = await Client.login(target.url, 'service@example.com');
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		const theirs: any[] = await admin.data(
			`/items/customers?filter[owner][_eq]=${users.rep1}&filter[status][_eq]=active&limit=2&fields=id`,
		);
		[customer, other] = [theirs[0].id, theirs[1].id];
	});
	afterAll(closeDatabases);

	const contactOf = async (of: number) => {
		const res = await admin.post('/items/contacts', { customer: of, name: `回访联系人-${Date.now()}` });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		return res.body.data.id as number;
	};

	it('takes only a contact of the revisit’s customer, on create and on update', async () => {
		const mine = await contactOf(customer);
		const theirs = await contactOf(other);
		refusedWith(
			await service.post('/items/revisits', {
				customer,
				contact: theirs,
				kind: 'maintenance',
				channel: 'phone',
				due_date: '2132-03-01',
				owner: users.service,
			}),
			422,
			'revisit_contact_customer',
		);
		const ok = await service.post('/items/revisits', {
			customer,
			contact: mine,
			kind: 'maintenance',
			channel: 'phone',
			due_date: '2132-03-01',
			owner: users.service,
		});
		expect(ok.status, JSON.stringify(ok.body)).toBe(200);
		const id = ok.body.data.id as number;
		refusedWith(await service.patch(`/items/revisits/${id}`, { contact: theirs }), 422, 'revisit_contact_customer');
		refusedWith(
			await service.patch('/items/revisits', { keys: [id], data: { contact: theirs } }),
			422,
			'revisit_contact_customer',
		);
		refusedWith(await service.patch(`/items/revisits/${id}`, { customer: other }), 422, 'revisit_contact_customer');
		expect((await admin.data(`/items/revisits/${id}`)).contact).toBe(mine);
	});

	it('makes the report due the next working day once done, a field nobody writes by hand', async () => {
		const created = await service.post('/items/revisits', {
			customer,
			kind: 'maintenance',
			channel: 'phone',
			due_date: addDays(today(), 5),
			owner: users.service,
		});
		const id = created.body.data.id as number;
		for (const field of ['report_due_at', 'reviewed_at', 'reviewed_by', 'escalated_visit']) {
			const value = field === 'reviewed_by' ? users.service : field === 'escalated_visit' ? 1 : '2132-05-06';
			const one = await service.patch(`/items/revisits/${id}`, { [field]: value });
			expect(one.status, JSON.stringify(one.body)).toBe(403);
			const batch = await service.patch('/items/revisits', { keys: [id], data: { [field]: value } });
			expect(batch.status, JSON.stringify(batch.body)).toBe(403);
			const gqlValue = typeof value === 'number' ? value : `"${value}"`;
			const gql = await service.graphql(
				`mutation { update_revisits_item(id: ${id}, data: { ${field}: ${gqlValue} }) { id } }`,
			);
			expect(gql.body.errors?.[0]?.message, JSON.stringify(gql.body)).toBeTruthy();
		}
		refusedWith(
			await service.post('/items/revisits', {
				customer,
				kind: 'maintenance',
				channel: 'phone',
				due_date: '2132-03-02',
				owner: users.service,
				report_due_at: '2132-03-03',
			}),
			403,
			'hand_create',
		);
		const done = await service.post(`/visit-flow/revisits/${id}/done`, { satisfaction: 5, notes: 'ok' });
		expect(done.status, JSON.stringify(done.body)).toBe(200);
		const calendar = new Map(
			((await admin.data('/items/work_calendar?fields=date,is_workday&limit=-1')) as any[]).map((d) => [
				String(d.date).slice(0, 10),
				Boolean(d.is_workday),
			]),
		);
		const row = await admin.data(`/items/revisits/${id}`);
		expect(row.report_due_at).toBe(workdayAfter(today(), calendar));
		expect(row.reviewed_by).toBeNull();
	});

	it('schedules a warranty revisit each half year while the warranty lasts, and none after', async () => {
		const half = periodOf(today(), 6);
		const order = async (warranty_until: string) => {
			const res = await admin.post('/items/sales_orders', {
				order_no: `SO-WARRANTY-${target.name}-${Date.now()}-${Math.random()}`,
				customer,
				owner: users.rep1,
				signed_at: addDays(half.start, 0),
				amount: 10_000,
				warranty_until,
			});
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			return res.body.data.id as number;
		};
		const long = await order('2133-06-30');
		// Inside the half year (when it still has days left), and ended yesterday.
		const endsInside = await order(half.end > addDays(today(), 10) ? addDays(half.end, -10) : half.end);
		const ended = await order(addDays(today(), -1));
		const runs = await Promise.all([1, 2].map(() => admin.post('/visit-flow/sweeps/run', {})));
		for (const run of runs) expect(run.status, JSON.stringify(run.body)).toBe(200);
		await admin.post('/visit-flow/sweeps/run', {});
		const warranty = async (id: number) =>
			(await admin.data(
				`/items/revisits?filter[source_order][_eq]=${id}&filter[kind][_eq]=maintenance&fields=*&limit=-1`,
			)) as any[];
		const [a] = await warranty(long);
		expect(await warranty(long)).toHaveLength(1);
		expect(a).toMatchObject({
			customer,
			owner: users.rep1,
			channel: 'phone',
			status: 'scheduled',
			due_date: half.end,
			schedule_key: `warranty:order:${long}:${half.key}`,
		});
		const inside = await warranty(endsInside);
		expect(inside).toHaveLength(1);
		expect(inside[0].due_date).toBe(half.end > addDays(today(), 10) ? addDays(half.end, -10) : half.end);
		expect(await warranty(ended)).toEqual([]);
	});
});
