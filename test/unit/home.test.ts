/** The home's list (domain/home.ts) and its route sketch (shared/map-sketch.ts). */
import { describe, expect, it } from 'vitest';
import type { ItemActions } from '../../extensions/sales-visits/src/domain/action-model.ts';
import { byDeadline, inbox, inInbox, waitsOn } from '../../extensions/sales-visits/src/domain/home.ts';
import { placeOnMap, pointOf } from '../../extensions/sales-visits/src/shared/map-sketch.ts';

const rep = { id: 'rep1', position: 'rep' };
const assistant = { id: 'a1', position: 'assistant' };

const item = (over: Partial<ItemActions> & { id: number }): ItemActions => ({
	collection: 'follow_ups',
	state: { flow: 'follow_up', name: '跟进状态', field: 'status', value: 'open', label: 'open' },
	states: [],
	waiting_on: { kind: 'user', id: 'rep1', label: '王' },
	waiting_in: 'follow_up',
	due_at: null,
	notes: [],
	actions: [{ key: 'follow_up.complete', label: 'done', method: 'POST', path: '/x', inputs: [], tone: 'primary' }],
	language: 'zh-CN',
	...over,
});

describe('what waits on whom', () => {
	it('names a person by id and a position by the caller’s own', () => {
		expect(waitsOn({ kind: 'user', id: 'rep1', label: '' }, rep)).toBe(true);
		expect(waitsOn({ kind: 'user', id: 'rep2', label: '' }, rep)).toBe(false);
		expect(waitsOn({ kind: 'position', position: 'assistant', label: '' }, assistant)).toBe(true);
		expect(waitsOn({ kind: 'position', position: 'assistant', label: '' }, rep)).toBe(false);
		expect(waitsOn(null, rep)).toBe(false);
	});

	it('leaves out standing work, items the caller cannot act on and items waiting on others', () => {
		expect(inInbox(item({ id: 1 }), rep)).toBe(true);
		expect(inInbox(item({ id: 1, actions: [] }), rep)).toBe(false);
		expect(inInbox(item({ id: 1, waiting_in: 'visit', collection: 'visits' }), rep)).toBe(false);
		expect(inInbox(item({ id: 1, waiting_in: 'opportunity', collection: 'opportunities' }), rep)).toBe(false);
		expect(inInbox(item({ id: 1, waiting_in: 'application', collection: 'visits' }), rep)).toBe(true);
		expect(inInbox(item({ id: 1 }), assistant)).toBe(false);
	});

	it('orders the oldest deadline first, undated after, and cuts the list while counting all', () => {
		const items = [
			item({ id: 5 }),
			item({ id: 4, due_at: '2030-03-02T00:00:00Z' }),
			item({ id: 3, collection: 'visit_plans', waiting_in: 'plan' }),
			item({ id: 2, due_at: '2030-03-01T00:00:00Z' }),
			item({ id: 1, waiting_on: null }),
		];
		expect([...items].sort(byDeadline).map((i) => i.id)).toEqual([2, 4, 1, 5, 3]);
		const list = inbox(items, rep, 2);
		expect(list.total).toBe(4);
		expect(list.items.map((i) => i.id)).toEqual([2, 4]);
	});
});

describe('the day’s route, drawn', () => {
	it('keeps north up and one scale on both axes, inside the box', () => {
		const placed = placeOnMap(
			[{ latitude: 31.2, longitude: 121.4 }, null, { latitude: 31.3, longitude: 121.5 }],
			320,
			180,
			16,
		);
		const [a, none, b] = placed;
		expect(none).toBeNull();
		expect(b!.y).toBeLessThan(a!.y);
		expect(b!.x).toBeGreaterThan(a!.x);
		for (const p of [a!, b!]) {
			expect(p.x).toBeGreaterThanOrEqual(0);
			expect(p.x).toBeLessThanOrEqual(320);
			expect(p.y).toBeGreaterThanOrEqual(0);
			expect(p.y).toBeLessThanOrEqual(180);
		}
		// 0.1° of latitude is longer than 0.1° of longitude at 31°N.
		expect(a!.y - b!.y).toBeGreaterThan(b!.x - a!.x);
	});

	it('places a single stop in the middle and reads positions that come as strings', () => {
		expect(placeOnMap([{ latitude: 30, longitude: 120 }], 100, 100)).toEqual([{ x: 50, y: 50 }]);
		expect(pointOf({ latitude: '31.2', longitude: '121.4' })).toEqual({ latitude: 31.2, longitude: 121.4 });
		expect(pointOf({ latitude: null, longitude: '121.4' })).toBeNull();
		expect(pointOf(null)).toBeNull();
	});
});
