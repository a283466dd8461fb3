import { describe, expect, it } from 'vitest';
import { priceOrderProblem } from '../../extensions/sales-visits/src/domain/prices.ts';
import {
	DEFAULT_STAGE_PROBABILITIES,
	stageProbabilities,
} from '../../extensions/sales-visits/src/domain/stage-probabilities.ts';

describe('price order (三级价格)', () => {
	const fine = { list_price: 100, dealer_price: 90, wholesale_price: 80, floor_price: 70 };

	it('accepts prices from the floor up to the list price, equal ones and missing ones', () => {
		expect(priceOrderProblem(fine)).toBeNull();
		expect(
			priceOrderProblem({ list_price: 100, dealer_price: 100, wholesale_price: 100, floor_price: 100 }),
		).toBeNull();
		expect(priceOrderProblem({ list_price: 100, floor_price: 60 })).toBeNull();
		expect(priceOrderProblem({ floor_price: 60 })).toBeNull();
		expect(priceOrderProblem({})).toBeNull();
	});

	it('names the first pair the wrong way round', () => {
		expect(priceOrderProblem({ ...fine, floor_price: 101 })).toEqual(['floor_price', 'wholesale_price']);
		expect(priceOrderProblem({ list_price: 100, floor_price: 100.01 })).toEqual(['floor_price', 'list_price']);
		expect(priceOrderProblem({ ...fine, floor_price: 85 })).toEqual(['floor_price', 'wholesale_price']);
		expect(priceOrderProblem({ ...fine, dealer_price: 120 })).toEqual(['dealer_price', 'list_price']);
		expect(priceOrderProblem({ ...fine, wholesale_price: 120 })).toEqual(['wholesale_price', 'list_price']);
	});

	it('reads decimals as Postgres returns them, as text', () => {
		expect(priceOrderProblem({ list_price: '1000.00', floor_price: '999.99' })).toBeNull();
		expect(priceOrderProblem({ list_price: '1000.00', floor_price: '1000.50' })).toEqual(['floor_price', 'list_price']);
	});
});

describe('stage probabilities', () => {
	it('are the funnel’s defaults when nothing is set', () => {
		for (const stored of [null, undefined, '', 'not json', '[]', 42])
			expect(stageProbabilities(stored)).toEqual({
				lead: 10,
				qualified: 25,
				proposal: 50,
				negotiation: 75,
				won: 100,
				lost: 0,
			});
	});

	it('take the admin’s figures from JSON text or an object, stage by stage', () => {
		expect(stageProbabilities('{"lead":5,"proposal":40}')).toEqual({
			...DEFAULT_STAGE_PROBABILITIES,
			lead: 5,
			proposal: 40,
		});
		expect(stageProbabilities({ negotiation: 80, won: 100 })).toMatchObject({ negotiation: 80, won: 100 });
	});

	it('keep the default for a figure outside 0–100 or not a number, and ignore unknown stages', () => {
		expect(stageProbabilities({ lead: 120, qualified: -1, proposal: '60', other: 3 })).toEqual(
			DEFAULT_STAGE_PROBABILITIES,
		);
	});
});
