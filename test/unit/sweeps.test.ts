import { describe, expect, it } from 'vitest';
import { flows, type FlowKey } from '../../extensions/sales-visits/src/domain/approval.ts';
import { SWEPT, sweptStep } from '../../extensions/sales-visits/src/flow/sweeps.ts';

describe('the sweeps', () => {
	it('take every system transition of the tables, and only those', () => {
		const system = (Object.keys(flows) as FlowKey[]).flatMap((flow) =>
			Object.entries(flows[flow].actions)
				.filter(([, t]) => t.by === 'system')
				.map(([action]) => `${flow} ${action}`),
		);
		expect(
			Object.values(SWEPT)
				.map(([flow, action]) => `${flow} ${action}`)
				.sort(),
		).toEqual(system.sort());
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
	});
});
