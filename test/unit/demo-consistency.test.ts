/**
 * The demo company tells one possible story at any anchor (test/demo-consistency.ts); the
 * integration test checks what the loader wrote from the same rows.
 */
import { describe, expect, it } from 'vitest';
import { demoData } from '../../seeds/demo.ts';
import { after, demoProblems, machines, reachable, type Rows } from '../demo-consistency.ts';

/** Every nine days and some hours over two years: weekdays, weekends, holidays, month ends. */
const anchors = Array.from({ length: 40 }, (_, n) =>
	new Date(Date.parse('2026-01-03T01:00:00Z') + n * (9 * 24 + 7) * 3_600_000).toISOString(),
);

describe('demo data consistency', () => {
	it.each(anchors)('holds at %s', (anchor) => {
		expect(demoProblems(demoData(new Date(anchor)) as unknown as Rows, anchor)).toEqual([]);
	});

	it('reads the reachable states off the transition tables', () => {
		expect([...reachable(machines.plan!)].sort()).toEqual(['approved', 'draft', 'rejected', 'submitted']);
		expect([...after(machines.quote!, 'sent')].sort()).toEqual(['accepted', 'expired', 'sent']);
		expect([...after(machines.plan!, 'submitted')].sort()).toEqual(['approved', 'rejected', 'submitted']);
	});

	it('finds the contradictions it is about', () => {
		const anchor = anchors[5]!;
		const data = demoData(new Date(anchor)) as unknown as Rows;
		const visit = data.visits!.find((v) => v.report_status === 'approved')!;
		visit.application_status = 'pending';
		visit.requires_application = true;
		const contract = data.contracts!.find((c) => c.status === 'signed')!;
		const quote = data.quotes!.find((q) => q.id === contract.quote)!;
		quote.status = 'sent';
		const order = data.sales_orders!.find((o) => o.status === 'paid')!;
		const payment = data.payments!.find((p) => p.order === order.id)!;
		data.payments = data.payments!.filter((p) => p !== payment);
		const plan = data.visit_plans!.find((p) => p.status === 'approved')!;
		data.approval_log = data.approval_log!.filter(
			(l) => !(l.collection === 'visit_plans' && l.item === String(plan.id)),
		);
		const problems = demoProblems(data, anchor).join('\n');
		expect(problems).toContain(`visit ${visit.id} (completed): application pending on a visit completed`);
		expect(problems).toContain(`contract ${contract.id} (signed): signed on a quote sent`);
		expect(problems).toContain(`order ${order.id} (paid): payments cover it`);
		expect(problems).toContain(`visit_plans ${plan.id} (plan approved): no log of how it got there`);
	});
});
