/**
 * Accounts and the query field guard over HTTP (README, Security): failed logins limited
 * per client without suspending anybody, the password policy, a suspended user's token refused at
 * once, and no filter, sort, group or aggregate on another user's hidden fields.
 * Each test works on users of its own, so the demo logins the other files use stay untouched.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import argon2 from 'argon2';
import knex from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directusEnv, installedNow, prepare } from '../../scripts/lib/directus.ts';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';
import { PASSWORD_POLICY } from '../../extensions/sales-visits/src/setup/settings.ts';
import { Client, targets, type Response } from './client.ts';
import { refusedWith } from './expect.ts';

const PASSWORD = 'accounts-test-password';

/** POST /auth/login from a given loopback address (the server takes the connection's address, not X-Forwarded-For). */
function loginFrom(
	url: string,
	email: string,
	password: string,
	{ from = '127.0.0.1', headers = {} as Record<string, string> } = {},
): Promise<Response> {
	const { hostname, port } = new URL(url);
	const body = JSON.stringify({ email, password });
	return new Promise((done, fail) => {
		const req = request(
			{
				host: hostname,
				port,
				path: '/auth/login',
				method: 'POST',
				localAddress: from,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
			},
			(res) => {
				let text = '';
				res.on('data', (d) => (text += d));
				res.on('end', () => done({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
			},
		);
		req.on('error', fail);
		req.end(body);
	});
}

describe.each(targets)('accounts on $name', (target) => {
	let admin: Client;
	const created: string[] = [];

	/** A sales rep of this test's own, with the password above. */
	async function makeUser(tag: string, extra: Record<string, unknown> = {}) {
		const email = `acc-${tag}-${target.name}-${Date.now()}@example.com`;
		const res = await admin.post('/users', {
			email,
			password: PASSWORD,
			role: roleByKey('sales_rep').roleId,
			position: 'rep',
			first_name: '账',
			last_name: tag,
			language: 'en-US',
			...extra,
		});
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		created.push(res.body.data.id);
		return { id: res.body.data.id as string, email };
	}

	beforeAll(async () => {
		admin = await Client.admin(target);
	});

	afterAll(async () => {
		for (const id of created) await admin.delete(`/users/${id}`);
	});

	describe('sign-in', () => {
		it('setup turns off suspension by failures and sets a password policy', async () => {
			const settings = await admin.data('/settings?fields=auth_login_attempts,auth_password_policy');
			expect(settings).toEqual({ auth_login_attempts: null, auth_password_policy: PASSWORD_POLICY });
		});

		it('answers 429 to repeated wrong passwords from one client, on REST and GraphQL, forged X-Forwarded-For or not', async () => {
			const { email } = await makeUser('limit');
			// One after another: each failure is counted before the next is checked, so the tenth still answers 401.
			const statuses: number[] = [];
			for (let i = 0; i < 10; i++)
				statuses.push(
					(await loginFrom(target.url, email, 'wrong-password', { headers: { 'x-forwarded-for': `10.9.8.${i}` } }))
						.status,
				);
			expect(statuses).toEqual(Array(10).fill(401));

			const blocked = await loginFrom(target.url, email, PASSWORD, { headers: { 'x-forwarded-for': '10.9.9.9' } });
			expect(blocked.status).toBe(429);
			expect(blocked.body.errors[0].extensions.code).toBe('REQUESTS_EXCEEDED');
			const graphql = await new Client(target.url).graphql(
				`mutation { auth_login(email: "${email}", password: "${PASSWORD}") { access_token } }`,
				true,
			);
			expect(graphql.body.errors[0].extensions.code).toBe('REQUESTS_EXCEEDED');

			// Only that e-mail from that client: the account, other clients and other users are untouched.
			expect((await loginFrom(target.url, email, PASSWORD, { from: '127.0.0.2' })).status).toBe(200);
			expect((await loginFrom(target.url, 'rep1@example.com', 'demo-password')).status).toBe(200);
			expect((await admin.data(`/users?filter[email][_eq]=${encodeURIComponent(email)}&fields=status`))[0].status).toBe(
				'active',
			);
		});

		it('cannot lock anybody out: 30 failures from three clients leave the account usable', async () => {
			const { email } = await makeUser('lockout');
			const failures = await Promise.all(
				['127.0.0.11', '127.0.0.12', '127.0.0.13'].map(async (from) => {
					const statuses: number[] = [];
					for (let i = 0; i < 10; i++)
						statuses.push((await loginFrom(target.url, email, `wrong-${i}`, { from })).status);
					return statuses;
				}),
			);
			expect(failures.flat()).toEqual(Array(30).fill(401));
			expect((await loginFrom(target.url, email, PASSWORD, { from: '127.0.0.14' })).status).toBe(200);
			expect((await admin.data(`/users?filter[email][_eq]=${encodeURIComponent(email)}&fields=status`))[0].status).toBe(
				'active',
			);
		});

		it('limits password reset requests per address and e-mail', async () => {
			const email = `nobody-${target.name}-${Date.now()}@example.com`;
			// One after another, so that the sixth meets the five counted before it.
			const statuses: number[] = [];
			for (let i = 0; i < 6; i++)
				statuses.push((await new Client(target.url).post('/auth/password/request', { email })).status);
			expect(statuses).toEqual([204, 204, 204, 204, 204, 429]);
		});
	});

	describe('passwords', () => {
		it('refuses a short, empty, blank or removed password in the caller’s language, and takes a good one', async () => {
			const [{ email }, { id }] = await Promise.all([makeUser('password'), makeUser('password-admin')]);
			const user = new Client(target.url, (await loginFrom(target.url, email, PASSWORD)).body.data.access_token);
			const refusals = await Promise.all(
				['a', '', ' '.repeat(14), 'short-pw', null].map((password) => user.patch('/users/me', { password })),
			);
			for (const res of refusals) refusedWith(res, 400, 'password_weak');
			expect((await user.patch('/users/me', { password: 'another-long-password' })).status).toBe(200);
			expect((await loginFrom(target.url, email, 'another-long-password')).status).toBe(200);
			// An Administrator is held to the policy too when setting one.
			expect((await admin.patch(`/users/${id}`, { password: 'abc' })).status).toBe(400);
		});

		it('the demo password and the tests’ admin password satisfy the policy', () => {
			const policy = new RegExp(PASSWORD_POLICY.slice(1, -1));
			for (const password of ['demo-password', 'admin-test-password', PASSWORD])
				expect(policy.test(password), password).toBe(true);
		});
	});

	describe('a user who is no longer active', () => {
		it.each(['suspended', 'archived'])(
			'is refused at once when %s, with the token they already hold',
			async (status) => {
				const { id, email } = await makeUser(`status-${status}`);
				const user = new Client(target.url, (await loginFrom(target.url, email, PASSWORD)).body.data.access_token);
				expect((await user.get('/items/customers?limit=1')).status).toBe(200);

				expect((await admin.patch(`/users/${id}`, { status })).status).toBe(200);
				const refused = await Promise.all([
					user.get('/items/customers?limit=1'),
					user.get('/users/me'),
					user.graphql('{ customers(limit: 1) { id } }'),
					user.post('/visit-flow/sweeps/run', {}),
				]);
				expect(refused.map((res) => res.status)).toEqual([401, 401, 401, 401]);

				expect((await admin.patch(`/users/${id}`, { status: 'active' })).status).toBe(200);
				expect((await user.get('/items/customers?limit=1')).status).toBe(200);
			},
		);

		it('is refused once deleted', async () => {
			const { id, email } = await makeUser('deleted');
			const user = new Client(target.url, (await loginFrom(target.url, email, PASSWORD)).body.data.access_token);
			expect((await admin.delete(`/users/${id}`)).status).toBe(204);
			expect((await user.get('/items/customers?limit=1')).status).toBe(401);
		});
	});

	describe('hidden fields of other users', () => {
		let rep1: Client;
		let secretId: string;
		const secret = `secret-${target.name}-${Date.now()}`;

		beforeAll(async () => {
			rep1 = await Client.login(target.url, 'rep1@example.com');
			secretId = (await makeUser('hidden', { description: secret })).id;
		});

		it('read back as null, and cannot be tested through filters, sorts, groups or aggregates', async () => {
			expect(await rep1.data(`/users/${secretId}?fields=id,description`)).toEqual({ id: secretId, description: null });
			for (const query of [
				`filter[description][_contains]=${secret}`,
				'filter[tfa_secret][_nnull]=true',
				'filter[role][name][_eq]=Administrator',
				'filter[_or][0][first_name][_nnull]=true&filter[_or][1][password][_null]=true',
				'filter[reports_to][description][_nnull]=true',
				'sort=-last_access',
				'groupBy[]=role&aggregate[count]=*',
				'aggregate[countDistinct]=tfa_secret',
				`export=json&filter[description][_contains]=${secret}`,
			]) {
				refusedWith(await rep1.get(`/users?fields=id&${query}`), 403, 'hidden_field_query');
			}
		});

		it('cannot be tested through a relation, deep, GraphQL or another collection', async () => {
			for (const path of [
				`/items/customers?fields=id&filter[owner][description][_contains]=${secret}`,
				'/items/visits?fields=id&filter[customer][owner][role][name][_eq]=Administrator',
				'/items/customers?fields=id&sort=owner.tfa_secret',
				'/items/customers?aggregate[count]=*&groupBy[]=owner.role',
				'/items/customers?fields=id,owner.id&deep[owner][_filter][description][_nnull]=true',
				'/notifications?fields=id&filter[sender][description][_nnull]=true',
			]) {
				refusedWith(await rep1.get(path), 403, 'hidden_field_query');
			}
			const system = await rep1.graphql(`{ users(filter: { description: { _contains: "${secret}" } }) { id } }`, true);
			expect(system.body.errors[0].extensions.reason).toBe('hidden_field_query');
			const items = await rep1.graphql(
				'{ customers(filter: { owner: { role: { name: { _eq: "Administrator" } } } }) { id } }',
			);
			expect(items.body.errors[0].extensions.reason).toBe('hidden_field_query');
		});

		it('a search does not reach them (Directus searches each field only where it may be read)', async () => {
			expect(await rep1.data(`/users?fields=id&search=${secret}`)).toEqual([]);
			expect((await admin.data(`/users?fields=id&search=${secret}`)).map((u: any) => u.id)).toEqual([secretId]);
		});

		it('what the directory shows can still be filtered, sorted and grouped', async () => {
			expect((await rep1.data('/users?fields=id&filter[email][_eq]=rep1@example.com')).length).toBe(1);
			expect(
				(
					await rep1.get(
						'/users?fields=id&filter[reports_to][email][_eq]=manager1@example.com&sort=last_name,-first_name',
					)
				).status,
			).toBe(200);
			expect((await rep1.get('/users?aggregate[count]=*&groupBy[]=position')).status).toBe(200);
			expect(
				(await rep1.get('/items/customers?fields=id&filter[owner][first_name][_nnull]=true&sort=owner.last_name'))
					.status,
			).toBe(200);
			expect((await rep1.get('/items/customers?aggregate[count]=*&groupBy[]=owner')).status).toBe(200);
			expect(
				(
					await rep1.graphql(
						'{ customers(filter: { owner: { email: { _eq: "rep1@example.com" } } }, limit: 1) { id } }',
					)
				).body.errors,
			).toBeUndefined();
			// An Administrator may test anything.
			expect(
				(await admin.data(`/users?fields=id&filter[description][_contains]=${secret}`)).map((u: any) => u.id),
			).toEqual([secretId]);
		});

		it('the refusal speaks the caller’s language', async () => {
			const res = await rep1.get('/users?fields=id&filter[tfa_secret][_nnull]=true');
			expect(res.body.errors[0].extensions.messages['en-US']).toContain('tfa_secret');
			expect(res.body.errors[0].extensions.messages['zh-CN']).toContain('tfa_secret');
		});
	});
});

/**
 * A database created without the demo company: a SQLite file of its own whatever the lane, so it is
 * made once, in the SQLite lane. Its install (prepare(): two Directus CLI processes, no server) starts
 * with the file and runs beside the HTTP tests above; the last test waits for it.
 */
const withoutDemo = targets.some((t) => t.name === 'sqlite');
let install: {
	dataDir: string;
	overrides: Record<string, string>;
	env: Record<string, string>;
	output: Promise<string>;
};

beforeAll(() => {
	if (!withoutDemo) return;
	const dataDir = mkdtempSync(join(tmpdir(), 'sales-visits-noseed-'));
	const overrides = {
		DATA_DIR: dataDir,
		DB_CLIENT: 'sqlite3',
		DB_FILENAME: join(dataDir, 'db.sqlite'),
		SEED: 'false',
		ADMIN_PASSWORD: '',
		LOG_LEVEL: 'warn',
	};
	const env = directusEnv(overrides);
	install = { dataDir, overrides, env, output: prepare(env, { quiet: true }) };
	// The test awaits it; until then a failure is not an unhandled rejection.
	install.output.catch(() => {});
});

afterAll(async () => {
	if (!install) return;
	await install.output.catch(() => {});
	rmSync(install.dataDir, { recursive: true, force: true });
});

describe.runIf(withoutDemo)('a database created without the demo company', () => {
	it('gets a random administrator password, not the demo one', async () => {
		const { env, overrides, output } = install;
		expect(env.ADMIN_PASSWORD).not.toBe('demo-password');
		expect(env.ADMIN_PASSWORD.length).toBeGreaterThanOrEqual(24);
		expect(installedNow(await output)).toBe(true);
		const db = knex({ client: 'sqlite3', connection: { filename: env.DB_FILENAME! }, useNullAsDefault: true });
		const admin = await db('directus_users').first('password').where({ email: env.ADMIN_EMAIL });
		await db.destroy();
		expect(await argon2.verify(admin.password, 'demo-password')).toBe(false);
		expect(await argon2.verify(admin.password, env.ADMIN_PASSWORD)).toBe(true);
		expect(directusEnv(overrides).ADMIN_PASSWORD).not.toBe(env.ADMIN_PASSWORD);
	}, 300_000);
});
