/** No deployment runs on a secret, key or password that ships with the project. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { adminPassword, installedNow, ROOT } from '../../scripts/lib/directus.ts';

const composeText = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText);
const REQUIRED = ['KEY', 'SECRET', 'ADMIN_PASSWORD', 'DB_PASSWORD'];

describe('docker-compose.yml', () => {
	it.each(REQUIRED)('requires %s and gives it no default', (name) => {
		const uses = [...composeText.matchAll(new RegExp(`\\$\\{${name}([^}]*)\\}`, 'g'))].map((m) => m[1]!);
		expect(uses.length).toBeGreaterThan(0);
		// `${NAME:?message}` stops compose when NAME is unset or empty; `:-`, `-`, `:+` or a bare `${NAME}` would not.
		for (const use of uses) expect(use).toMatch(/^:\?/);
	});

	it('sets every secret of every Directus service and of Postgres from the environment only', () => {
		const env = compose['x-directus-env'];
		for (const name of ['KEY', 'SECRET', 'ADMIN_PASSWORD', 'DB_PASSWORD'])
			expect(env[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
		expect(compose.services.postgres.environment.POSTGRES_PASSWORD).toMatch(/^\$\{DB_PASSWORD:\?/);
		for (const service of ['setup', 'directus']) {
			const environment = compose.services[service].environment;
			for (const name of ['KEY', 'SECRET']) expect(environment[name] ?? env[name]).toMatch(/^\$\{\w+:\?/);
		}
	});

	it('leaves out the demo company, whose users share a published password, unless asked', () => {
		expect(compose.services.setup.environment.SEED).toBe('${SEED:-false}');
		expect(compose.services.setup.command).toContain('visits:demo');
	});

	it('serves Directus without the demo bundle: only the setup service mounts it', () => {
		expect(compose.services.setup.volumes.join('\n')).toContain('./extensions/sales-visits-demo/dist:');
		expect(compose.services.directus.volumes.join('\n')).not.toContain('sales-visits-demo');
	});
});

describe('the first administrator’s password', () => {
	it('is the one given', () => {
		expect(adminPassword({ ADMIN_PASSWORD: 'given-password-1', SEED: 'false' })).toEqual({
			password: 'given-password-1',
			generated: false,
		});
	});

	it('is the demo one only with the demo company', () => {
		expect(adminPassword({})).toEqual({ password: 'demo-password', generated: false });
		expect(adminPassword({ SEED: 'true' })).toEqual({ password: 'demo-password', generated: false });
	});

	it('is random and long without the demo company', () => {
		const first = adminPassword({ SEED: 'false' });
		const second = adminPassword({ SEED: 'false' });
		expect(first.generated).toBe(true);
		expect(first.password).not.toBe('demo-password');
		expect(first.password).not.toBe(second.password);
		expect(first.password.length).toBeGreaterThanOrEqual(24);
	});

	it('is shown only by the start that created the database', () => {
		expect(installedNow('[INFO] Initializing bootstrap...\n[INFO] Installing Directus system tables...\n')).toBe(true);
		expect(installedNow('[INFO] Database already initialized, skipping install\n')).toBe(false);
	});
});
