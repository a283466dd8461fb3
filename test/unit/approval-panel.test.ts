import { describe, expect, it } from 'vitest';
import { actionBody, panelFor, type Me } from '../../extensions/sales-visits/src/visit-approval/logic.ts';

const rep = { id: 'rep', first_name: '一', last_name: '李', position: 'rep', reports_to: 'boss' };
const me = (id: string, position: string | null, admin = false): Me => ({ id, position, admin });
const actions = (panel: ReturnType<typeof panelFor>) => panel.buttons.map((b) => b.action);

describe('the approval panel on revisits and complaints', () => {
	const revisit = { id: 1, status: 'scheduled', due_date: '2026-11-30', owner: rep };

	it('offers the owner, customer service and an Administrator to record or cancel a scheduled revisit, never to mark it missed', () => {
		for (const who of [me('rep', 'rep'), me('cs', 'service'), me('admin', null, true)]) expect(actions(panelFor('revisit', revisit, who, 0))).toEqual(['done', 'cancel']);
		expect(actions(panelFor('revisit', revisit, me('other', 'rep'), 0))).toEqual([]);
		expect(actions(panelFor('revisit', { ...revisit, status: 'done' }, me('rep', 'rep'), 0))).toEqual([]);
	});

	it('waits on the owner until the end of the due day', () => {
		const panel = panelFor('revisit', revisit, me('cs', 'service'), 0);
		expect(panel.waitingOn).toBe('owner');
		expect(new Date(panel.deadline!).getDate()).toBe(30);
		expect(panel.buttons.find((b) => b.action === 'done')?.sends).toBe('satisfaction');
		expect(panel.buttons.find((b) => b.action === 'cancel')).toMatchObject({ commentRequired: true, kind: 'secondary' });
	});

	it('takes a complaint from open to closed, with the response deadline while it is open', () => {
		const complaint = { id: 2, status: 'open', response_due_at: '2026-11-27T04:00:00.000Z', owner: rep };
		const open = panelFor('complaint', complaint, me('cs', 'service'), 0);
		expect([actions(open), open.deadline]).toEqual([['respond'], '2026-11-27T04:00:00.000Z']);
		const responded = panelFor('complaint', { ...complaint, status: 'responded' }, me('rep', 'rep'), 0);
		expect([actions(responded), responded.buttons[0]?.sends, responded.deadline]).toEqual([['resolve'], 'resolution', null]);
		expect(actions(panelFor('complaint', { ...complaint, status: 'resolved' }, me('rep', 'rep'), 0))).toEqual(['close']);
		expect(panelFor('complaint', { ...complaint, status: 'closed' }, me('rep', 'rep'), 0).waitingOn).toBeNull();
	});
});

describe('what an action sends', () => {
	const button = (over = {}) => ({ action: 'x', label: { 'zh-CN': 'x', 'en-US': 'x' }, kind: 'primary' as const, commentRequired: false, ...over });

	it('sends a revisit its satisfaction and notes, a complaint its resolution, the rest a comment', () => {
		expect(actionBody(button({ sends: 'satisfaction' }), '客户满意', 5)).toEqual({ satisfaction: 5, notes: '客户满意' });
		expect(actionBody(button({ sends: 'satisfaction' }), '', null)).toEqual({ satisfaction: null });
		expect(actionBody(button({ sends: 'resolution' }), '已更换', null)).toEqual({ resolution: '已更换' });
		expect(actionBody(button(), '理由', null)).toEqual({ comment: '理由' });
		expect(actionBody(button(), '', null)).toEqual({});
	});
});
