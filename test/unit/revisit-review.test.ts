/**
 * 客户回访制度: the supervisor reviews a done revisit's report once, and a phone revisit that could
 * not solve the problem asks once for an on-site visit by the customer's owner, planned on the
 * company's calendar and applied for when the visit rules need it.
 */
import { describe, expect, it } from 'vitest';
import { itemActions } from '../../extensions/sales-visits/src/domain/actions.ts';
import {
	decide,
	type Caller,
	type DecisionInput,
	type ItemFacts,
	type Person,
} from '../../extensions/sales-visits/src/domain/approval.ts';
import { escalatedText } from '../../extensions/sales-visits/src/domain/notices.ts';
import { explain } from '../../extensions/sales-visits/src/domain/refusals.ts';
import { escalationVisit, requiresApplication } from '../../extensions/sales-visits/src/domain/visit-rules.ts';

const gm: Person = { id: 'gm', name: '王建国', position: 'general_manager', reports_to: null };
const manager: Person = { id: 'm1', name: '李明', position: 'manager', reports_to: 'gm' };
const otherManager: Person = { id: 'm2', name: '张伟', position: 'manager', reports_to: 'gm' };
const rep: Person = { id: 'r1', name: '刘洋', position: 'rep', reports_to: 'm1' };
const service: Person = { id: 's', name: '周敏', position: 'service', reports_to: 'm1' };
const as = (p: Person, admin = false): Caller => ({ ...p, admin });
const admin: Caller = { id: 'admin', name: 'Admin', position: null, reports_to: null, admin: true };

const now = new Date('2030-03-04T02:00:00Z');
const revisit = (o: Partial<ItemFacts> = {}): ItemFacts => ({
	id: 5,
	status: 'done',
	owner: rep,
	channel: 'phone',
	reviewed_at: null,
	escalated_visit: null,
	customer_owner: 'r1',
	...o,
});
const take = (action: string, caller: Caller, item = revisit(), comment: string | null = null) =>
	decide({
		flow: 'revisit',
		action,
		item,
		caller,
		comment,
		now,
		applicationLeadHours: 24,
		approverName: '李明',
	} satisfies DecisionInput);
const code = (d: ReturnType<typeof decide>) => (d.ok ? 'ok' : `${d.refusal.status} ${d.refusal.code}`);

describe('the revisit report review', () => {
	it('is the owner’s supervisor’s (a General Manager’s for a manager), never the owner’s', () => {
		const d = take('review', as(manager));
		expect(d).toMatchObject({
			ok: true,
			to: 'done',
			patch: { status: 'done', reviewed_by: 'm1', reviewed_at: now.toISOString() },
			log: { collection: 'revisits', item: '5', from_status: 'done', to_status: 'done', actor: 'm1' },
		});
		expect(code(take('review', as(rep)))).toBe('403 self_approval');
		expect(code(take('review', as(otherManager)))).toBe('403 not_approver');
		expect(code(take('review', as(gm)))).toBe('403 not_approver');
		expect(code(take('review', as(service)))).toBe('403 not_approver');
		expect(code(take('review', admin))).toBe('ok');
		// A manager's own revisit goes to a General Manager; the Administrator may not review their own.
		expect(code(take('review', as(gm), revisit({ owner: manager })))).toBe('ok');
		expect(code(take('review', as(otherManager), revisit({ owner: manager })))).toBe('403 not_approver');
		expect(code(take('review', admin, revisit({ owner: admin })))).toBe('403 self_approval');
	});

	it('is taken once, and only on a done revisit', () => {
		expect(code(take('review', as(manager), revisit({ reviewed_at: '2030-03-03T00:00:00Z' })))).toBe(
			'409 revisit_reviewed',
		);
		for (const status of ['scheduled', 'missed', 'cancelled'])
			expect(code(take('review', as(manager), revisit({ status }))), status).toBe('409 transition');
	});

	it('is offered exactly when it is accepted, and a done revisit awaits it', () => {
		const offered = (item: ItemFacts, caller: Caller) =>
			itemActions({
				collection: 'revisits',
				id: 5,
				target: 5,
				flows: [{ flow: 'revisit', facts: item, approverName: '李明' }],
				extras: {},
				caller,
				language: 'en-US',
				settings: { timezone: 'Asia/Shanghai', unapproved_check_in: 'refuse', application_lead_hours: 24 },
				now,
			});
		const manager1 = offered(revisit(), as(manager));
		expect(manager1.actions.map((a) => a.key)).toEqual(['revisit.review']);
		expect(manager1.actions[0]).toMatchObject({ path: '/visit-flow/revisits/5/review', label: 'Review the report' });
		expect(manager1.waiting_on).toEqual({ kind: 'user', id: 'm1', label: '李明' });
		expect(offered(revisit({ reviewed_at: '2030-03-03T00:00:00Z' }), as(manager)).waiting_on).toBeNull();
		expect(offered(revisit(), as(rep)).actions.map((a) => a.key)).toEqual(['revisit.escalate']);
		const escalate = offered(revisit(), as(rep)).actions[0]!;
		expect(escalate.inputs.map((i) => [i.name, i.required])).toEqual([
			['comment', true],
			['scheduled_start', false],
		]);
		expect(offered(revisit({ escalated_visit: 3, reviewed_at: 'x' }), as(rep)).actions).toEqual([]);
	});
});

describe('asking for an on-site visit', () => {
	it('is the carer’s, with a reason, once, after a phone revisit of a customer with an owner', () => {
		expect(take('escalate', as(service), revisit(), '客户设备故障，电话无法排除')).toMatchObject({
			ok: true,
			to: 'done',
			log: { from_status: 'done', to_status: 'done', comment: '客户设备故障，电话无法排除' },
		});
		expect(code(take('escalate', as(rep), revisit(), 'x'))).toBe('ok');
		expect(code(take('escalate', admin, revisit(), 'x'))).toBe('ok');
		expect(code(take('escalate', as(manager), revisit(), 'x'))).toBe('403 not_carer');
		expect(code(take('escalate', as(rep), revisit(), '  '))).toBe('422 comment_required');
		expect(code(take('escalate', as(rep), revisit({ escalated_visit: 9 }), 'x'))).toBe('409 revisit_escalated');
		expect(code(take('escalate', as(rep), revisit({ channel: 'onsite' }), 'x'))).toBe('409 revisit_escalate_channel');
		expect(code(take('escalate', as(rep), revisit({ customer_owner: null }), 'x'))).toBe('409 revisit_escalate_owner');
		expect(code(take('escalate', as(rep), revisit({ status: 'scheduled' }), 'x'))).toBe('409 transition');
	});

	it('says why in both languages', () => {
		const d = take('escalate', as(rep), revisit({ escalated_visit: 9 }), 'x');
		if (d.ok) throw new Error('accepted');
		expect(explain(d.refusal, 'zh-CN')).toContain('拜访 #9');
		expect(explain(d.refusal, 'en-US')).toContain('visit #9');
		const onsite = take('escalate', as(rep), revisit({ channel: 'onsite' }), 'x');
		if (onsite.ok) throw new Error('accepted');
		expect(explain(onsite.refusal, 'zh-CN')).toContain('现场');
		expect(explain(onsite.refusal, 'en-US')).toContain('On site');
	});

	const calendar = new Map([['2030-03-05', false]]);
	const base = {
		customer: 12,
		owner: 'r2',
		start: undefined as unknown,
		now,
		timezone: 'Asia/Shanghai',
		calendar,
		require_application_for_unplanned: true,
	};

	it('plans the visit for the customer’s owner at 9:00 on the next working day, applied for when required', () => {
		// 4 March 2030 is a Monday; the 5th is a holiday in this calendar, so the 6th at 9:00 Shanghai.
		expect(escalationVisit(base)).toEqual({
			visit: {
				owner: 'r2',
				customer: 12,
				plan_item: null,
				channel: 'onsite',
				travel: false,
				purpose: 'relationship',
				scheduled_start: '2030-03-06T01:00:00.000Z',
				requires_application: true,
			},
		});
		const free = escalationVisit({ ...base, require_application_for_unplanned: false });
		expect('visit' in free && free.visit.requires_application).toBe(false);
	});

	it('takes a start asked for, but not one in the past or not a time', () => {
		const asked = escalationVisit({ ...base, start: '2030-03-08T06:30:00Z' });
		expect('visit' in asked && asked.visit.scheduled_start).toBe('2030-03-08T06:30:00.000Z');
		for (const start of ['2030-03-01T00:00:00Z', 'tomorrow', 42])
			expect(escalationVisit({ ...base, start }), String(start)).toEqual({
				refusal: { status: 422, code: 'revisit_escalate_start', params: {} },
			});
	});

	it('tells the customer’s owner in their language', () => {
		const e = { visit: 31, customer: '华东机械', start: '2030-03-06T01:00:00.000Z' };
		expect(escalatedText(5, e, service, '设备故障', 'Asia/Shanghai', 'zh-CN')).toEqual({
			subject: '需上门拜访：华东机械（客户回访 #5，周敏），已为你安排拜访 #31，时间 2030-03-06 09:00',
			message: '设备故障',
		});
		expect(escalatedText(5, e, service, null, 'Asia/Shanghai', 'en-US').subject).toBe(
			'On-site visit needed: 华东机械 (revisit #5, 周敏); visit #31 is scheduled for you at 2030-03-06 09:00',
		);
	});
});

describe('the visit rules’ application', () => {
	it('is needed for a trip, or an unplanned on-site visit when the company asks for it', () => {
		expect(requiresApplication({ travel: true, plan_item: 3, channel: 'phone' }, false)).toBe(true);
		expect(requiresApplication({ travel: false, plan_item: null, channel: 'onsite' }, true)).toBe(true);
		expect(requiresApplication({ travel: false, plan_item: null, channel: 'onsite' }, false)).toBe(false);
		expect(requiresApplication({ travel: false, plan_item: 3, channel: 'onsite' }, true)).toBe(false);
		expect(requiresApplication({ travel: false, plan_item: null, channel: 'phone' }, true)).toBe(false);
	});
});
