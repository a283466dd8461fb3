import { describe, expect, it } from 'vitest';
import type { Caller, Person } from '../../extensions/sales-visits/src/domain/approval.ts';
import { contractApproveAction } from '../../extensions/sales-visits/src/domain/contracts.ts';
import { explain } from '../../extensions/sales-visits/src/domain/refusals.ts';
import {
	decideSales,
	followOn,
	maySalesTake,
	salesFlows,
	salesRouteAction,
	type SalesDecisionInput,
	type SalesFacts,
	type SalesFlowKey,
	winBySigning,
} from '../../extensions/sales-visits/src/domain/sales-flows.ts';

const gm: Person = { id: 'gm', name: '王建国', position: 'general_manager', reports_to: null };
const manager: Person = { id: 'm1', name: '李明', position: 'manager', reports_to: 'gm' };
const otherManager: Person = { id: 'm2', name: '张伟', position: 'manager', reports_to: 'gm' };
const rep: Person = { id: 'r1', name: '刘洋', position: 'rep', reports_to: 'm1' };
const otherRep: Person = { id: 'r4', name: '赵磊', position: 'rep', reports_to: 'm2' };
const assistant: Person = { id: 'a', name: '吴婷', position: 'assistant', reports_to: 'gm' };
const finance: Person = { id: 'f', name: '陈静', position: 'finance', reports_to: 'gm' };
const legal: Person = { id: 'l', name: '孙法', position: 'legal', reports_to: 'gm' };
const as = (p: Person, admin = false): Caller => ({ ...p, admin });
const admin: Caller = { id: 'admin', name: 'Admin', position: null, reports_to: null, admin: true };

const now = new Date('2026-12-02T03:00:00Z');
const at = now.toISOString();
const decide = (
	flow: SalesFlowKey,
	action: string,
	item: Partial<SalesFacts> & Pick<SalesFacts, 'status'>,
	caller: Caller,
	o: Partial<SalesDecisionInput> = {},
) =>
	decideSales({
		flow,
		action,
		item: { id: 9, owner: rep, ...item },
		caller,
		comment: null,
		now,
		approverName: '李明',
		...o,
	});
const code = (d: ReturnType<typeof decideSales>) => (d.ok ? 'ok' : d.refusal.code);

describe('the sales transition tables', () => {
	it('use only their own statuses, with labels in both languages', () => {
		for (const [key, flow] of Object.entries(salesFlows))
			for (const [action, t] of Object.entries(flow.actions)) {
				for (const s of [...t.from, t.to]) expect(flow.statuses, `${key}.${action}: ${s}`).toHaveProperty(s);
				expect(t.label['zh-CN'] && t.label['en-US'], `${key}.${action}`).toBeTruthy();
			}
	});

	it('leave closed states closed', () => {
		const closed: Record<SalesFlowKey, string[]> = {
			opportunity: ['won', 'lost'],
			quote: ['rejected', 'accepted', 'expired'],
			contract: ['rejected', 'terminated'],
			delivery: ['accepted', 'rejected'],
			order: ['paid', 'cancelled'],
			payment_schedule: ['paid'],
			periodic_report: ['approved'],
			// An approved target is confirmed and revised as a new row; it never leaves approved.
			target: [],
			commission_statement: ['paid'],
			// An approved appraisal is locked.
			appraisal: ['approved'],
			reception: ['rejected', 'reported', 'cancelled'],
		};
		for (const [flow, states] of Object.entries(closed))
			for (const t of Object.values(salesFlows[flow as SalesFlowKey].actions))
				for (const s of states) expect(t.from, `${flow} from ${s}`).not.toContain(s);
		// A signed contract is done but for ending it early.
		const fromSigned = Object.entries(salesFlows.contract.actions).filter(([, t]) => t.from.includes('signed'));
		expect(fromSigned.map(([action, t]) => [action, t.to])).toEqual([['terminate', 'terminated']]);
	});
});

describe('the quote flow', () => {
	it('approves at once what is within the rep’s authority, and offers the other submit otherwise', () => {
		const within = decide('quote', 'submit_within_authority', { status: 'draft', discount_approver: 'none' }, as(rep));
		expect(within).toMatchObject({
			ok: true,
			to: 'approved',
			patch: { status: 'approved', decided_at: at, approver: null },
		});
		expect(within.ok && within.log).toMatchObject({
			collection: 'quotes',
			from_status: 'draft',
			to_status: 'approved',
		});
		expect(code(decide('quote', 'submit', { status: 'draft', discount_approver: 'none' }, as(rep)))).toBe(
			'quote_within_authority',
		);
		const up = decide('quote', 'submit', { status: 'draft', discount_approver: 'manager' }, as(rep));
		expect(up).toMatchObject({ ok: true, to: 'pending', patch: { status: 'pending', decided_at: null } });
		const refused = decide(
			'quote',
			'submit_within_authority',
			{ status: 'draft', discount_approver: 'general_manager' },
			as(rep),
		);
		expect(code(refused)).toBe('quote_needs_approval');
		expect(!refused.ok && explain(refused.refusal, 'zh-CN')).toBe('该报价单的折扣须由 总经理 审批，提交后等待审批');
	});

	it('refuses to submit a quote without lines, or someone else’s', () => {
		const empty = {
			status: 'draft',
			discount_approver: 'none' as const,
			submit_problem: { status: 409 as const, code: 'quote_empty' as const, params: {} },
		};
		expect(code(decide('quote', 'submit_within_authority', empty, as(rep)))).toBe('quote_empty');
		expect(code(decide('quote', 'submit', { status: 'draft', discount_approver: 'manager' }, as(otherRep)))).toBe(
			'not_owner',
		);
	});

	it('goes to the owner’s manager within the manager’s authority', () => {
		const pending = { status: 'pending', discount_approver: 'manager' as const };
		expect(decide('quote', 'approve', pending, as(manager))).toMatchObject({
			ok: true,
			to: 'approved',
			patch: { approver: 'm1', decided_at: at, decision_comment: null },
		});
		expect(code(decide('quote', 'approve', pending, as(otherManager)))).toBe('not_approver');
		expect(code(decide('quote', 'approve', pending, as(rep)))).toBe('self_review');
		expect(code(decide('quote', 'approve', pending, as(otherRep)))).toBe('not_approver');
		// A manager's own quote goes to a General Manager.
		expect(code(decide('quote', 'approve', { ...pending, owner: manager }, as(manager)))).toBe('self_review');
		expect(code(decide('quote', 'approve', { ...pending, owner: manager }, as(otherManager)))).toBe('not_approver');
		expect(decide('quote', 'approve', { ...pending, owner: manager }, as(gm)).ok).toBe(true);
	});

	it('needs a General Manager beyond the manager’s authority or under the floor price', () => {
		const pending = { status: 'pending', discount_approver: 'general_manager' as const };
		const d = decide('quote', 'approve', pending, as(manager));
		expect(code(d)).toBe('not_approver');
		expect(!d.ok && explain(d.refusal, 'en-US')).toBe('“approve” is for a General Manager to do');
		expect(decide('quote', 'approve', pending, as(gm)).ok).toBe(true);
		expect(decide('quote', 'approve', pending, admin).ok).toBe(true);
		// Facts without the rules' answer take the safest approver.
		expect(code(decide('quote', 'approve', { status: 'pending' }, as(manager)))).toBe('not_approver');
		expect(decide('quote', 'approve', { status: 'pending' }, as(gm)).ok).toBe(true);
	});

	it('rejects with a reason only, and a decided quote cannot be decided again', () => {
		const pending = { status: 'pending', discount_approver: 'manager' as const };
		expect(code(decide('quote', 'reject', pending, as(manager)))).toBe('comment_required');
		expect(decide('quote', 'reject', pending, as(manager), { comment: ' 折扣过大 ' })).toMatchObject({
			ok: true,
			to: 'rejected',
			patch: { approver: 'm1', decision_comment: '折扣过大' },
		});
		expect(code(decide('quote', 'approve', { ...pending, status: 'approved' }, as(manager)))).toBe('transition');
		// The approver check comes first: a second decider learns the quote was decided already.
		expect(code(decide('quote', 'approve', { ...pending, status: 'rejected' }, as(manager)))).toBe('transition');
	});

	it('is sent by the owner, late after its due time, then accepted', () => {
		const approved = { status: 'approved', due_at: '2026-12-02T02:59:59.999Z' };
		expect(decide('quote', 'send', approved, as(rep))).toMatchObject({
			ok: true,
			to: 'sent',
			patch: { sent_at: at, sent_late: true },
		});
		const onTime = decide('quote', 'send', { ...approved, due_at: at }, as(rep));
		expect(onTime.ok && onTime.patch.sent_late).toBe(false);
		expect(code(decide('quote', 'send', approved, as(manager)))).toBe('not_owner');
		expect(code(decide('quote', 'send', { status: 'pending' }, as(rep)))).toBe('transition');
		expect(decide('quote', 'accept', { status: 'sent' }, as(rep))).toMatchObject({ ok: true, to: 'accepted' });
	});

	it('expires by the sweep only', () => {
		expect(code(decide('quote', 'expire', { status: 'sent' }, as(rep)))).toBe('system_only');
		expect(decide('quote', 'expire', { status: 'sent' }, admin)).toMatchObject({ ok: true, to: 'expired' });
		expect(code(decide('quote', 'expire', { status: 'accepted' }, admin))).toBe('transition');
	});
});

describe('the contract flow', () => {
	const within = { outstanding: 200_000, amount: 800_000, limit: '10000.00' };
	const over = { outstanding: 200_001, amount: 800_000, limit: '10000.00' };
	const review = (status: string, credit = within) => ({ status, credit });
	const approve = (status: string, caller: Caller, credit = within) =>
		decide(
			'contract',
			contractApproveAction(status, status === 'finance_review' && credit === over)!,
			review(status, credit),
			caller,
		);

	it('walks draft → legal → finance → approved → signed, each step by its own people', () => {
		expect(decide('contract', 'submit', { status: 'draft' }, as(rep))).toMatchObject({ ok: true, to: 'legal_review' });
		expect(approve('legal_review', as(legal))).toMatchObject({
			ok: true,
			to: 'finance_review',
			patch: { status: 'finance_review', legal_reviewer: 'l', legal_reviewed_at: at },
		});
		expect(approve('finance_review', as(finance))).toMatchObject({
			ok: true,
			to: 'approved',
			patch: { status: 'approved', finance_reviewer: 'f', finance_reviewed_at: at, over_credit: false },
		});
		expect(decide('contract', 'sign', { status: 'approved' }, as(rep))).toMatchObject({
			ok: true,
			to: 'signed',
			patch: { status: 'signed', signed_at: at },
			log: { collection: 'contracts', from_status: 'approved', to_status: 'signed', actor: 'r1' },
		});
	});

	it('sends a contract over credit to a General Manager first', () => {
		expect(approve('finance_review', as(finance), over)).toMatchObject({
			ok: true,
			to: 'pending_gm',
			patch: { over_credit: true, finance_reviewer: 'f' },
		});
		expect(approve('pending_gm', as(gm), over)).toMatchObject({
			ok: true,
			to: 'approved',
			patch: { status: 'approved' },
		});
		// Finance cannot skip the General Manager, nor send a contract within credit up.
		const skip = decide('contract', 'approve_finance', review('finance_review', over), as(finance));
		expect(code(skip)).toBe('contract_over_credit');
		expect(!skip.ok && explain(skip.refusal, 'zh-CN')).toContain('超过信用额度 10000.00 元');
		expect(code(decide('contract', 'approve_over_credit', review('finance_review'), as(finance)))).toBe(
			'contract_within_credit',
		);
		// Credit that was not checked counts as over.
		expect(code(decide('contract', 'approve_finance', { status: 'finance_review' }, as(finance)))).toBe(
			'contract_over_credit',
		);
		// A limit of 0 grants no credit.
		const noCredit = { status: 'finance_review', credit: { outstanding: 0, amount: 1, limit: 0 } };
		expect(code(decide('contract', 'approve_finance', noCredit, as(finance)))).toBe('contract_over_credit');
		expect(decide('contract', 'approve_over_credit', noCredit, as(finance)).ok).toBe(true);
	});

	it('refuses the wrong reviewer at each step', () => {
		expect(code(approve('legal_review', as(finance)))).toBe('not_approver');
		expect(code(approve('legal_review', as(gm)))).toBe('not_approver');
		expect(code(approve('finance_review', as(legal)))).toBe('not_approver');
		expect(code(approve('finance_review', as(manager)))).toBe('not_approver');
		expect(code(approve('pending_gm', as(finance), over))).toBe('not_approver');
		const d = approve('legal_review', as(rep));
		expect(code(d)).toBe('self_review');
		const wrong = approve('finance_review', as(legal));
		expect(!wrong.ok && explain(wrong.refusal, 'en-US')).toBe('“pass finance review” is for Finance to do');
		// An Administrator may stand in, but not for a contract of their own.
		expect(approve('legal_review', admin).ok).toBe(true);
		expect(code(decide('contract', 'approve_legal', { status: 'legal_review', owner: admin }, admin))).toBe(
			'self_review',
		);
		// A General Manager who owns the contract does not approve it.
		expect(code(decide('contract', 'approve_gm', { status: 'pending_gm', owner: gm }, as(gm)))).toBe('self_review');
	});

	it('is rejected with a comment by the reviewer of its current step, who is stamped', () => {
		const steps: [string, Person, Record<string, unknown>][] = [
			['legal_review', legal, { legal_reviewer: 'l', legal_reviewed_at: at }],
			['finance_review', finance, { finance_reviewer: 'f', finance_reviewed_at: at }],
			['pending_gm', gm, {}],
		];
		for (const [status, reviewer, stamps] of steps) {
			expect(code(decide('contract', 'reject', { status }, as(reviewer))), status).toBe('comment_required');
			const d = decide('contract', 'reject', { status }, as(reviewer), { comment: '付款条件不清' });
			expect(d, status).toMatchObject({ ok: true, to: 'rejected', patch: { status: 'rejected', ...stamps } });
			expect(d.ok && d.log.comment).toBe('付款条件不清');
			for (const otherOne of [legal, finance, gm].filter((p) => p !== reviewer))
				expect(code(decide('contract', 'reject', { status }, as(otherOne), { comment: 'x' })), status).toBe(
					'not_approver',
				);
		}
		expect(code(decide('contract', 'reject', { status: 'approved' }, as(legal), { comment: 'x' }))).toBe('transition');
	});

	it('is submitted and signed by its owner only, signed only once approved', () => {
		expect(code(decide('contract', 'submit', { status: 'draft' }, as(manager)))).toBe('not_owner');
		const terms = { status: 409 as const, code: 'contract_terms_sum' as const, params: {} };
		expect(code(decide('contract', 'submit', { status: 'draft', submit_problem: terms }, as(rep)))).toBe(
			'contract_terms_sum',
		);
		expect(code(decide('contract', 'sign', { status: 'approved' }, as(finance)))).toBe('not_owner');
		for (const status of ['draft', 'legal_review', 'finance_review', 'pending_gm', 'rejected', 'signed'])
			expect(code(decide('contract', 'sign', { status }, as(rep))), status).toBe('transition');
	});

	it('is terminated once signed by the owner’s manager, a General Manager or an Administrator, with a reason', () => {
		const signed = { status: 'signed' };
		const reason = { comment: '客户破产，双方协商终止' };
		for (const caller of [as(manager), as(gm), admin]) {
			const d = decide('contract', 'terminate', signed, caller, reason);
			expect(d, caller.id).toMatchObject({
				ok: true,
				to: 'terminated',
				patch: { status: 'terminated', decision_comment: '客户破产，双方协商终止' },
			});
		}
		expect(code(decide('contract', 'terminate', signed, as(manager)))).toBe('comment_required');
		expect(code(decide('contract', 'terminate', signed, as(rep), reason))).toBe('self_approval');
		for (const caller of [as(otherManager), as(finance), as(legal), as(otherRep)])
			expect(code(decide('contract', 'terminate', signed, caller, reason)), caller.id).toBe('not_approver');
		// A General Manager's own contract goes to another.
		expect(code(decide('contract', 'terminate', { ...signed, owner: gm }, as(gm), reason))).toBe('self_approval');
		for (const status of [
			'draft',
			'legal_review',
			'finance_review',
			'pending_gm',
			'approved',
			'rejected',
			'terminated',
		])
			expect(code(decide('contract', 'terminate', { status }, as(manager), reason)), status).toBe('transition');
	});
});

describe('deliveries and orders', () => {
	it('are accepted by the owner or an assistant, rejected with a reason', () => {
		expect(decide('delivery', 'accept', { status: 'shipped' }, as(rep))).toMatchObject({
			ok: true,
			to: 'accepted',
			patch: { status: 'accepted', accepted_at: at },
			log: { collection: 'deliveries' },
		});
		expect(decide('delivery', 'accept', { status: 'shipped' }, as(assistant)).ok).toBe(true);
		expect(code(decide('delivery', 'accept', { status: 'shipped' }, as(otherRep)))).toBe('not_deliverer');
		expect(code(decide('delivery', 'accept', { status: 'shipped' }, as(finance)))).toBe('not_deliverer');
		expect(code(decide('delivery', 'reject', { status: 'shipped' }, as(rep)))).toBe('comment_required');
		expect(decide('delivery', 'reject', { status: 'shipped' }, as(rep), { comment: '外包装破损' }).ok).toBe(true);
		expect(code(decide('delivery', 'accept', { status: 'rejected' }, as(rep)))).toBe('transition');
	});

	it('move orders only as the flows’ own steps', () => {
		expect(code(decide('order', 'settle', { status: 'delivered' }, as(finance)))).toBe('system_only');
		expect(decide('order', 'settle', { status: 'signed' }, admin)).toMatchObject({ ok: true, to: 'paid' });
		expect(decide('order', 'deliver', { status: 'signed' }, admin)).toMatchObject({ ok: true, to: 'delivered' });
		expect(code(decide('order', 'deliver', { status: 'paid' }, admin))).toBe('transition');
	});

	it('answer unknown actions with not found', () => {
		expect(maySalesTake('order', 'cancel', { id: 1, status: 'signed', owner: rep }, admin, null)?.code).toBe(
			'not_found',
		);
	});
});

describe('steps that follow from others', () => {
	const item = (status: string): SalesFacts => ({ id: 3, status, owner: rep });

	it('move the order when a delivery is accepted or payments cover it, logged as whoever caused it', () => {
		expect(followOn('order', item('signed'), 'delivered', as(rep), now)).toMatchObject({
			ok: true,
			to: 'delivered',
			patch: { status: 'delivered' },
			log: { collection: 'sales_orders', item: '3', from_status: 'signed', to_status: 'delivered', actor: 'r1' },
		});
		expect(followOn('order', item('delivered'), 'paid', as(finance), now)).toMatchObject({
			ok: true,
			log: { from_status: 'delivered', to_status: 'paid', actor: 'f' },
		});
		expect(followOn('order', item('signed'), 'paid', as(finance), now)).toMatchObject({ ok: true, to: 'paid' });
	});

	it('do nothing when the item is there already or past it', () => {
		expect(followOn('order', item('paid'), 'paid', as(finance), now)).toBeNull();
		expect(followOn('order', item('paid'), 'delivered', as(rep), now)).toBeNull();
		expect(followOn('order', item('cancelled'), 'delivered', as(rep), now)).toBeNull();
		expect(followOn('payment_schedule', item('overdue'), 'overdue', admin, now)).toBeNull();
		expect(followOn('payment_schedule', item('paid'), 'overdue', admin, now)).toBeNull();
	});

	it('mark a schedule overdue once, and settle it open or overdue', () => {
		expect(followOn('payment_schedule', item('open'), 'overdue', admin, now)).toMatchObject({
			ok: true,
			log: { collection: 'payment_schedules', from_status: 'open', to_status: 'overdue' },
		});
		expect(followOn('payment_schedule', item('overdue'), 'paid', as(finance), now)).toMatchObject({ ok: true });
	});

	it('never take a step that is someone’s decision', () => {
		expect(followOn('quote', item('pending'), 'approved', as(manager), now)).toBeNull();
		expect(followOn('contract', item('approved'), 'signed', as(rep), now)).toBeNull();
	});

	it('win the opportunity when its contract is signed, once, and never a lost one', () => {
		const won = winBySigning(item('negotiation'), as(rep), now, { won: 100 });
		expect(won).toMatchObject({
			ok: true,
			to: 'won',
			patch: { stage: 'won', probability: 100, closed_at: at, stage_changed_at: at },
			log: { collection: 'opportunities', from_status: 'negotiation', to_status: 'won', actor: 'r1' },
		});
		expect(winBySigning(item('lead'), as(rep), now, null)).toMatchObject({ ok: true });
		expect(winBySigning(item('won'), as(rep), now, null)).toBeNull();
		const lost = winBySigning(item('lost'), as(rep), now, null);
		expect(lost).toMatchObject({ ok: false, refusal: { status: 409, code: 'opportunity_closed' } });
		expect(lost && !lost.ok && explain(lost.refusal, 'zh-CN')).toBe('商机已输单，不能重新打开或变更阶段');
	});
});

describe('the routes of the sales flows', () => {
	const item = (status: string, over: Partial<SalesFacts> = {}): SalesFacts => ({ id: 9, status, owner: rep, ...over });

	it('advance to the stage sent, forward only', () => {
		expect(salesRouteAction('opportunity', 'advance', item('lead'), { stage: 'proposal' })).toEqual({
			action: 'propose',
		});
		expect(salesRouteAction('opportunity', 'advance', item('proposal'), { stage: 'qualified' })).toMatchObject({
			code: 'stage_backward',
		});
		expect(salesRouteAction('opportunity', 'advance', item('lost'), { stage: 'negotiation' })).toMatchObject({
			code: 'opportunity_closed',
		});
	});

	it('submit a quote straight to approved only within the rep’s authority', () => {
		const submit = (discount_approver: SalesFacts['discount_approver']) =>
			salesRouteAction('quote', 'submit', item('draft', { discount_approver }));
		expect(submit('none')).toEqual({ action: 'submit_within_authority' });
		expect(submit('manager')).toEqual({ action: 'submit' });
		expect(submit('general_manager')).toEqual({ action: 'submit' });
		// Without the rules' answer, it waits for an approver.
		expect(submit(undefined)).toEqual({ action: 'submit' });
		expect(salesRouteAction('quote', 'approve', item('pending'))).toEqual({ action: 'approve' });
	});
});

describe('客户接待 (receptions)', () => {
	it('the supervisor or a General Manager decides the request, not the host or another manager', () => {
		expect(code(decide('reception', 'approve', { status: 'requested' }, as(manager)))).toBe('ok');
		expect(code(decide('reception', 'approve', { status: 'requested' }, as(gm)))).toBe('ok');
		expect(code(decide('reception', 'approve', { status: 'requested' }, as(rep)))).toBe('self_approval');
		expect(code(decide('reception', 'approve', { status: 'requested' }, as(otherManager)))).toBe('not_approver');
		expect(code(decide('reception', 'reject', { status: 'requested' }, as(manager)))).toBe('comment_required');
		const approved = decide('reception', 'approve', { status: 'requested' }, as(manager));
		expect(approved.ok && approved.patch).toEqual({ status: 'approved', approver: 'm1' });
	});

	it('the front desk or the host stamps the arrival; nobody else', () => {
		expect(decide('reception', 'arrive', { status: 'approved' }, as(assistant))).toMatchObject({
			ok: true,
			patch: { status: 'arrived', arrived_at: at },
		});
		expect(code(decide('reception', 'arrive', { status: 'approved' }, as(rep)))).toBe('ok');
		expect(code(decide('reception', 'arrive', { status: 'approved' }, as(otherRep)))).toBe('not_front_desk');
		expect(code(decide('reception', 'arrive', { status: 'requested' }, as(assistant)))).toBe('transition');
	});

	it('leaving sets the report deadline reception_report_hours later', () => {
		const left = decide('reception', 'leave', { status: 'arrived' }, as(rep), { receptionReportHours: 24 });
		expect(left).toMatchObject({
			ok: true,
			patch: { status: 'held', left_at: at, report_due_at: '2026-12-03T03:00:00.000Z' },
		});
		expect(code(decide('reception', 'leave', { status: 'arrived' }, as(assistant)))).toBe('not_owner');
	});

	it('the host reports with a text, late after the deadline', () => {
		const due = { status: 'held', report_due_at: '2026-12-02T02:00:00.000Z' };
		expect(code(decide('reception', 'report', due, as(rep)))).toBe('reception_report_text');
		expect(decide('reception', 'report', due, as(rep), { details: { report: ' 谈了报价 ' } })).toMatchObject({
			ok: true,
			patch: { status: 'reported', report: '谈了报价', report_late: true },
		});
		const onTime = decide('reception', 'report', { ...due, report_due_at: '2026-12-03T00:00:00Z' }, as(rep), {
			details: { report: 'ok' },
		});
		expect(onTime.ok && onTime.patch.report_late).toBe(false);
		expect(code(decide('reception', 'report', due, as(manager), { details: { report: 'x' } }))).toBe('not_owner');
	});

	it('the report’s promises become follow-ups, each checked; one bad promise refuses the report', () => {
		const held = { status: 'held', report_due_at: '2026-12-03T00:00:00Z' };
		const report = (promises: unknown) =>
			decide('reception', 'report', held, as(rep), { today: '2026-12-02', details: { report: '谈了报价', promises } });
		const made = report([{ text: ' 下周一前发送报价单 ', due_date: '2026-12-07' }, { description: '安排样品寄送' }]);
		expect(made.ok && made.followUps).toEqual([
			{ description: '下周一前发送报价单', due_date: '2026-12-07' },
			// Without a date: a week after the report, on the company's calendar.
			{ description: '安排样品寄送', due_date: '2026-12-09' },
		]);
		expect(made.ok && made.patch).toEqual({ status: 'reported', report: '谈了报价', report_late: false });
		const none = report(undefined);
		expect(none.ok && none.followUps).toBeUndefined();
		expect(code(report([]))).toBe('ok');
		expect(code(report('发报价'))).toBe('reception_promises_invalid');
		expect(code(report(Array.from({ length: 21 }, () => ({ text: '回电' }))))).toBe('reception_promises_invalid');
		expect(code(report([{ text: '回电' }, null]))).toBe('reception_promises_invalid');
		expect(code(report([{ text: '  ' }]))).toBe('reception_promise_text');
		expect(code(report([{ text: 'x'.repeat(501) }]))).toBe('reception_promise_text');
		expect(code(report([{ text: '回电', due_date: '2026-02-30' }]))).toBe('reception_promise_due');
		expect(code(report([{ text: '回电', due_date: '2026-12-01' }]))).toBe('reception_promise_due');
		expect(code(report([{ text: '回电', due_date: '2026-12-02' }]))).toBe('ok');
		const bad = report([{ text: '回电', due_date: 'next week' }]);
		expect(!bad.ok && bad.refusal).toMatchObject({ status: 400, params: { n: '1', date: 'next week' } });
		// Who may report is decided before what they sent.
		expect(code(decide('reception', 'report', held, as(manager), { details: { report: 'x', promises: 'bad' } }))).toBe(
			'not_owner',
		);
	});

	it('the host or the supervisor cancels before arrival only', () => {
		expect(code(decide('reception', 'cancel', { status: 'approved' }, as(rep)))).toBe('ok');
		expect(code(decide('reception', 'cancel', { status: 'requested' }, as(manager)))).toBe('ok');
		expect(code(decide('reception', 'cancel', { status: 'requested' }, as(otherRep)))).toBe('not_host_or_supervisor');
		expect(code(decide('reception', 'cancel', { status: 'arrived' }, as(rep)))).toBe('transition');
	});
});
