import { describe, expect, it } from 'vitest';
import type { Caller, Person } from '../../extensions/sales-visits/src/domain/approval.ts';
import {
	acknowledgeProblem,
	cancelVisit,
	checkIn,
	checkOut,
	readReport,
	reviewReport,
	submitReport,
	systemStep,
	type FieldWorkSettings,
	type VisitFacts,
} from '../../extensions/sales-visits/src/domain/visit-rules.ts';

const rep: Person = { id: 'r1', name: '刘洋', position: 'rep', reports_to: 'm1' };
const manager: Person = { id: 'm1', name: '李明', position: 'manager', reports_to: 'gm' };
const as = (p: Person, admin = false): Caller => ({ ...p, admin });
const now = new Date('2026-11-26T02:00:00Z');
const settings: FieldWorkSettings = {
	timezone: 'Asia/Shanghai',
	report_deadline_hours: 48,
	report_deadline_workdays: null,
	geofence_radius_m: 500,
	geofence_mode: 'soft',
	check_in_max_accuracy_m: 200,
	check_in_max_fix_age_s: 120,
	unapproved_check_in: 'refuse',
};
const customer = { latitude: 30.2431, longitude: 120.1502 };
const visit = (o: Partial<VisitFacts> = {}): VisitFacts => ({
	id: 5,
	status: 'scheduled',
	owner: rep,
	channel: 'onsite',
	requires_application: false,
	application_status: 'not_required',
	report_due_at: null,
	...o,
});
const fix = (metresNorth = 0, o: Record<string, unknown> = {}) => ({
	latitude: customer.latitude + metresNorth / 111_195,
	longitude: customer.longitude,
	accuracy: 15,
	timestamp: now.getTime() - 5_000,
	...o,
});
const code = (step: { ok: boolean; refusal?: { code: string } }) => (step.ok ? 'ok' : step.refusal!.code);
const checkInWith = (o: Partial<Parameters<typeof checkIn>[0]>) =>
	checkIn({ item: visit(), caller: as(rep), fix: fix(), reason: null, customer, settings, now, ...o });

describe('check-in', () => {
	it('stamps the server time, the position, the distance and the geofence', () => {
		const step = checkInWith({ fix: fix(120) });
		expect(step).toMatchObject({
			ok: true,
			to: 'in_progress',
			patch: {
				status: 'in_progress',
				check_in_at: now.toISOString(),
				check_in_accuracy_m: 15,
				outside_geofence: false,
				unauthorized: false,
			},
		});
		expect(step.ok && step.patch.check_in_distance_m).toBe(120);
		expect(step.ok && step.log).toMatchObject({
			collection: 'visits',
			item: '5',
			from_status: 'scheduled',
			to_status: 'in_progress',
			actor: 'r1',
		});
	});

	it('refuses missing, impossible, imprecise, stale and future fixes', () => {
		expect(code(checkInWith({ fix: null }))).toBe('coordinates_required');
		expect(code(checkInWith({ fix: { latitude: 30 } }))).toBe('coordinates_required');
		expect(code(checkInWith({ fix: fix(0, { latitude: -91 }) }))).toBe('coordinates_invalid');
		expect(code(checkInWith({ fix: fix(0, { longitude: '120' }) }))).toBe('coordinates_invalid');
		expect(code(checkInWith({ fix: fix(0, { accuracy: -1 }) }))).toBe('coordinates_invalid');
		expect(code(checkInWith({ fix: fix(0, { accuracy: 201 }) }))).toBe('fix_inaccurate');
		expect(code(checkInWith({ fix: fix(0, { timestamp: now.getTime() - 121_000 }) }))).toBe('fix_stale');
		expect(code(checkInWith({ fix: fix(0, { timestamp: now.getTime() + 61_000 }) }))).toBe('fix_stale');
		expect(code(checkInWith({ fix: fix(0, { timestamp: 'yesterday' }) }))).toBe('fix_stale');
		expect(code(checkInWith({ fix: fix(0, { timestamp: new Date(now.getTime() - 30_000).toISOString() }) }))).toBe(
			'ok',
		);
	});

	it('takes a check-in outside the radius with a reason (soft) or not at all (hard)', () => {
		expect(code(checkInWith({ fix: fix(800) }))).toBe('outside_geofence_reason');
		const soft = checkInWith({ fix: fix(800), reason: '客户在分厂' });
		expect(soft.ok && soft.patch).toMatchObject({ outside_geofence: true, check_in_reason: '客户在分厂' });
		expect(code(checkInWith({ fix: fix(800), reason: 'x', settings: { ...settings, geofence_mode: 'hard' } }))).toBe(
			'outside_geofence',
		);
		expect(code(checkInWith({ fix: fix(499), settings: { ...settings, geofence_mode: 'hard' } }))).toBe('ok');
	});

	it('needs no position for a call, and no distance without the customer’s coordinates', () => {
		expect(checkInWith({ item: visit({ channel: 'phone' }), fix: null })).toMatchObject({
			ok: true,
			patch: { check_in_at: now.toISOString() },
		});
		const unknown = checkInWith({ customer: null });
		expect(unknown.ok && unknown.patch).toMatchObject({ check_in_distance_m: null, outside_geofence: false });
	});

	it('needs the approved application, or flags the visit unauthorized when the setting allows', () => {
		const applied = visit({ requires_application: true, application_status: 'pending' });
		expect(code(checkInWith({ item: applied }))).toBe('application_required');
		const flagged = checkInWith({ item: applied, settings: { ...settings, unapproved_check_in: 'flag' } });
		expect(flagged.ok && flagged.patch.unauthorized).toBe(true);
		expect(code(checkInWith({ item: visit({ requires_application: true, application_status: 'approved' }) }))).toBe(
			'ok',
		);
	});

	it('is the owner’s, once, on a scheduled visit', () => {
		expect(code(checkInWith({ caller: as(manager) }))).toBe('not_owner');
		for (const status of ['in_progress', 'completed', 'cancelled', 'missed'])
			expect(code(checkInWith({ item: visit({ status }) })), status).toBe('transition');
	});
});

describe('check-out, cancel and the sweeps’ transitions', () => {
	it('sets the report deadline', () => {
		expect(checkOut(visit({ status: 'in_progress' }), as(rep), settings, new Map(), now)).toMatchObject({
			ok: true,
			patch: {
				status: 'completed',
				report_status: 'pending',
				check_out_at: now.toISOString(),
				report_due_at: '2026-11-28T02:00:00.000Z',
			},
		});
		expect(code(checkOut(visit(), as(rep), settings, new Map(), now))).toBe('transition');
	});

	it('cancels with a reason only', () => {
		expect(code(cancelVisit(visit(), as(rep), ' ', now))).toBe('comment_required');
		expect(cancelVisit(visit(), as(rep), '客户改期', now)).toMatchObject({
			ok: true,
			to: 'cancelled',
			log: { comment: '客户改期' },
		});
	});

	it('leaves missed and overdue to the system (an Administrator may stand in)', () => {
		expect(code(systemStep('visit', 'miss', visit(), as(manager), now))).toBe('system_only');
		expect(
			systemStep(
				'visit',
				'miss',
				visit(),
				{ id: 'admin', name: 'A', position: null, reports_to: null, admin: true },
				now,
			),
		).toMatchObject({ ok: true, to: 'missed' });
	});
});

describe('reports', () => {
	const completed = (report_status: string, report_due_at = '2026-11-27T02:00:00Z') =>
		visit({ status: report_status, report_due_at });

	it('are submitted by the owner, late after the deadline, again after a return', () => {
		expect(submitReport(completed('pending'), as(rep), now)).toMatchObject({
			ok: true,
			patch: { report_status: 'submitted', report_late: false },
		});
		expect(submitReport(completed('overdue', '2026-11-25T02:00:00Z'), as(rep), now)).toMatchObject({
			ok: true,
			patch: { report_late: true },
		});
		expect(code(submitReport(completed('returned'), as(rep), now))).toBe('ok');
		expect(code(submitReport(completed('submitted'), as(rep), now))).toBe('transition');
		expect(code(submitReport(completed('not_due'), as(rep), now))).toBe('transition');
		expect(code(submitReport(completed('pending'), as(manager), now))).toBe('not_owner');
	});

	it('are reviewed by the supervisor, returned only with a comment', () => {
		expect(code(reviewReport(completed('submitted'), as(manager), 'maybe', null, null, now))).toBe('review_decision');
		expect(code(reviewReport(completed('submitted'), as(manager), 'returned', null, null, now))).toBe(
			'comment_required',
		);
		expect(reviewReport(completed('submitted'), as(manager), 'returned', '补充竞品信息', null, now)).toMatchObject({
			ok: true,
			to: 'returned',
		});
		expect(code(reviewReport(completed('submitted'), as(rep), 'approved', null, null, now))).toBe('self_approval');
	});

	it('read their content and commitments', () => {
		expect(
			readReport(
				{ summary: '拜访了客户，介绍新品', follow_ups: [{ description: '寄样品', due_date: '2026-12-01' }] },
				'2026-11-26',
			),
		).toEqual({
			content: {
				summary: '拜访了客户，介绍新品',
				customer_feedback: null,
				outcome: null,
				participants: null,
				competitor_info: null,
				next_steps: null,
			},
			followUps: [{ description: '寄样品', due_date: '2026-12-01' }],
		});
		expect(readReport({ summary: '短' }, '2026-11-26')).toMatchObject({ code: 'report_summary' });
		expect(readReport({ summary: 42 }, '2026-11-26')).toMatchObject({ code: 'report_invalid' });
		expect(readReport({ summary: '拜访了客户，介绍新品', follow_ups: 'x' }, '2026-11-26')).toMatchObject({
			code: 'report_invalid',
		});
		expect(
			readReport(
				{ summary: '拜访了客户，介绍新品', follow_ups: [{ description: '', due_date: '2026-12-01' }] },
				'2026-11-26',
			),
		).toMatchObject({ code: 'follow_up_invalid' });
		expect(
			readReport(
				{ summary: '拜访了客户，介绍新品', follow_ups: [{ description: 'x', due_date: '2026-11-25' }] },
				'2026-11-26',
			),
		).toMatchObject({ code: 'follow_up_past' });
	});

	it('let the supervisor acknowledge a check-in outside the geofence once', () => {
		expect(acknowledgeProblem(as(manager), rep, true, null, '李明')).toBeNull();
		expect(acknowledgeProblem(as(rep), rep, true, null, '李明')?.code).toBe('self_approval');
		expect(acknowledgeProblem(as(manager), rep, false, null, '李明')?.code).toBe('not_outside');
		expect(acknowledgeProblem(as(manager), rep, true, '2026-11-26T01:00:00Z', '李明')?.code).toBe(
			'already_acknowledged',
		);
	});
});
