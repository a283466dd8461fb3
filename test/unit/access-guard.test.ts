import { describe, expect, it } from 'vitest';
import { FailureCounter, LoginLimiter, loginLimits } from '../../extensions/sales-visits/src/domain/login-limit.ts';
import {
	firstHiddenPath,
	testedPaths,
	type RelationLike,
} from '../../extensions/sales-visits/src/domain/query-fields.ts';
import { userDirectoryFields } from '../../extensions/sales-visits/src/access/fields.ts';

describe('LoginLimiter', () => {
	const limits = { perAccount: 3, perAddress: 5, windowMs: 60_000, maxKeys: 100 };

	it('refuses an e-mail from one address after its failures, for the rest of the window', async () => {
		const limiter = new LoginLimiter(limits);
		for (let i = 0; i < 3; i++) {
			expect(await limiter.blockedFor('1.1.1.1', 'a@x', 1000)).toBe(0);
			await limiter.failed('1.1.1.1', 'a@x', 1000);
		}
		expect(await limiter.blockedFor('1.1.1.1', 'A@X ', 2000)).toBe(59_000);
		expect(await limiter.blockedFor('2.2.2.2', 'a@x', 2000)).toBe(0);
		expect(await limiter.blockedFor('1.1.1.1', 'b@x', 2000)).toBe(0);
		expect(await limiter.blockedFor('1.1.1.1', 'a@x', 61_000)).toBe(0);
	});

	it('refuses an address trying many e-mails', async () => {
		const limiter = new LoginLimiter(limits);
		for (let i = 0; i < 5; i++) await limiter.failed('1.1.1.1', `user${i}@x`, 0);
		expect(await limiter.blockedFor('1.1.1.1', 'new@x', 1)).toBeGreaterThan(0);
	});

	it('a success clears the e-mail’s count but not the address’s', async () => {
		const limiter = new LoginLimiter(limits);
		for (let i = 0; i < 2; i++) await limiter.failed('1.1.1.1', 'a@x', 0);
		await limiter.succeeded('1.1.1.1', 'a@x');
		await limiter.failed('1.1.1.1', 'a@x', 0);
		await limiter.failed('1.1.1.1', 'a@x', 0);
		expect(await limiter.blockedFor('1.1.1.1', 'a@x', 1)).toBe(0);
		await limiter.failed('1.1.1.1', 'a@x', 0);
		expect(await limiter.blockedFor('1.1.1.1', 'a@x', 1)).toBeGreaterThan(0);
	});

	it('keeps at most maxKeys keys', () => {
		const counter = new FailureCounter(1, 60_000, 10);
		for (let i = 0; i < 1000; i++) counter.fail(`key${i}`, 0);
		expect(counter.size).toBe(10);
		expect(counter.blockedFor('key999', 1)).toBeGreaterThan(0);
	});

	it('reads its limits from the environment, ignoring nonsense', () => {
		expect(loginLimits({})).toEqual({ perAccount: 10, perAddress: 50, windowMs: 900_000, maxKeys: 10_000 });
		expect(
			loginLimits({ LOGIN_LIMIT_ACCOUNT_FAILURES: '5', LOGIN_LIMIT_WINDOW: 'x', LOGIN_LIMIT_ADDRESS_FAILURES: -1 }),
		).toMatchObject({ perAccount: 5, perAddress: 50, windowMs: 900_000 });
	});
});

describe('the query field guard', () => {
	const relations: RelationLike[] = [
		{ collection: 'customers', field: 'owner', related_collection: 'directus_users' },
		{ collection: 'contacts', field: 'customer', related_collection: 'customers', meta: { one_field: 'contacts' } },
		{ collection: 'directus_users', field: 'role', related_collection: 'directus_roles', meta: { one_field: 'users' } },
		{ collection: 'directus_users', field: 'reports_to', related_collection: 'directus_users' },
	];
	const directory = new Set(userDirectoryFields);
	const readable = (collection: string) => (collection === 'directus_users' ? directory : null);
	const hidden = (collection: string, query: Record<string, unknown>) =>
		firstHiddenPath(testedPaths(query), collection, relations, readable);

	it('finds every field a query tests', () => {
		expect(
			testedPaths({
				filter: {
					_and: [
						{ owner: { reports_to: { email: { _eq: 'x' } } } },
						{ contacts: { _some: { name: { _eq: 'y' } } } },
						{ 'year(date_created)': { _eq: 2026 } },
					],
				},
				sort: ['-name', 'owner.last_name'],
				group: ['tier'],
				aggregate: { count: ['*'], sum: ['annual_purchase'] },
				deep: { contacts: { _filter: { phone: { _nnull: true } }, _sort: ['name'] } },
			}),
		).toEqual([
			['owner'],
			['owner', 'reports_to'],
			['owner', 'reports_to', 'email'],
			['contacts'],
			['contacts', 'name'],
			['date_created'],
			['name'],
			['owner', 'last_name'],
			['tier'],
			['annual_purchase'],
			['contacts'],
			['contacts', 'phone'],
			['contacts', 'name'],
		]);
	});

	it('refuses fields of other users that the directory does not show', () => {
		expect(hidden('directus_users', { filter: { tfa_secret: { _nnull: true } } })).toBe('tfa_secret');
		expect(
			hidden('directus_users', {
				filter: { _or: [{ first_name: { _eq: 'x' } }, { description: { _contains: 'x' } }] },
			}),
		).toBe('description');
		expect(hidden('directus_users', { filter: { role: { name: { _eq: 'Administrator' } } } })).toBe('role');
		expect(hidden('directus_users', { filter: { reports_to: { password: { _nnull: true } } } })).toBe(
			'reports_to.password',
		);
		expect(hidden('directus_users', { sort: ['-last_access'] })).toBe('last_access');
		expect(hidden('directus_users', { group: ['role'], aggregate: { count: ['*'] } })).toBe('role');
		expect(hidden('directus_users', { aggregate: { countDistinct: ['tfa_secret'] } })).toBe('tfa_secret');
		expect(hidden('customers', { filter: { owner: { description: { _contains: 'x' } } } })).toBe('owner.description');
		expect(
			hidden('customers', {
				filter: { owner: { _and: [{ first_name: { _nnull: true } }, { _or: [{ tfa_secret: { _nnull: true } }] }] } },
			}),
		).toBe('owner.tfa_secret');
		expect(hidden('contacts', { filter: { customer: { owner: { role: { _nnull: true } } } } })).toBe(
			'customer.owner.role',
		);
		expect(hidden('customers', { deep: { owner: { _filter: { token: { _nnull: true } } } } })).toBe('owner.token');
		expect(
			hidden('customers', { filter: { '$FOLLOW(directus_users,email)': { description: { _nnull: true } } } }),
		).toBe('$FOLLOW(directus_users,email).description');
	});

	it('lets through what everyone may read', () => {
		expect(
			hidden('directus_users', {
				filter: { first_name: { _eq: 'x' }, reports_to: { email: { _contains: '@' } } },
				sort: ['last_name'],
			}),
		).toBeNull();
		expect(
			hidden('customers', {
				filter: { owner: { position: { _eq: 'rep' } } },
				sort: ['-annual_purchase', 'owner.last_name'],
				group: ['owner'],
				aggregate: { count: ['*'] },
			}),
		).toBeNull();
		expect(hidden('customers', { aggregate: { count: ['*'] }, group: ['tier'], sort: ['-count'] })).toBeNull();
		expect(hidden('contacts', { filter: { customer: { name: { _contains: 'x' } } }, search: 'anything' })).toBeNull();
	});
});
