import { describe, expect, it } from 'vitest';
import type { Caller, Person } from '../../extensions/sales-visits/src/domain/approval.ts';
import {
	nextPeriodStart,
	periodicReportDueAt,
	periodStartOf,
	reportPeriodProblem,
	reportSubmitProblem,
	submittedLate,
} from '../../extensions/sales-visits/src/domain/periodic-reports.ts';
import { explain } from '../../extensions/sales-visits/src/domain/refusals.ts';
import { decideSales, type SalesFacts } from '../../extensions/sales-visits/src/domain/sales-flows.ts';

const settings = { timezone: 'Asia/Shanghai', weekly_report_due: '18:00:00', monthly_report_due_day: 5 };

describe('the periods of weekly and monthly reports', () => {
	it('start on Monday and on the 1st', () => {
		expect(periodStartOf('week', '2026-12-03')).toBe('2026-11-30');
		expect(periodStartOf('week', '2026-11-30')).toBe('2026-11-30');
		expect(periodStartOf('week', '2026-12-06')).toBe('2026-11-30');
		expect(periodStartOf('month', '2026-12-31')).toBe('2026-12-01');
		expect(nextPeriodStart('week', '2026-11-30')).toBe('2026-12-07');
		expect(nextPeriodStart('month', '2026-12-01')).toBe('2027-01-01');
	});

	it('refuse a start that begins no period', () => {
		expect(reportPeriodProblem('week', '2026-11-30')).toBeNull();
		expect(reportPeriodProblem('month', '2026-12-01')).toBeNull();
		expect(reportPeriodProblem('week', '2026-12-01')?.code).toBe('periodic_report_period');
		expect(reportPeriodProblem('month', '2026-12-02')?.code).toBe('periodic_report_period');
		expect(reportPeriodProblem('year', '2026-01-01')?.code).toBe('periodic_report_period');
		expect(reportPeriodProblem('week', '2026-02-30')?.code).toBe('periodic_report_period');
		expect(reportPeriodProblem('week', null)?.code).toBe('periodic_report_period');
	});
});

describe('when a report is due', () => {
	it('a week’s on its Friday at the configured time, in the company’s zone', () => {
		expect(periodicReportDueAt('week', '2026-11-30', settings).toISOString()).toBe('2026-12-04T10:00:00.000Z');
		expect(periodicReportDueAt('week', '2026-11-30', { ...settings, weekly_report_due: '17:30' }).toISOString()).toBe(
			'2026-12-04T09:30:00.000Z',
		);
	});

	it('a month’s by the end of the configured day of the next month', () => {
		expect(periodicReportDueAt('month', '2026-12-01', settings).toISOString()).toBe('2027-01-05T15:59:59.999Z');
		// A day the next month does not have is its last.
		expect(periodicReportDueAt('month', '2027-01-01', { ...settings, monthly_report_due_day: 31 }).toISOString()).toBe(
			'2027-02-28T15:59:59.999Z',
		);
	});

	it('follows daylight saving time where the zone has it', () => {
		// Berlin's last week of March 2027: Friday 26th at 18:00 is still winter time (UTC+1).
		expect(periodicReportDueAt('week', '2027-03-22', { ...settings, timezone: 'Europe/Berlin' }).toISOString()).toBe(
			'2027-03-26T17:00:00.000Z',
		);
		expect(periodicReportDueAt('week', '2027-03-29', { ...settings, timezone: 'Europe/Berlin' }).toISOString()).toBe(
			'2027-04-02T16:00:00.000Z',
		);
	});
});

describe('what a report needs to go up', () => {
	it('a summary, and for a month its market analysis', () => {
		expect(reportSubmitProblem({ period_type: 'week', summary: '本周拜访 5 家', market_analysis: null })).toBeNull();
		expect(reportSubmitProblem({ period_type: 'week', summary: '  ', market_analysis: null })?.code).toBe(
			'periodic_report_summary',
		);
		expect(reportSubmitProblem({ period_type: 'month', summary: '本月', market_analysis: '' })?.code).toBe(
			'periodic_report_market_analysis',
		);
		expect(reportSubmitProblem({ period_type: 'month', summary: '本月', market_analysis: '华东需求回暖' })).toBeNull();
	});

	it('is late only after its due time, and a resubmission keeps the first answer', () => {
		const due = '2026-12-04T10:00:00.000Z';
		expect(submittedLate(new Date('2026-12-04T10:00:00Z'), due, 'draft', false)).toBe(false);
		expect(submittedLate(new Date('2026-12-04T10:00:01Z'), due, 'draft', false)).toBe(true);
		expect(submittedLate(new Date('2026-12-09T00:00:00Z'), due, 'returned', false)).toBe(false);
		expect(submittedLate(new Date('2026-12-01T00:00:00Z'), due, 'returned', true)).toBe(true);
		expect(submittedLate(new Date('2030-01-01T00:00:00Z'), null, 'draft', false)).toBe(false);
	});
});

const manager: Person = { id: 'm1', name: '李明', position: 'manager', reports_to: 'gm' };
const rep: Person = { id: 'r1', name: '刘洋', position: 'rep', reports_to: 'm1' };
const otherManager: Person = { id: 'm2', name: '张伟', position: 'manager', reports_to: 'gm' };
const gm: Person = { id: 'gm', name: '王建国', position: 'general_manager', reports_to: null };
const as = (p: Person, admin = false): Caller => ({ ...p, admin });
const now = new Date('2026-12-04T11:00:00Z');

const decide = (
	action: string,
	item: Partial<SalesFacts> & Pick<SalesFacts, 'status'>,
	caller: Caller,
	comment: string | null = null,
) =>
	decideSales({
		flow: 'periodic_report',
		action,
		item: { id: 7, owner: rep, due_at: '2026-12-04T10:00:00.000Z', ...item },
		caller,
		comment,
		now,
		approverName: '李明',
	});
const code = (d: ReturnType<typeof decideSales>) => (d.ok ? 'ok' : d.refusal.code);

describe('the periodic report flow', () => {
	it('submits a draft late after its due time, and clears the last review', () => {
		const d = decide('submit', { status: 'draft' }, as(rep));
		expect(d).toMatchObject({
			ok: true,
			to: 'submitted',
			patch: { status: 'submitted', submitted_at: now.toISOString(), late: true, reviewer: null, review_comment: null },
			log: { collection: 'periodic_reports', item: '7', from_status: 'draft', to_status: 'submitted', actor: 'r1' },
		});
	});

	it('is the owner’s to submit, with what it needs', () => {
		expect(code(decide('submit', { status: 'draft' }, as(manager)))).toBe('not_owner');
		const incomplete = decide(
			'submit',
			{
				status: 'draft',
				submit_problem: reportSubmitProblem({ period_type: 'month', summary: 'x', market_analysis: null }),
			},
			as(rep),
		);
		expect(code(incomplete)).toBe('periodic_report_market_analysis');
		expect(code(decide('submit', { status: 'submitted' }, as(rep)))).toBe('transition');
		expect(code(decide('submit', { status: 'approved' }, as(rep)))).toBe('transition');
	});

	it('is reviewed by the owner’s supervisor: approved, or returned with a reason', () => {
		expect(decide('approve', { status: 'submitted' }, as(manager))).toMatchObject({
			ok: true,
			to: 'approved',
			patch: { reviewer: 'm1', review_comment: null },
		});
		expect(code(decide('return', { status: 'submitted' }, as(manager)))).toBe('comment_required');
		expect(decide('return', { status: 'submitted' }, as(manager), '客户分析不够')).toMatchObject({
			ok: true,
			to: 'returned',
			patch: { reviewer: 'm1', review_comment: '客户分析不够' },
		});
		expect(code(decide('approve', { status: 'submitted' }, as(otherManager)))).toBe('not_approver');
		expect(code(decide('approve', { status: 'submitted' }, as(gm)))).toBe('not_approver');
		expect(code(decide('approve', { status: 'submitted' }, as(rep)))).toBe('self_approval');
		expect(code(decide('approve', { status: 'draft' }, as(manager)))).toBe('transition');
		// A manager's own report goes to a General Manager.
		expect(code(decide('approve', { status: 'submitted', owner: manager }, as(gm)))).toBe('ok');
	});

	it('resubmits a returned report, keeping whether it first went up late', () => {
		const d = decide('submit', { status: 'returned', late: false }, as(rep));
		expect(d).toMatchObject({ ok: true, to: 'submitted', patch: { late: false } });
	});

	it('explains its refusals in both languages', () => {
		for (const c of ['periodic_report_summary', 'periodic_report_market_analysis', 'periodic_report_period'] as const)
			for (const language of ['zh-CN', 'en-US'] as const)
				expect(explain({ status: 422, code: c, params: {} }, language)).not.toMatch(/\{/);
	});
});
