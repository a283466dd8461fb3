import { describe, expect, it } from 'vitest';
import { flows, type FlowKey } from '../../extensions/sales-visits/src/domain/approval.ts';
import { salesFlows } from '../../extensions/sales-visits/src/domain/sales-flows.ts';
import { SWEPT, sweptStep } from '../../extensions/sales-visits/src/flow/sweeps.ts';

describe('the sweeps', () => {
	it('take every system transition of the tables, and only those', () => {
		const system = (Object.keys(flows) as FlowKey[]).flatMap((flow) =>
			Object.entries(flows[flow].actions)
				.filter(([, t]) => t.by === 'system')
				.map(([action]) => `${flow} ${action}`),
		);
		// Of the sales cycle's, the deadlines' only: the others follow another flow's step (sales-flows.ts followOn).
		const deadlines = ['quote expire', 'payment_schedule mark_overdue'];
		expect(
			Object.values(SWEPT)
				.map(([flow, action]) => `${flow} ${action}`)
				.sort(),
		).toEqual([...system, ...deadlines].sort());
		expect(salesFlows.quote.actions.expire?.by).toBe('system');
		expect(salesFlows.payment_schedule.actions.mark_overdue?.by).toBe('system');
	});

	it('move rows as the tables say', () => {
		expect(sweptStep('overdue_reports')).toEqual({
			collection: 'visits',
			statusField: 'report_status',
			from: 'pending',
			to: 'overdue',
		});
		expect(sweptStep('missed_visits')).toEqual({
			collection: 'visits',
			statusField: 'status',
			from: 'scheduled',
			to: 'missed',
		});
		expect(sweptStep('missed_revisits')).toEqual({
			collection: 'revisits',
			statusField: 'status',
			from: 'scheduled',
			to: 'missed',
		});
		expect(sweptStep('expired_quotes')).toEqual({
			collection: 'quotes',
			statusField: 'status',
			from: 'sent',
			to: 'expired',
		});
		expect(sweptStep('overdue_schedules')).toEqual({
			collection: 'payment_schedules',
			statusField: 'status',
			from: 'open',
			to: 'overdue',
		});
	});
});
