import { describe, expect, it } from 'vitest';
import type { Caller, Person } from '../../extensions/sales-visits/src/domain/approval.ts';
import { opportunityStages, values } from '../../extensions/sales-visits/src/domain/choices.ts';
import {
	advanceProblem,
	defaultProbability,
	isOpenStage,
	loseProblem,
	OPEN_STAGES,
} from '../../extensions/sales-visits/src/domain/opportunities.ts';
import { explain, type FlowRefusal } from '../../extensions/sales-visits/src/domain/refusals.ts';
import {
	advanceAction,
	decideSales,
	salesActionsBetween,
	type SalesDecisionInput,
} from '../../extensions/sales-visits/src/domain/sales-flows.ts';

const rep: Person = { id: 'r1', name: '刘洋', position: 'rep', reports_to: 'm1' };
const other: Person = { id: 'r4', name: '赵磊', position: 'rep', reports_to: 'm2' };
const as = (p: Person, admin = false): Caller => ({ ...p, admin });
const now = new Date('2026-12-02T03:00:00Z');
const decide = (o: Partial<SalesDecisionInput> & Pick<SalesDecisionInput, 'action'>) =>
	decideSales({
		flow: 'opportunity',
		item: { id: 5, status: 'qualified', owner: rep },
		caller: as(rep),
		comment: null,
		now,
		...o,
	});
const stages = values(opportunityStages);

describe('opportunity stages', () => {
	it('move forward only, skipping allowed, and the table says the same', () => {
		for (const from of stages)
			for (const to of stages) {
				const allowed = advanceProblem(from, to) === null;
				const forward = isOpenStage(from) && isOpenStage(to) && OPEN_STAGES.indexOf(to) > OPEN_STAGES.indexOf(from);
				expect(allowed, `${from} → ${to}`).toBe(forward);
				if (to !== 'won' && to !== 'lost')
					expect(salesActionsBetween('opportunity', from, to).length, `${from} → ${to}`).toBe(forward ? 1 : 0);
			}
		expect(advanceAction('lead', 'negotiation')).toEqual({ action: 'negotiate' });
		expect(advanceAction('qualified', 'proposal')).toEqual({ action: 'propose' });
	});

	it('say why a move is refused', () => {
		expect(advanceProblem('proposal', 'qualified')).toMatchObject({ status: 409, code: 'stage_backward' });
		expect(advanceProblem('proposal', 'proposal')?.code).toBe('stage_backward');
		expect(advanceProblem('won', 'negotiation')?.code).toBe('opportunity_closed');
		expect(advanceProblem('lost', 'lead')?.code).toBe('opportunity_closed');
		expect(advanceProblem('negotiation', 'won')?.code).toBe('won_by_contract');
		const invalid = advanceProblem('lead', 'lost') as FlowRefusal;
		expect(invalid.code).toBe('stage_invalid');
		expect(explain(invalid, 'zh-CN')).toBe('商机阶段须为以下之一：线索、需求确认、方案报价、商务谈判');
		expect(advanceProblem('lead', 42)?.code).toBe('stage_invalid');
		expect(explain(advanceProblem('proposal', 'lead')!, 'en-US')).toBe(
			'An opportunity only moves forward: it is Proposal and cannot go to Lead',
		);
	});

	it('take the default probability of the stage from the settings, or the built-in one', () => {
		const settings = { lead: 5, qualified: 30, proposal: '60', negotiation: 101 };
		expect(defaultProbability('lead', settings)).toBe(5);
		expect(defaultProbability('qualified', settings)).toBe(30);
		expect(defaultProbability('proposal', settings)).toBe(50);
		expect(defaultProbability('negotiation', settings)).toBe(75);
		expect(defaultProbability('won', null)).toBe(100);
		expect(defaultProbability('lost', {})).toBe(0);
	});
});

describe('advancing an opportunity', () => {
	it('stamps the stage change and the new stage’s probability', () => {
		const d = decide({ action: 'negotiate', stageProbabilities: { negotiation: 80 } });
		expect(d).toMatchObject({
			ok: true,
			to: 'negotiation',
			patch: { stage: 'negotiation', stage_changed_at: now.toISOString(), probability: 80 },
			log: { collection: 'opportunities', item: '5', from_status: 'qualified', to_status: 'negotiation', actor: 'r1' },
		});
		expect(d.ok && 'closed_at' in d.patch).toBe(false);
	});

	it('is for the owner (or an Administrator), never backwards', () => {
		expect(decide({ action: 'negotiate', caller: as(other) })).toMatchObject({
			ok: false,
			refusal: { code: 'not_owner' },
		});
		expect(decide({ action: 'negotiate', caller: as(other, true) }).ok).toBe(true);
		expect(decide({ action: 'qualify' })).toMatchObject({ ok: false, refusal: { code: 'transition' } });
	});
});

describe('losing an opportunity', () => {
	const analysis = '客户选择了竞争对手的低价方案，我方报价高出 15%';

	it('needs a reason from the list and an analysis', () => {
		expect(loseProblem('price', analysis)).toBeNull();
		expect(loseProblem(undefined, analysis)).toMatchObject({ status: 422, code: 'lost_reason_required' });
		expect(loseProblem('bad luck', analysis)?.code).toBe('lost_reason_required');
		expect(loseProblem('price', '太贵')).toMatchObject({ code: 'lost_analysis_required', params: { min: '10' } });
		expect(loseProblem('price', '          一二三四五六七八九')?.code).toBe('lost_analysis_required');
		expect(loseProblem('price', '一二三四五六七八九十')).toBeNull();
		expect(explain(loseProblem(null, analysis)!, 'en-US')).toContain('Price, Product fit, Relationship');
	});

	it('closes it from any open stage with the reason and the analysis', () => {
		for (const stage of OPEN_STAGES) {
			const d = decide({
				action: 'lose',
				item: { id: 5, status: stage, owner: rep },
				details: { lost_reason: 'competitor', lost_analysis: analysis },
			});
			expect(d, stage).toMatchObject({
				ok: true,
				to: 'lost',
				patch: {
					stage: 'lost',
					lost_reason: 'competitor',
					lost_analysis: analysis,
					closed_at: now.toISOString(),
					probability: 0,
				},
			});
		}
	});

	it('takes the analysis from the comment or the item when the body has none', () => {
		const fromComment = decide({ action: 'lose', comment: analysis, details: { lost_reason: 'price' } });
		expect(fromComment.ok && fromComment.patch.lost_analysis).toBe(analysis);
		expect(fromComment.ok && fromComment.log.comment).toBe(analysis);
		const fromItem = decide({
			action: 'lose',
			item: { id: 5, status: 'proposal', owner: rep, lost_analysis: analysis },
			details: { lost_reason: 'price' },
		});
		expect(fromItem.ok && fromItem.patch.lost_analysis).toBe(analysis);
		expect(decide({ action: 'lose', details: { lost_reason: 'price' } })).toMatchObject({
			ok: false,
			refusal: { code: 'lost_analysis_required' },
		});
	});

	it('never reopens a closed one', () => {
		for (const closed of ['won', 'lost'])
			for (const action of ['qualify', 'propose', 'negotiate', 'lose', 'win'])
				expect(
					decide({
						action,
						item: { id: 5, status: closed, owner: rep },
						caller: as(rep, true),
						details: { lost_reason: 'price', lost_analysis: analysis },
					}),
					`${closed} ${action}`,
				).toMatchObject({ ok: false, refusal: { code: 'transition' } });
	});
});

describe('winning an opportunity', () => {
	it('is the flows’ own step when a contract is signed, not the owner’s', () => {
		expect(decide({ action: 'win' })).toMatchObject({ ok: false, refusal: { code: 'system_only' } });
		const d = decide({
			action: 'win',
			caller: { id: '', name: 'system', position: null, reports_to: null, admin: true },
		});
		expect(d).toMatchObject({
			ok: true,
			to: 'won',
			patch: { stage: 'won', probability: 100, closed_at: now.toISOString() },
		});
	});
});
