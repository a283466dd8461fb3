import { describe, expect, it } from 'vitest';
import {
	actionsBetween,
	approverOf,
	decide,
	fileApplication,
	flows,
	isOverBudget,
	type Caller,
	type DecisionInput,
	type Person,
} from '../../extensions/sales-visits/src/domain/approval.ts';
import { awaitingRecipients, decidedText } from '../../extensions/sales-visits/src/domain/notices.ts';
import {
	periodEnd,
	periodStartProblem,
	submitDueAt,
	submitProblem,
} from '../../extensions/sales-visits/src/domain/plan-rules.ts';
import { explain, refusal } from '../../extensions/sales-visits/src/domain/refusals.ts';
import { zonedDate, zonedInstant } from '../../extensions/sales-visits/src/domain/zoned-time.ts';

const gm: Person = { id: 'gm', name: '王建国', position: 'general_manager', reports_to: null };
const manager: Person = { id: 'm1', name: '李明', position: 'manager', reports_to: 'gm' };
const otherManager: Person = { id: 'm2', name: '张伟', position: 'manager', reports_to: 'gm' };
const rep: Person = { id: 'r1', name: '刘洋', position: 'rep', reports_to: 'm1' };
const otherRep: Person = { id: 'r4', name: '赵磊', position: 'rep', reports_to: 'm2' };
const assistant: Person = { id: 'a', name: '吴婷', position: 'assistant', reports_to: 'gm' };
const as = (p: Person, admin = false): Caller => ({ ...p, admin });
const admin: Caller = { id: 'admin', name: 'Admin', position: null, reports_to: null, admin: true };

const now = new Date('2026-11-26T02:00:00Z');
const input = (o: Partial<DecisionInput> & Pick<DecisionInput, 'flow' | 'action'>): DecisionInput => ({
	item: { id: 7, status: 'draft', owner: rep, revision: 1, submit_due_at: '2026-11-30T15:59:59.999Z' },
	caller: as(rep),
	comment: null,
	now,
	applicationLeadHours: 24,
	...o,
});
const reason = (d: ReturnType<typeof decide>) => (d.ok ? 'ok' : d.refusal.code);

describe('the plan flow', () => {
	it('lets the owner submit a draft and stamps it, late only after the due time', () => {
		const d = decide(input({ flow: 'plan', action: 'submit' }));
		expect(d).toMatchObject({
			ok: true,
			to: 'submitted',
			patch: { status: 'submitted', submitted_at: now.toISOString(), submitted_late: false, approver: null },
		});
		const late = decide(
			input({
				flow: 'plan',
				action: 'submit',
				item: { id: 7, status: 'draft', owner: rep, submit_due_at: '2026-11-25T15:59:59.999Z' },
			}),
		);
		expect(late.ok && late.patch.submitted_late).toBe(true);
		expect(late.ok && late.log).toEqual({
			collection: 'visit_plans',
			item: '7',
			from_status: 'draft',
			to_status: 'submitted',
			actor: 'r1',
			at: now.toISOString(),
			comment: null,
		});
	});

	it('has the supervisor decide, a General Manager for a manager, never oneself', () => {
		const submitted = { id: 7, status: 'submitted', owner: rep };
		expect(reason(decide(input({ flow: 'plan', action: 'approve', item: submitted, caller: as(manager) })))).toBe('ok');
		expect(reason(decide(input({ flow: 'plan', action: 'approve', item: submitted, caller: as(otherManager) })))).toBe(
			'not_approver',
		);
		expect(reason(decide(input({ flow: 'plan', action: 'approve', item: submitted, caller: as(gm) })))).toBe(
			'not_approver',
		);
		expect(reason(decide(input({ flow: 'plan', action: 'approve', item: submitted, caller: as(rep) })))).toBe(
			'self_approval',
		);
		expect(reason(decide(input({ flow: 'plan', action: 'approve', item: submitted, caller: as(otherRep) })))).toBe(
			'not_approver',
		);
		const wrong = decide(
			input({ flow: 'plan', action: 'approve', item: submitted, caller: as(otherManager), approverName: '李明' }),
		);
		expect(!wrong.ok && explain(wrong.refusal, 'zh-CN')).toBe('“批准”须由 李明 操作');
		expect(!wrong.ok && explain(wrong.refusal, 'en-US')).toBe('“approve” is for 李明 to do');
		const managers = { id: 8, status: 'submitted', owner: manager };
		expect(reason(decide(input({ flow: 'plan', action: 'approve', item: managers, caller: as(gm) })))).toBe('ok');
		expect(reason(decide(input({ flow: 'plan', action: 'approve', item: managers, caller: as(manager) })))).toBe(
			'self_approval',
		);
		expect(reason(decide(input({ flow: 'plan', action: 'approve', item: managers, caller: as(otherManager) })))).toBe(
			'not_approver',
		);
		expect(reason(decide(input({ flow: 'plan', action: 'approve', item: submitted, caller: admin })))).toBe('ok');
		expect(
			reason(
				decide(
					input({
						flow: 'plan',
						action: 'approve',
						item: { ...submitted, owner: { ...rep, id: 'admin' } },
						caller: admin,
					}),
				),
			),
		).toBe('self_approval');
	});

	it('stamps decisions and needs a comment to reject', () => {
		const submitted = { id: 7, status: 'submitted', owner: rep };
		expect(
			reason(decide(input({ flow: 'plan', action: 'reject', item: submitted, caller: as(manager), comment: '  ' }))),
		).toBe('comment_required');
		const d = decide(
			input({ flow: 'plan', action: 'reject', item: submitted, caller: as(manager), comment: '客户太集中' }),
		);
		expect(d).toMatchObject({
			ok: true,
			patch: { status: 'rejected', approver: 'm1', decided_at: now.toISOString(), decision_comment: '客户太集中' },
		});
	});

	it('revises an approved plan as a new revision, a rejected one as the same', () => {
		expect(
			decide(input({ flow: 'plan', action: 'revise', item: { id: 7, status: 'approved', owner: rep, revision: 2 } })),
		).toMatchObject({ ok: true, patch: { status: 'draft', revision: 3 } });
		expect(
			decide(input({ flow: 'plan', action: 'revise', item: { id: 7, status: 'rejected', owner: rep, revision: 2 } })),
		).toMatchObject({ ok: true, patch: { status: 'draft', revision: 2 } });
		expect(
			reason(
				decide(
					input({
						flow: 'plan',
						action: 'revise',
						item: { id: 7, status: 'approved', owner: rep },
						caller: as(manager),
					}),
				),
			),
		).toBe('not_owner');
	});

	it('refuses every action from a state the table does not allow', () => {
		for (const [action, transition] of Object.entries(flows.plan.actions)) {
			for (const status of Object.keys(flows.plan.statuses).filter((s) => !transition.from.includes(s))) {
				const caller = transition.by === 'owner' ? as(rep) : as(manager);
				const d = decide(input({ flow: 'plan', action, item: { id: 7, status, owner: rep }, caller, comment: 'x' }));
				expect(d.ok ? 'ok' : d.refusal.status, `${action} from ${status}`).toBe(409);
			}
		}
	});

	it('maps a status edit to the action that makes it', () => {
		expect(actionsBetween('plan', 'draft', 'submitted')).toEqual(['submit']);
		expect(actionsBetween('plan', 'approved', 'draft')).toEqual(['revise']);
		expect(actionsBetween('plan', 'draft', 'approved')).toEqual([]);
		expect(actionsBetween('application', 'rejected', 'pending')).toEqual(['apply']);
	});
});

describe('the application flow', () => {
	const visit = {
		id: 3,
		status: 'not_required',
		owner: rep,
		visit_status: 'scheduled',
		requires_application: true,
		scheduled_start: '2026-11-28T01:00:00Z',
	};

	it('takes an application in time, flags a late one, refuses one not needed or too late', () => {
		expect(decide(input({ flow: 'application', action: 'apply', item: visit }))).toMatchObject({
			ok: true,
			patch: { application_status: 'pending', application_late: false },
		});
		const soon = decide(
			input({ flow: 'application', action: 'apply', item: { ...visit, scheduled_start: '2026-11-26T10:00:00Z' } }),
		);
		expect(soon.ok && soon.patch.application_late).toBe(true);
		expect(
			reason(decide(input({ flow: 'application', action: 'apply', item: { ...visit, requires_application: false } }))),
		).toBe('application_not_required');
		expect(
			reason(decide(input({ flow: 'application', action: 'apply', item: { ...visit, visit_status: 'completed' } }))),
		).toBe('application_visit_state');
	});

	it('is decided by the supervisor, and filed by the assistant once approved', () => {
		const pending = { ...visit, status: 'pending' };
		expect(decide(input({ flow: 'application', action: 'approve', item: pending, caller: as(manager) }))).toMatchObject(
			{ ok: true, patch: { application_status: 'approved', application_approver: 'm1' } },
		);
		expect(
			reason(decide(input({ flow: 'application', action: 'approve', item: pending, caller: as(assistant) }))),
		).toBe('not_approver');
		expect(fileApplication(as(assistant), 'approved', null)).toBeNull();
		expect(fileApplication(as(manager), 'approved', null)?.code).toBe('not_filer');
		expect(fileApplication(as(assistant), 'pending', null)?.code).toBe('transition');
		expect(fileApplication(as(assistant), 'approved', '2026-11-25T08:00:00Z')?.code).toBe('already_filed');
	});
});

describe('the expense flow', () => {
	it('goes to the supervisor, or to a General Manager when over budget', () => {
		const pending = { id: 9, status: 'pending', owner: rep, over_budget: false };
		expect(reason(decide(input({ flow: 'expense', action: 'approve', item: pending, caller: as(manager) })))).toBe(
			'ok',
		);
		expect(
			reason(
				decide(
					input({ flow: 'expense', action: 'approve', item: { ...pending, over_budget: true }, caller: as(manager) }),
				),
			),
		).toBe('not_approver');
		expect(
			reason(
				decide(input({ flow: 'expense', action: 'approve', item: { ...pending, over_budget: true }, caller: as(gm) })),
			),
		).toBe('ok');
		expect(isOverBudget(900, 200, 1000)).toBe(true);
		expect(isOverBudget(800, 200, 1000)).toBe(false);
		expect(isOverBudget(1e9, 1, null)).toBe(false);
	});

	it('tells the approver and the requester', () => {
		expect(approverOf(rep)).toEqual({ kind: 'user', id: 'm1' });
		expect(awaitingRecipients(rep, true)).toEqual({ position: 'general_manager' });
		expect(awaitingRecipients({ ...rep, reports_to: null }, false)).toEqual({ users: [] });
		expect(decidedText('expense', 9, 'rejected', manager, '太贵', 'zh-CN')).toEqual({
			subject: '你的费用申请 #9 已驳回（李明）',
			message: '太贵',
		});
		expect(decidedText('plan', 7, 'approved', manager, null, 'en-US').subject).toBe(
			'Your visit plan #7 was approved by 李明',
		);
	});
});

describe('plan periods and deadlines', () => {
	const settings = { timezone: 'Asia/Shanghai', month_plan_due: 'last_day_of_prior_month', week_plan_due_weekday: '0' };
	const calendar = new Map([
		['2026-09-30', true],
		['2026-10-01', false],
	]);

	it('is due at the end of the prior month’s last (working) day, in the settings’ zone', () => {
		expect(submitDueAt('month', '2026-12-01', settings, calendar).toISOString()).toBe('2026-11-30T15:59:59.999Z');
		expect(submitDueAt('month', '2027-03-01', settings, calendar).toISOString()).toBe('2027-02-28T15:59:59.999Z');
		// 2026-10-31 is a Saturday, so the last workday is Friday the 30th.
		expect(
			submitDueAt(
				'month',
				'2026-11-01',
				{ ...settings, month_plan_due: 'last_workday_of_prior_month' },
				calendar,
			).toISOString(),
		).toBe('2026-10-30T15:59:59.999Z');
		// 2027-05-01 after a holiday block: the calendar decides.
		const holidays = new Map([
			['2027-04-30', false],
			['2027-04-29', true],
		]);
		expect(
			submitDueAt(
				'month',
				'2027-05-01',
				{ ...settings, month_plan_due: 'last_workday_of_prior_month' },
				holidays,
			).toISOString(),
		).toBe('2027-04-29T15:59:59.999Z');
	});

	it('is due at the end of the configured weekday before a week', () => {
		expect(submitDueAt('week', '2026-11-30', settings, calendar).toISOString()).toBe('2026-11-29T15:59:59.999Z');
		expect(submitDueAt('week', '2026-11-30', { ...settings, week_plan_due_weekday: '5' }, calendar).toISOString()).toBe(
			'2026-11-27T15:59:59.999Z',
		);
		// Berlin leaves summer time on 2026-10-25: the Sunday before 2026-10-26 ends at 22:59:59.999Z.
		expect(submitDueAt('week', '2026-10-26', { ...settings, timezone: 'Europe/Berlin' }, calendar).toISOString()).toBe(
			'2026-10-25T22:59:59.999Z',
		);
		expect(submitDueAt('week', '2026-10-19', { ...settings, timezone: 'Europe/Berlin' }, calendar).toISOString()).toBe(
			'2026-10-18T21:59:59.999Z',
		);
	});

	it('knows period bounds and refuses misaligned starts', () => {
		expect(periodEnd('month', '2028-02-01')).toBe('2028-02-29');
		expect(periodEnd('week', '2026-12-28')).toBe('2027-01-03');
		expect(periodStartProblem('month', '2026-12-02')?.code).toBe('period_month_start');
		expect(periodStartProblem('week', '2026-12-01')?.code).toBe('period_week_start');
		expect(periodStartProblem('week', '2026-02-30')?.code).toBe('period_invalid');
		expect(periodStartProblem('week', '2026-11-30')).toBeNull();
	});

	it('needs items inside the period for the owner’s customers before submission', () => {
		const plan = { period_start: '2026-12-01', period_end: '2026-12-31' };
		expect(submitProblem(plan, [])?.code).toBe('plan_empty');
		expect(submitProblem(plan, [{ id: 1, planned_date: '2027-01-04', customer_allowed: true }])).toMatchObject({
			code: 'plan_item_outside',
			params: { items: '1' },
		});
		expect(submitProblem(plan, [{ id: 2, planned_date: '2026-12-04', customer_allowed: false }])?.code).toBe(
			'plan_item_customer',
		);
		expect(submitProblem(plan, [{ id: 3, planned_date: '2026-12-31', customer_allowed: true }])).toBeNull();
	});

	it('converts wall-clock times across zones', () => {
		expect(zonedInstant('2026-12-02', 'Asia/Shanghai', 9).toISOString()).toBe('2026-12-02T01:00:00.000Z');
		expect(zonedInstant('2026-03-29', 'Europe/Berlin', 3).toISOString()).toBe('2026-03-29T01:00:00.000Z');
		expect(zonedDate(new Date('2026-11-30T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-01');
	});
});

describe('refusals', () => {
	it('read in the caller’s language, with labels per language', () => {
		const r = refusal(409, 'transition', {
			action: { 'zh-CN': '批准', 'en-US': 'approve' },
			from: { 'zh-CN': '已提交', 'en-US': 'submitted' },
			status: { 'zh-CN': '已批准', 'en-US': 'approved' },
		});
		expect(explain(r, 'zh-CN')).toBe('“批准”只能在状态为 已提交 时进行，当前状态为 已批准');
		expect(explain(r, 'en-US')).toBe('“approve” is only possible from submitted; the item is approved');
	});
});
