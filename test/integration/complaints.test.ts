/**
 * The complaint loop over HTTP (销售人员待客制度, 投诉处理): response and resolution deadlines set by
 * the server per severity, closing only with a cause, a corrective action for a valid complaint
 * and the complaint revisit done, flow-owned fields refused on every path, escalation to the
 * General Managers exactly once (two sweeps in a row, sweeps racing), and the KPIs valid
 * complaints and complaints resolved on time worked out from a fresh rep's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { Client, targets } from './client.ts';
import { backdate, closeDatabases, insertRow, setColumns } from './db.ts';
import { eventually, refusedWith } from './expect.ts';
import { yearOf } from './years.ts';

const YEAR = yearOf('complaints.test.ts');
const P = `${YEAR}-03`;
const Q = `${YEAR}-02`;
/** Noon in Shanghai of day `d` of month `m`. */
const noon = (m: string, d: number) => new Date(`${m}-${String(d).padStart(2, '0')}T12:00:00+08:00`);
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

describe.each(targets)('the complaint loop on $name', (target) => {
	let admin: Client;
	let service: Client;
	let rep1: Client;
	let users: Record<string, string>;
	let customer: number;
	const made: Record<string, string> = {};
	let savedSettings: Record<string, unknown>;

	async function makeUser(key: string, role: string, position: string, reportsTo: string | null, language: string) {
		const email = `complaints-${key}-${target.name}-${Date.now()}@example.com`;
		const created = await admin.post('/users', {
			email,
			password: 'demo-password',
			role: roleByKey(role as never).roleId,
			position,
			reports_to: reportsTo,
			first_name: key.toUpperCase(),
			last_name: '投诉',
			language,
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		made[key] = created.body.data.id;
	}

	beforeAll(async () => {
		admin = await Client.admin(target);
		service = await Client.login(target.url, 'service@example.com');
		rep1 = await Client.login(target.url, 'rep1@example.com');
		const list: any[] = await admin.data('/users?fields=id,email&limit=-1');
		users = Object.fromEntries(list.map((u) => [u.email.split('@')[0], u.id]));
		customer = (
			await admin.data(`/items/customers?filter[owner][_eq]=${users.rep1}&filter[status][_eq]=active&limit=1&fields=id`)
		)[0].id;
		// A second General Manager who reads English: the escalation speaks each one's language.
		await makeUser('gm', 'general_manager', 'general_manager', null, 'en-US');
		await makeUser('m', 'sales_manager', 'manager', users.gm!, 'zh-CN');
		await makeUser('r', 'sales_rep', 'rep', made.m!, 'zh-CN');
		savedSettings = await admin.data('/items/visit_settings');
	});
	afterAll(async () => {
		if (made.gm) await admin.patch(`/users/${made.gm}`, { status: 'suspended' });
		if (savedSettings)
			await admin.patch('/items/visit_settings', {
				complaint_response_minutes_critical: savedSettings.complaint_response_minutes_critical ?? null,
			});
		await closeDatabases();
	});

	const complaint = (id: number) => admin.data(`/items/complaints/${id}`) as Promise<Record<string, any>>;
	const file = async (o: Record<string, unknown> = {}, as = service) => {
		const res = await as.post('/items/complaints', {
			customer,
			received_at: noon(P, 2).toISOString(),
			description: '到货包装破损，产品划伤',
			severity: 'medium',
			...o,
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		const id = res.body.data.id as number;
		await eventually(async () => expect((await complaint(id)).resolution_due_at).not.toBeNull());
		return id;
	};
	const flow = (id: number, action: string, body: Record<string, unknown> = {}) =>
		service.post(`/visit-flow/complaints/${id}/${action}`, body);
	const revisitOf = async (id: number) =>
		((await admin.data(`/items/revisits?filter[source_complaint][_eq]=${id}&fields=id,status`)) as any[])[0];
	const log = async (id: number) =>
		(
			(await admin.data(
				`/items/approval_log?filter[collection][_eq]=complaints&filter[item][_eq]=${id}&sort=id&limit=-1`,
			)) as any[]
		).map((l) => `${l.from_status}→${l.to_status}`);
	const sweep = async () => {
		const res = await admin.post('/visit-flow/sweeps/run', {});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		return res.body.data;
	};

	it('sets the response and resolution deadlines per severity, and moves them with the severity', async () => {
		expect((await admin.patch('/items/visit_settings', { complaint_response_minutes_critical: 15 })).status).toBe(200);
		const settings = await admin.data('/items/visit_settings');
		const received = noon(P, 3);
		const ids: Record<string, number> = {};
		for (const severity of SEVERITIES) ids[severity] = await file({ severity, received_at: received.toISOString() });
		for (const severity of SEVERITIES) {
			const row = await complaint(ids[severity]!);
			const response =
				severity === 'medium'
					? settings.complaint_response_minutes
					: (settings[`complaint_response_minutes_${severity}`] ?? settings.complaint_response_minutes);
			expect(Date.parse(row.response_due_at), severity).toBe(received.getTime() + response * 60_000);
			expect(Date.parse(row.resolution_due_at), severity).toBe(
				received.getTime() + settings[`complaint_resolution_minutes_${severity}`] * 60_000,
			);
			expect(row).toMatchObject({ resolution_late: false, escalated_at: null, valid: true, status: 'open' });
		}
		// The critical one answers within its own 15 minutes, the others within the general limit.
		expect(Date.parse((await complaint(ids.critical!)).response_due_at)).toBe(received.getTime() + 15 * 60_000);
		// Raised from low to critical: both deadlines follow.
		expect((await service.patch(`/items/complaints/${ids.low}`, { severity: 'critical' })).status).toBe(200);
		await eventually(async () =>
			expect(Date.parse((await complaint(ids.low!)).resolution_due_at)).toBe(
				received.getTime() + settings.complaint_resolution_minutes_critical * 60_000,
			),
		);
		expect(Date.parse((await complaint(ids.low!)).response_due_at)).toBe(received.getTime() + 15 * 60_000);
	});

	it('closes only after the revisit, with a cause and, for a valid complaint, a corrective action', async () => {
		const id = await file({ product: null, location: '客户仓库', customer_request: '更换整批货物' });
		expect((await flow(id, 'respond')).status).toBe(200);
		expect((await flow(id, 'resolve', { resolution: '已补发并致歉' })).status).toBe(200);
		// The revisit comes first.
		refusedWith(
			await flow(id, 'close', { cause: 'delivery', corrective_action: '更换承运商' }),
			409,
			'complaint_revisit_pending',
		);
		const revisit = await revisitOf(id);
		expect(revisit.status).toBe('scheduled');
		expect((await service.post(`/visit-flow/revisits/${revisit.id}/done`, { satisfaction: 4 })).status).toBe(200);
		// No cause, a cause that is none of the list, no corrective action: refused in both languages, nothing written.
		const noCause = await flow(id, 'close', {});
		refusedWith(noCause, 422, 'complaint_cause_required');
		refusedWith(await flow(id, 'close', { cause: 'weather' }), 422, 'complaint_cause_invalid');
		refusedWith(await flow(id, 'close', { cause: 'delivery' }), 422, 'complaint_corrective_required');
		refusedWith(
			await flow(id, 'close', { cause: 'delivery', corrective_action: '   ' }),
			422,
			'complaint_corrective_required',
		);
		expect(await complaint(id)).toMatchObject({ status: 'resolved', cause: null, corrective_action: null });
		expect(await log(id)).toEqual(['open→responded', 'responded→resolved']);
		// Sent with /close: written with the closing, one log row.
		const closed = await flow(id, 'close', {
			cause: 'delivery',
			corrective_action: '更换物流承运商',
			preventive_action: '发货前加固包装',
			department: '物流部',
		});
		expect(closed.status, JSON.stringify(closed.body)).toBe(200);
		expect(await complaint(id)).toMatchObject({
			status: 'closed',
			cause: 'delivery',
			corrective_action: '更换物流承运商',
			preventive_action: '发货前加固包装',
			department: '物流部',
			location: '客户仓库',
			customer_request: '更换整批货物',
		});
		expect(await log(id)).toEqual(['open→responded', 'responded→resolved', 'resolved→closed']);

		// Written while open: a cause, not valid (no corrective action needed).
		const other = await file();
		expect((await service.patch(`/items/complaints/${other}`, { cause: 'price', valid: false })).status).toBe(200);
		await flow(other, 'respond');
		await flow(other, 'resolve', { resolution: '解释价格构成' });
		await service.post(`/visit-flow/revisits/${(await revisitOf(other)).id}/done`, { satisfaction: 3 });
		const closedOther = await flow(other, 'close', {});
		expect(closedOther.status, JSON.stringify(closedOther.body)).toBe(200);
		expect(await complaint(other)).toMatchObject({
			status: 'closed',
			cause: 'price',
			valid: false,
			corrective_action: null,
		});
	});

	it('refuses hand edits of the flow-owned fields through items, batch, GraphQL and import', async () => {
		const id = await file();
		const past = new Date(Date.now() - 86_400_000).toISOString();
		for (const data of [{ resolution_due_at: past }, { resolution_late: true }, { escalated_at: past }]) {
			refusedWith(await admin.patch(`/items/complaints/${id}`, data), 403, 'hand_edit');
			refusedWith(await admin.patch('/items/complaints', [{ id, ...data }]), 403, 'hand_edit');
			refusedWith(await admin.patch('/items/complaints', { keys: [id], data }), 403, 'hand_edit');
			expect((await service.patch(`/items/complaints/${id}`, data)).status).toBe(403);
		}
		const gql = await admin.graphql(
			`mutation { update_complaints_item(id: ${id}, data: { escalated_at: "${past}" }) { id } }`,
		);
		expect(gql.body.errors?.[0]?.message, JSON.stringify(gql.body)).toBeTruthy();
		const imported = await admin.upload(
			'/utils/import/complaints',
			new Blob([JSON.stringify([{ id, resolution_late: true }])], { type: 'application/json' }),
			'complaints.json',
		);
		refusedWith(imported, 403, 'hand_edit');
		refusedWith(
			await service.post('/items/complaints', {
				customer,
				received_at: noon(P, 4).toISOString(),
				description: 'x',
				escalated_at: past,
			}),
			403,
			'hand_create',
		);
		expect(await complaint(id)).toMatchObject({ resolution_late: false, escalated_at: null });
	});

	/** The escalation notices of a complaint, per recipient. */
	const escalations = async (id: number) =>
		(
			(await admin.data(
				`/notifications?filter[collection][_eq]=complaints&filter[item][_eq]=${id}&fields=recipient,subject&limit=-1`,
			)) as any[]
		).filter((n) => /总经理|General Managers/.test(n.subject));
	const activeGms = async () =>
		(
			(await admin.data(
				'/users?filter[position][_eq]=general_manager&filter[status][_eq]=active&fields=id,language&limit=-1',
			)) as any[]
		).map((u) => u.id as string);

	it('escalates an unresolved complaint past its resolution deadline to the General Managers, once', async () => {
		const open = await file({ severity: 'high' });
		const responded = await file({ severity: 'critical' });
		await flow(responded, 'respond');
		const resolved = await file({ severity: 'low' });
		await flow(resolved, 'respond');
		const overdue = new Date(Date.now() - 3_600_000);
		for (const id of [open, responded, resolved])
			await backdate(target, 'complaints', id, 'resolution_due_at', overdue);
		// Resolved after its deadline: flagged late by the resolving step, never escalated.
		const late = await flow(resolved, 'resolve', { resolution: '更换产品' });
		expect(late.body.data).toMatchObject({ status: 'resolved', resolution_late: true });

		const first = await sweep();
		expect(first.escalated_complaints).toBeGreaterThanOrEqual(2);
		const gms = await activeGms();
		expect(gms).toContain(made.gm);
		for (const id of [open, responded]) {
			const row = await complaint(id);
			expect(row).toMatchObject({ resolution_late: true, escalated_at: expect.any(String) });
			const notices = await escalations(id);
			expect(notices.map((n) => n.recipient).sort()).toEqual([...gms].sort());
			expect(notices.find((n) => n.recipient === made.gm).subject).toBe(
				`Complaint not resolved by its resolution deadline, escalated to the General Managers: complaint #${id}`,
			);
			expect(notices.find((n) => n.recipient === users.gm).subject).toBe(
				`投诉超过解决期限仍未解决，已上报总经理：投诉 #${id}`,
			);
		}
		const stamped = (await complaint(open)).escalated_at;
		// Twice: nothing more.
		expect((await sweep()).escalated_complaints).toBe(0);
		expect((await complaint(open)).escalated_at).toBe(stamped);
		expect(await escalations(open)).toHaveLength(gms.length);
		expect(await escalations(resolved)).toHaveLength(0);
		expect((await complaint(resolved)).escalated_at).toBeNull();
		// Not a state change: no log row.
		expect(await log(open)).toEqual([]);
		// Still refused by hand after the sweep.
		refusedWith(await admin.patch(`/items/complaints/${open}`, { escalated_at: null }), 403, 'hand_edit');
	});

	it('escalates exactly once when sweeps run at the same time', async () => {
		const ids = [await file({ severity: 'high' }), await file({ severity: 'medium' }), await file()];
		const overdue = new Date(Date.now() - 60_000);
		for (const id of ids) await backdate(target, 'complaints', id, 'resolution_due_at', overdue);
		const runs = await Promise.all(Array.from({ length: 4 }, () => admin.post('/visit-flow/sweeps/run', {})));
		for (const res of runs) expect(res.status, JSON.stringify(res.body)).toBe(200);
		const total = runs.reduce((n, res) => n + (res.body.data?.escalated_complaints ?? 0), 0);
		expect(total).toBeGreaterThanOrEqual(ids.length);
		const gms = await activeGms();
		for (const id of ids) {
			expect((await complaint(id)).escalated_at).not.toBeNull();
			const notices = await escalations(id);
			expect(notices.map((n) => n.recipient).sort()).toEqual([...gms].sort());
		}
	});

	describe('KPIs', () => {
		type Row = {
			m: string;
			d: number;
			valid: boolean;
			status: string;
			resolved: boolean;
			late: boolean;
		};
		// The fresh rep's complaints: received in P or Q, valid or not, resolved on time, late or not yet.
		const ROWS: Row[] = [
			{ m: P, d: 2, valid: true, status: 'closed', resolved: true, late: false },
			{ m: P, d: 3, valid: true, status: 'resolved', resolved: true, late: true },
			{ m: P, d: 4, valid: false, status: 'closed', resolved: true, late: false },
			{ m: P, d: 5, valid: true, status: 'open', resolved: false, late: true },
			{ m: P, d: 6, valid: true, status: 'responded', resolved: false, late: false },
			{ m: Q, d: 10, valid: true, status: 'closed', resolved: true, late: false },
			{ m: Q, d: 11, valid: false, status: 'open', resolved: false, late: false },
		];
		const ids: number[] = [];
		const expectedIn = (m: string, rows = ROWS) => {
			const received = rows.filter((r) => r.m === m);
			return {
				valid: received.filter((r) => r.valid).length,
				onTime: received.filter((r) => r.resolved && !r.late).length,
				received: received.length,
			};
		};
		const reading = async () => {
			const res = await admin.get(`/visit-kpi/summary?period=${P}&scope=rep&id=${made.r}`);
			expect(res.status, JSON.stringify(res.body)).toBe(200);
			const kpis = res.body.data.kpis as any[];
			return {
				valid: kpis.find((k) => k.key === 'valid_complaints'),
				onTime: kpis.find((k) => k.key === 'complaint_resolution_on_time'),
			};
		};

		beforeAll(async () => {
			for (const r of ROWS) {
				const at = noon(r.m, r.d);
				ids.push(
					await insertRow(target, 'complaints', {
						owner: made.r,
						customer,
						received_at: at,
						description: 'KPI 投诉',
						severity: 'medium',
						status: r.status,
						valid: r.valid,
						response_due_at: new Date(at.getTime() + 120 * 60_000),
						resolution_due_at: new Date(at.getTime() + 1440 * 60_000),
						resolved_at: r.resolved ? new Date(at.getTime() + (r.late ? 2000 : 600) * 60_000) : null,
						resolution_late: r.late,
						response_late: false,
						cause: r.status === 'closed' ? 'service' : null,
					}),
				);
			}
		});

		it('counts valid complaints and those resolved by their deadline, from the rows', async () => {
			expect([expectedIn(P), expectedIn(Q)]).toEqual([
				{ valid: 4, onTime: 2, received: 5 },
				{ valid: 1, onTime: 1, received: 2 },
			]);
			const { valid, onTime } = await reading();
			expect(valid).toMatchObject({
				unit: 'count',
				numerator: expectedIn(P).valid,
				previous: { numerator: expectedIn(Q).valid },
			});
			expect(onTime).toMatchObject({
				unit: 'ratio',
				numerator: expectedIn(P).onTime,
				denominator: expectedIn(P).received,
				value: 2 / 5,
				previous: { numerator: expectedIn(Q).onTime, denominator: expectedIn(Q).received },
			});
			expect(valid.label['zh-CN']).toBe('有效投诉');
			expect(onTime.label['en-US']).toBe('Complaints resolved on time');
		});

		it('follows changes written by SQL', async () => {
			const rows = ROWS.map((r) => ({ ...r }));
			// The responded one is not valid after all; the late one turns out on time.
			await setColumns(target, 'complaints', ids[4]!, { valid: false });
			rows[4]!.valid = false;
			await setColumns(target, 'complaints', ids[1]!, { resolution_late: false });
			rows[1]!.late = false;
			const { valid, onTime } = await reading();
			expect(valid.numerator).toBe(expectedIn(P, rows).valid);
			expect(onTime).toMatchObject({
				numerator: expectedIn(P, rows).onTime,
				denominator: expectedIn(P, rows).received,
			});
			expect([expectedIn(P, rows).valid, expectedIn(P, rows).onTime]).toEqual([3, 3]);
		});
	});

	it('keeps rep1 from reading or closing another owner’s complaint', async () => {
		const id = await file();
		refusedWith(await rep1.post(`/visit-flow/complaints/${id}/close`, { cause: 'service' }), 403, 'not_carer');
	});
});
