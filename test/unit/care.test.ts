import { describe, expect, it } from 'vitest';
import {
	decide,
	type Caller,
	type DecisionInput,
	type Person,
} from '../../extensions/sales-visits/src/domain/approval.ts';
import {
	complaintDeadlines,
	complaintRevisitDue,
	firstRevisitDue,
	isSatisfaction,
	isSatisfied,
	periodOf,
	responseDueAt,
	scheduleKey,
} from '../../extensions/sales-visits/src/domain/care.ts';
import { explain } from '../../extensions/sales-visits/src/domain/refusals.ts';

const rep: Person = { id: 'r1', name: '刘洋', position: 'rep', reports_to: 'm1' };
const otherRep: Person = { id: 'r2', name: '赵磊', position: 'rep', reports_to: 'm1' };
const manager: Person = { id: 'm1', name: '李明', position: 'manager', reports_to: 'gm' };
const service: Person = { id: 's', name: '徐敏', position: 'service', reports_to: null };
const as = (p: Person, admin = false): Caller => ({ ...p, admin });

const now = new Date('2026-11-26T02:00:00Z');
const input = (o: Partial<DecisionInput> & Pick<DecisionInput, 'flow' | 'action'>): DecisionInput => ({
	item: { id: 5, status: 'scheduled', owner: rep },
	caller: as(rep),
	comment: null,
	now,
	applicationLeadHours: 24,
	...o,
});
const reason = (d: ReturnType<typeof decide>) => (d.ok ? 'ok' : d.refusal.code);

describe('revisit periods', () => {
	it('counts calendar periods from January and names quarters and halves', () => {
		expect(periodOf('2026-11-26', 3)).toEqual({ key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
		expect(periodOf('2026-01-01', 3)).toEqual({ key: '2026-Q1', start: '2026-01-01', end: '2026-03-31' });
		expect(periodOf('2026-06-30', 6)).toEqual({ key: '2026-H1', start: '2026-01-01', end: '2026-06-30' });
		expect(periodOf('2026-07-01', 6)).toEqual({ key: '2026-H2', start: '2026-07-01', end: '2026-12-31' });
		expect(periodOf('2028-02-10', 1)).toEqual({ key: '2028-M02', start: '2028-02-01', end: '2028-02-29' });
		expect(periodOf('2026-05-10', 12)).toEqual({ key: '2026', start: '2026-01-01', end: '2026-12-31' });
		// Five months do not tile a year: the last period stops at New Year's Eve.
		expect(periodOf('2026-12-01', 5)).toEqual({ key: '2026-M11', start: '2026-11-01', end: '2026-12-31' });
	});

	it('keys each scheduled revisit by its trigger', () => {
		expect(scheduleKey.firstAfterSale(12)).toBe('first_after_sale:order:12');
		expect(scheduleKey.complaint(5)).toBe('complaint:5');
		const { prefix, suffix } = scheduleKey.periodic('periodic_phone', periodOf('2026-11-26', 3));
		expect(`${prefix}7${suffix}`).toBe('periodic_phone:customer:7:2026-Q4');
	});

	it('puts the first revisit a month after the sale and the complaint revisit days after resolving', () => {
		expect(firstRevisitDue('2026-11-20', 30)).toBe('2026-12-20');
		expect(firstRevisitDue('2026-12-15', 30)).toBe('2027-01-14');
		expect(complaintRevisitDue('2026-02-27', 3)).toBe('2026-03-02');
	});

	it('gives a complaint its response deadline in minutes', () => {
		expect(responseDueAt(new Date('2026-11-26T02:00:00Z'), 120).toISOString()).toBe('2026-11-26T04:00:00.000Z');
		expect(responseDueAt(new Date('2026-11-26T23:30:00Z'), 45).toISOString()).toBe('2026-11-27T00:15:00.000Z');
	});

	it('takes a satisfaction of 1 to 5 only', () => {
		expect([1, 3, 5].every(isSatisfaction)).toBe(true);
		expect([0, 6, 2.5, '4', null, undefined].some(isSatisfaction)).toBe(false);
		// 满意 (4) and 非常满意 (5) are satisfied; 一般 (3) and below, or no score, are not.
		expect([1, 2, 3, 4, 5, null].map(isSatisfied)).toEqual([false, false, false, true, true, false]);
	});
});

describe('the revisit flow', () => {
	it('records a revisit as done with a satisfaction, stamping done_at', () => {
		const d = decide(input({ flow: 'revisit', action: 'done', details: { satisfaction: 4, notes: ' 客户满意 ' } }));
		expect(d).toMatchObject({
			ok: true,
			to: 'done',
			patch: { status: 'done', done_at: now.toISOString(), satisfaction: 4, notes: '客户满意' },
		});
		expect(d.ok && d.log).toMatchObject({
			collection: 'revisits',
			item: '5',
			from_status: 'scheduled',
			to_status: 'done',
		});
		expect(reason(decide(input({ flow: 'revisit', action: 'done' })))).toBe('satisfaction_required');
		expect(reason(decide(input({ flow: 'revisit', action: 'done', details: { satisfaction: 7 } })))).toBe(
			'satisfaction_required',
		);
	});

	it('lets the owner, customer service and Administrators act, nobody else', () => {
		const done = { details: { satisfaction: 5 } };
		expect(reason(decide(input({ flow: 'revisit', action: 'done', caller: as(service), ...done })))).toBe('ok');
		expect(
			reason(decide(input({ flow: 'revisit', action: 'done', caller: { ...as(otherRep), admin: true }, ...done }))),
		).toBe('ok');
		expect(reason(decide(input({ flow: 'revisit', action: 'done', caller: as(otherRep), ...done })))).toBe('not_carer');
		expect(reason(decide(input({ flow: 'revisit', action: 'done', caller: as(manager), ...done })))).toBe('not_carer');
	});

	it('cancels with a comment only, and leaves missing a revisit to the sweeps', () => {
		expect(reason(decide(input({ flow: 'revisit', action: 'cancel' })))).toBe('comment_required');
		expect(decide(input({ flow: 'revisit', action: 'cancel', comment: '客户停业' }))).toMatchObject({
			ok: true,
			to: 'cancelled',
			patch: { status: 'cancelled' },
		});
		expect(reason(decide(input({ flow: 'revisit', action: 'miss' })))).toBe('system_only');
		expect(
			reason(
				decide(
					input({
						flow: 'revisit',
						action: 'done',
						item: { id: 5, status: 'missed', owner: rep },
						details: { satisfaction: 3 },
					}),
				),
			),
		).toBe('transition');
	});
});

describe('the complaint flow', () => {
	const complaint = (status: string, extra = {}) => ({
		id: 9,
		status,
		owner: service,
		response_due_at: '2026-11-26T01:00:00.000Z',
		...extra,
	});

	it('flags a response after the deadline as late', () => {
		expect(
			decide(input({ flow: 'complaint', action: 'respond', item: complaint('open'), caller: as(service) })),
		).toMatchObject({ ok: true, patch: { status: 'responded', responded_at: now.toISOString(), response_late: true } });
		const early = decide(
			input({
				flow: 'complaint',
				action: 'respond',
				item: complaint('open', { response_due_at: '2026-11-26T03:00:00.000Z' }),
				caller: as(service),
			}),
		);
		expect(early.ok && early.patch.response_late).toBe(false);
	});

	it('resolves with a resolution, given now or written before', () => {
		expect(
			reason(
				decide(input({ flow: 'complaint', action: 'resolve', item: complaint('responded'), caller: as(service) })),
			),
		).toBe('resolution_required');
		expect(
			decide(
				input({
					flow: 'complaint',
					action: 'resolve',
					item: complaint('responded'),
					caller: as(service),
					details: { resolution: '补发产品' },
				}),
			),
		).toMatchObject({
			ok: true,
			patch: { status: 'resolved', resolved_at: now.toISOString(), resolution: '补发产品' },
		});
		expect(
			reason(
				decide(
					input({
						flow: 'complaint',
						action: 'resolve',
						item: complaint('responded', { resolution: '已退款' }),
						caller: as(service),
					}),
				),
			),
		).toBe('ok');
		expect(
			reason(
				decide(
					input({
						flow: 'complaint',
						action: 'resolve',
						item: complaint('open'),
						caller: as(service),
						details: { resolution: 'x' },
					}),
				),
			),
		).toBe('transition');
	});

	it('closes only once its revisit is done, and says so in both languages', () => {
		const pending = decide(
			input({
				flow: 'complaint',
				action: 'close',
				item: complaint('resolved', { revisit_status: 'scheduled' }),
				caller: as(service),
			}),
		);
		expect(reason(pending)).toBe('complaint_revisit_pending');
		if (!pending.ok) {
			expect(pending.refusal.status).toBe(409);
			expect(explain(pending.refusal, 'zh-CN')).toContain('待回访');
			expect(explain(pending.refusal, 'en-US')).toContain('Scheduled');
		}
		expect(
			reason(
				decide(
					input({
						flow: 'complaint',
						action: 'close',
						item: complaint('resolved', { revisit_status: null }),
						caller: as(service),
					}),
				),
			),
		).toBe('complaint_revisit_pending');
		expect(
			decide(
				input({
					flow: 'complaint',
					action: 'close',
					item: complaint('resolved', { revisit_status: 'done', cause: 'service', corrective_action: '培训' }),
					caller: as(service),
				}),
			),
		).toMatchObject({ ok: true, to: 'closed' });
		expect(
			reason(
				decide(
					input({
						flow: 'complaint',
						action: 'close',
						item: complaint('resolved', { revisit_status: 'done' }),
						caller: as(rep),
					}),
				),
			),
		).toBe('not_carer');
	});

	it('closes with a cause and, when valid, a corrective action, held or sent with /close', () => {
		const close = (item: Record<string, unknown>, details: Record<string, unknown> = {}) =>
			decide(
				input({
					flow: 'complaint',
					action: 'close',
					item: complaint('resolved', { revisit_status: 'done', ...item }),
					caller: as(service),
					details,
				}),
			);
		const noCause = close({ corrective_action: '培训' });
		expect(reason(noCause)).toBe('complaint_cause_required');
		if (!noCause.ok) {
			expect(noCause.refusal.status).toBe(422);
			expect(explain(noCause.refusal, 'zh-CN')).toContain('投诉原因');
			expect(explain(noCause.refusal, 'en-US')).toContain('cause');
		}
		expect(reason(close({}, { cause: 'weather' }))).toBe('complaint_cause_invalid');
		expect(reason(close({ cause: 'delivery' }))).toBe('complaint_corrective_required');
		expect(reason(close({ cause: 'delivery', corrective_action: '  ' }))).toBe('complaint_corrective_required');
		// Not valid: no corrective action needed.
		expect(close({ cause: 'price', valid: false })).toMatchObject({ ok: true, patch: { status: 'closed' } });
		expect(close({ cause: 'price' }, { valid: false })).toMatchObject({ ok: true, patch: { valid: false } });
		// Sent with /close: written with the closing.
		expect(
			close(
				{},
				{
					cause: 'product_quality',
					corrective_action: ' 更换批次 ',
					preventive_action: '来料检验',
					department: '质检部',
				},
			),
		).toMatchObject({
			ok: true,
			patch: {
				status: 'closed',
				cause: 'product_quality',
				corrective_action: '更换批次',
				preventive_action: '来料检验',
				department: '质检部',
			},
		});
		// The revisit comes first.
		expect(reason(close({ revisit_status: 'scheduled' }, { cause: 'service', corrective_action: 'x' }))).toBe(
			'complaint_revisit_pending',
		);
	});

	it('flags a resolution after its deadline as late', () => {
		const resolve = (due: string) =>
			decide(
				input({
					flow: 'complaint',
					action: 'resolve',
					item: complaint('responded', { resolution_due_at: due }),
					caller: as(service),
					details: { resolution: '补发' },
				}),
			);
		expect(resolve('2026-11-26T01:00:00.000Z')).toMatchObject({ ok: true, patch: { resolution_late: true } });
		const onTime = resolve('2099-01-01T00:00:00.000Z');
		expect(onTime.ok && 'resolution_late' in onTime.patch).toBe(false);
	});
});

describe('complaint deadlines per severity', () => {
	const minutes = {
		complaint_response_minutes: 120,
		complaint_response_minutes_low: null,
		complaint_response_minutes_high: 60,
		complaint_response_minutes_critical: 30,
		complaint_resolution_minutes_low: 4320,
		complaint_resolution_minutes_medium: 1440,
		complaint_resolution_minutes_high: 480,
		complaint_resolution_minutes_critical: 240,
	};
	const at = new Date('2026-11-26T00:00:00.000Z');
	const after = (m: number) => new Date(at.getTime() + m * 60_000);
	it.each([
		['low', 120, 4320],
		['medium', 120, 1440],
		['high', 60, 480],
		['critical', 30, 240],
		['unknown', 120, 1440],
	])('%s: response in %i minutes, resolution in %i', (severity, response, resolution) => {
		expect(complaintDeadlines(at, severity, minutes)).toEqual({
			response_due_at: after(response),
			resolution_due_at: after(resolution),
		});
	});
});
