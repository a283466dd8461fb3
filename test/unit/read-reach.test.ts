import { describe, expect, it } from 'vitest';
import { own, team, anyOf, and, isIn, at } from '../../extensions/sales-visits/src/access/filters.ts';
import { reaches, readReach } from '../../extensions/sales-visits/src/domain/read-reach.ts';

const ME = 'me';
const reach = (filters: unknown[], path = 'owner') => readReach(filters, path);

describe('readReach', () => {
	it('is null without a read permission, everyone with one without a filter', () => {
		expect(reach([])).toBeNull();
		expect(reach([null])).toMatchObject({ everyone: true, other: false });
		expect(reach([{}])).toMatchObject({ everyone: true });
		// Permissions add up: one without a filter beside a filtered one is every row.
		expect(reach([own('owner'), null])).toMatchObject({ everyone: true, own: true });
	});

	it('reads the filters access/filters.ts writes, on the owner path of the collection', () => {
		expect(reach([own('owner')])).toEqual({ everyone: false, own: true, reports: false, other: false });
		expect(reach([team('owner')])).toEqual({ everyone: false, own: true, reports: true, other: false });
		expect(reach([team('plan.owner')], 'plan.owner')).toEqual({
			everyone: false,
			own: true,
			reports: true,
			other: false,
		});
		// Revisits: a customer's owner's team, or the revisit's own owner.
		expect(reach([anyOf(team('customer.owner'), own('owner'))])).toEqual({
			everyone: false,
			own: true,
			reports: false,
			other: true,
		});
	});

	it('leaves anything else to Directus', () => {
		// Another path, another operator, a second condition, an _and: none of them says whose rows.
		for (const filter of [
			own('requester'),
			at('owner', { _eq: 'someone' }),
			at('owner', { _in: ['$CURRENT_USER'] }),
			at('owner', { _eq: '$CURRENT_USER', _nnull: true }),
			and(own('owner'), isIn('status', ['approved'])),
			isIn('collection', ['visits']),
			{ _eq: '$CURRENT_USER' },
		])
			expect(reach([filter]), JSON.stringify(filter)).toEqual({
				everyone: false,
				own: false,
				reports: false,
				other: true,
			});
		// Two levels up is not the team the filters mean.
		expect(reach([own('owner.reports_to.reports_to')])).toMatchObject({ own: false, reports: false, other: true });
	});
});

describe('reaches', () => {
	const ownOnly = reach([own('owner')])!;
	const teamReach = reach([team('owner')])!;
	it('covers the caller, their reports or everyone, as the reach says', () => {
		expect(reaches(ownOnly, ME, ME, null)).toBe(true);
		expect(reaches(ownOnly, ME, 'rep', ME)).toBe(false);
		expect(reaches(teamReach, ME, 'rep', ME)).toBe(true);
		expect(reaches(teamReach, ME, 'rep', 'other-manager')).toBe(false);
		expect(reaches(reach([null])!, ME, 'anyone', null)).toBe(true);
		// Some other rule may let more through, but not provably all of the member's rows.
		expect(reaches(reach([isIn('status', ['approved'])])!, ME, ME, null)).toBe(false);
	});
});
