/**
 * The product's bundle carries no demo data and no demo secret: those live in seeds/ and reach
 * a database only through the demo bundle (extensions/sales-visits-demo, `directus visits:demo`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExtensions } from '../../scripts/lib/build.ts';
import { ROOT } from '../../scripts/lib/directus.ts';
import { DEMO_PASSWORD, INTEGRATOR_TOKEN, demoData } from '../../seeds/demo.ts';

/** A built file with its \uXXXX escapes read back (esbuild writes non-ASCII text escaped). */
const built = (path: string) =>
	readFileSync(join(ROOT, 'extensions', path), 'utf8').replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) =>
		String.fromCharCode(parseInt(hex, 16)),
	);

const demo = demoData(new Date('2026-11-23T02:00:00Z'));
const secrets = [DEMO_PASSWORD, INTEGRATOR_TOKEN];
/** What only the demo company has: its staff's ids and job titles (not the bare position names the product has too), its customers' names. */
const data = [
	demo.users[0]!.id.slice(0, 24),
	...new Set(demo.users.map((u) => u.title).filter((t) => t.length > 6)),
	...demo.customers.slice(0, 20).map((c) => c.name),
];

describe('the bundles', () => {
	beforeAll(() => buildExtensions({ quiet: true }), 300_000);

	it.each(['sales-visits/dist/api.js', 'sales-visits/dist/app.js'])(
		'%s holds no demo secret and no demo data',
		(path) => {
			const text = built(path);
			expect(secrets.filter((s) => text.includes(s))).toEqual([]);
			expect(data.filter((d) => text.includes(d))).toEqual([]);
		},
	);

	it('the demo bundle is where they are (so the check above can see them)', () => {
		const text = built('sales-visits-demo/dist/index.js');
		for (const needle of [...secrets, demo.users[0]!.id.slice(0, 24), '浙江区域销售经理'])
			expect(text, needle).toContain(needle);
	});
});
