/**
 * Malformed requests, as an attacker or a careless client sends them: every custom route
 * (`/visit-flow`, `/visit-quotas`, `/visit-kpi`) and the items writes (POST, PATCH) of every
 * business collection, each at least 20 variants from a fixed table (no randomness), as a rep
 * and as the Administrator. Each must be refused with a 4xx within 5 s, and a refused request
 * must leave the row counts of the business tables as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collections } from '../../extensions/sales-visits/src/schema/collections.ts';
import type { FieldSpec } from '../../extensions/sales-visits/src/schema/builder.ts';
import { actionRoutes, collectionFlows } from '../../extensions/sales-visits/src/domain/action-routes.ts';
import { isFlowOwned } from '../../extensions/sales-visits/src/domain/flow-fields.ts';
import { targets } from './client.ts';
import { closeDatabases, rowCounts } from './db.ts';
import { inParallel } from './pool.ts';

const TABLES = collections.map((c) => c.collection);
const TIMEOUT_MS = 5_000;
const NUL = 'a\u0000b';
/** Probes in flight at once (the server is single-threaded: a few keep it busy), and probes per row-count check. */
const CONCURRENCY = 3;
const BATCH = 30;

interface Probe {
	who: 'rep' | 'admin';
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	path: string;
	body?: unknown;
}

/** Ids as a path segment (already URL-encoded where it matters). */
const BAD_IDS = [
	'0',
	'-1',
	'abc',
	'%201',
	'1%20',
	'0x1F',
	'1e3',
	'1.5',
	'01',
	'2147483648',
	'4294967296',
	'99999999999999999999',
	'1%00',
	"1'",
	'1%3BDROP%20TABLE%20visits',
	'null',
	'undefined',
	'%5B1%5D',
	'%D9%A1',
	'Infinity',
	'-0',
	'+1',
];

/** Free text that no column takes. */
const BAD_TEXT = [NUL, '\u0000', 'x'.repeat(10_001)];

/** Bodies that no flow action takes: wrong types, NUL bytes, absurd sizes. */
const BAD_BODIES: unknown[] = [
	{ comment: 42 },
	{ comment: ['a'] },
	{ comment: { a: 1 } },
	{ comment: true },
	...BAD_TEXT.map((comment) => ({ comment })),
	{ reason: NUL },
	{ notes: NUL },
	{ resolution: NUL },
	{ comment: NUL, satisfaction: 1e308 },
	{ comment: NUL, latitude: 1e308, longitude: -1e308 },
	{ reason: '\u0000'.repeat(100) },
	{ comment: 'ok', reason: 'x'.repeat(20_000) },
	{ comment: NUL, follow_ups: [{ description: 'x', due_date: '9999-12-31' }] },
	{ resolution: 'x'.repeat(10_001) },
	{ notes: 'x'.repeat(10_001) },
	{ comment: -1 },
	{ comment: 1e308 },
	{ comment: null, reason: NUL, notes: NUL },
];

/** Report bodies refused before anything is written. */
const summary = '拜访了客户，介绍了新品与报价';
const BAD_REPORTS: unknown[] = [
	{},
	{ summary: 42 },
	{ summary: NUL.repeat(10) },
	{ summary: 'x'.repeat(10_001) },
	{ summary, customer_feedback: NUL },
	{ summary, next_steps: { a: 1 } },
	{ summary, follow_ups: 'x' },
	{ summary, follow_ups: { description: 'x' } },
	{ summary, follow_ups: [null] },
	{ summary, follow_ups: [{ description: '寄样品', due_date: '9999-12-31' }] },
	{ summary, follow_ups: [{ description: '寄样品', due_date: '0000-01-01' }] },
	{ summary, follow_ups: [{ description: '寄样品', due_date: '2030-02-30' }] },
	{ summary, follow_ups: [{ description: '寄样品', due_date: 20300101 }] },
	{ summary, follow_ups: [{ description: NUL, due_date: '2030-01-01' }] },
	{ summary, follow_ups: [{ description: 'x'.repeat(10_001), due_date: '2030-01-01' }] },
	{ summary, follow_ups: [{ description: 42, due_date: '2030-01-01' }] },
	{ summary, follow_ups: Array.from({ length: 21 }, (_, i) => ({ description: `事项${i}`, due_date: '2030-01-01' })) },
	{
		summary,
		follow_ups: Array.from({ length: 5_000 }, (_, i) => ({ description: `事项${i}`, due_date: '2030-01-01' })),
	},
	{ summary, follow_ups: [{ description: '寄样品', due_date: '2030-01-01T00:00:00Z' }] },
	{ summary, follow_ups: [{ description: '寄样品', due_date: '1e20' }] },
];

const BAD_DATES = [
	'9999-12-31',
	'0000-01-01',
	'0001-01-01',
	'1999-12-31',
	'2200-01-01',
	'2026-02-30',
	'2026-13-01',
	'2026-1-1',
	'tomorrow',
	'%00',
	'2026-12-01%00',
	'1e20',
	'-1',
	'20261201',
	'+275760-09-13',
	"2026-12-01'",
	'2026-12-01T00:00:00Z',
	'',
	'%5B%5D',
	'2026-12-01,2026-12-02',
];
const BAD_MONTHS = [
	'9999-12',
	'0000-01',
	'0001-01',
	'1999-12',
	'2200-01',
	'2026-13',
	'2026-00',
	'2026-1',
	'202612',
	'now',
	'%00',
	'2026-12%00',
	'-2026-12',
	'+2026-12',
	'2026-12-01',
	'1e20',
	'',
	"2026-12'",
	'2026-12%20',
	'%5B%5D',
];
const BAD_KPI_PERIODS = [
	'9999',
	'0000',
	'0001',
	'9999-12',
	'0000-01',
	'0001-Q1',
	'9999-Q4',
	'2026-Q5',
	'2026-Q0',
	'2026-13',
	'1999',
	'2200',
	'%00',
	'2026%00',
	'-1',
	'1e4',
	'20261',
	"2026'",
	'2026-H1',
	'%5B%5D',
];
const BAD_UUIDS = [
	'not-a-uuid',
	'1',
	'0',
	'%00',
	"'%20OR%201%3D1%20--",
	'00000000-0000-0000-0000-00000000000g',
	'%5B%5D',
	'x'.repeat(300),
	'2147483648',
	'null',
];
const BAD_FROM = ['1e308,0', '91,0', '0,181', 'a,b', '1', '1,2,3', '%00', 'NaN,NaN', 'Infinity,0', ','];

/** The flow endpoint's item routes (a review's two decisions share one path). */
const FLOW_ACTIONS = [...new Set(actionRoutes.map((r) => r.path.slice(1)))];
/** The collections the actions endpoint answers for, and names it must refuse. */
const ACTION_COLLECTIONS = [
	...Object.keys(collectionFlows),
	'directus_users',
	'nope',
	'%00',
	'x'.repeat(300),
	'__proto__',
	'constructor',
	'..%2Fvisits',
];

/** Malformed values for a column, by its type in the schema spec. */
function badValues(spec: FieldSpec): unknown[] {
	if (spec.relation)
		return spec.type === 'uuid' ? ['not-a-uuid', 12345, NUL] : ['abc', 1e20, 2147483648, -1, '1e3', '0x1F', 1.5];
	switch (spec.type) {
		case 'integer':
			return [1e20, 2147483648, 'abc', 1.5, '1e3'];
		case 'decimal':
			return [1e20, 1e308, -1e308, 'abc', '12abc'];
		case 'float':
			return [1e308, 'abc'];
		case 'date':
			return ['not-a-date', '9999-99-99', '2026-02-30', '0000-00-00', 20260101];
		case 'timestamp':
			return ['yesterday', '2026-13-01T00:00:00Z', '9999-12-31T23:59:59Z', 1e20];
		case 'time':
			return ['25:00', 'noon', '20:61:00', 2000];
		case 'string':
			return [NUL, 'x'.repeat(300)];
		case 'text':
			return [NUL, 'x'.repeat(10_001)];
		default:
			return [];
	}
}

/** Columns a request may name: all but the key and the audit stamps (flow-owned and read-only ones too: the API does not stop an Administrator). */
const nameable = (spec: FieldSpec) =>
	spec.schema !== null &&
	spec.field !== 'id' &&
	!(spec.meta.special as string[] | null)?.some((s) => s.startsWith('date-'));

/** Fields a client may write: columns that are neither the key, nor stamped by the server, nor kept by a flow. */
const writable = (collection: string, spec: FieldSpec) =>
	nameable(spec) && !spec.meta.readonly && !isFlowOwned(collection, spec.field);

/** At least 20 (field, value) pairs per collection: each column's bad values in turn, cycled when short. */
function itemVariants(collection: string): [field: string, value: unknown][] {
	const spec = collections.find((c) => c.collection === collection)!;
	const pairs = spec.fields.filter(nameable).flatMap((f) => badValues(f).map((v) => [f.field, v] as [string, unknown]));
	const out = [...pairs];
	// Short lists cycle (the same bad value then goes with other valid fields of the base row).
	for (let i = 0; out.length < 20 && pairs.length; i++) out.push(pairs[i % pairs.length]!);
	return out;
}

describe.each(targets)('malformed requests on $name', (target) => {
	const tokens: Record<Probe['who'], string> = { rep: '', admin: '' };
	const base: Record<string, { id: number | null; row: Record<string, unknown> }> = {};
	const ids: Record<string, number> = {};
	const totals = { sent: 0, serverErrors: 0, slow: 0, accepted: 0, countChanges: 0 };
	const failures: string[] = [];
	let counts: Record<string, number>;

	async function login(email: string, password: string) {
		const res = await fetch(`${target.url}/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password }),
		});
		return (await res.json()).data.access_token as string;
	}

	async function send({ who, method, path, body }: Probe): Promise<{ status: number; ms: number; body: any }> {
		const started = Date.now();
		try {
			const res = await fetch(`${target.url}${path}`, {
				method,
				headers: {
					authorization: `Bearer ${tokens[who]}`,
					'accept-language': 'zh-CN',
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
				},
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(TIMEOUT_MS),
			});
			const text = await res.text();
			let parsed: any = text;
			try {
				parsed = JSON.parse(text);
			} catch {
				// plain text
			}
			return { status: res.status, ms: Date.now() - started, body: parsed };
		} catch (error) {
			if ((error as Error).name === 'TimeoutError') return { status: 0, ms: Date.now() - started, body: 'timed out' };
			throw error;
		}
	}

	/** A probe waiting to be sent, with what puts back what it wrote should it be accepted. */
	const queued: { p: Probe; undo?: (body: any) => Promise<void> }[] = [];

	/** Queues a probe: flush() sends the queue. */
	function probe(p: Probe, undo?: (body: any) => Promise<void>) {
		queued.push({ p, undo });
	}

	/**
	 * Sends the queued probes, CONCURRENCY at a time (the server answers one request while the next
	 * waits, instead of idling while the test reads counts), in batches of BATCH, and records what
	 * went wrong: a 5xx, a timeout, an acceptance, a refusal that changed row counts. The counts are
	 * read once a batch has been answered: a change names the batch's probes.
	 */
	async function flush() {
		while (queued.length) {
			const batch = queued.splice(0, BATCH);
			const sends = batch.map((q) => () => send(q.p));
			const answers = await inParallel(sends, CONCURRENCY);
			const what = (i: number) => {
				const { p } = batch[i]!;
				const res = answers[i]!;
				return `${p.who} ${p.method} ${p.path} ${JSON.stringify(p.body ?? null).slice(0, 120)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
			};
			let hung = false;
			let acceptedHere = false;
			for (const [i, res] of answers.entries()) {
				totals.sent++;
				if (res.status >= 500) {
					totals.serverErrors++;
					failures.push(`5xx: ${what(i)}`);
				}
				if (res.status === 0 || res.ms > TIMEOUT_MS) {
					totals.slow++;
					failures.push(`slow (${res.ms} ms): ${what(i)}`);
					hung = true;
				}
			}
			// A hung server answers nothing more: stop here.
			if (hung) throw new Error(failures.join('\n'));
			for (const [i, res] of answers.entries()) {
				if (res.status >= 200 && res.status < 300) {
					totals.accepted++;
					acceptedHere = true;
					failures.push(`accepted: ${what(i)}`);
					await batch[i]!.undo?.(res.body);
				}
			}
			const after = await rowCounts(target, TABLES);
			const changed = TABLES.filter((t) => after[t] !== counts[t]);
			// An accepted probe has failed already, and its undo may not put every count back.
			if (changed.length && !acceptedHere) {
				totals.countChanges++;
				failures.push(
					`rows changed in ${changed.join(', ')} by one of:\n${batch.map((_, i) => `  ${what(i)}`).join('\n')}`,
				);
			}
			counts = after;
		}
	}

	beforeAll(async () => {
		[tokens.admin, tokens.rep] = await Promise.all([
			login(target.env.ADMIN_EMAIL, target.env.ADMIN_PASSWORD),
			login('rep1@example.com', 'demo-password'),
		]);
		// A row of each collection to patch and to copy for creates; the caller's own where the flows look them up.
		const reads = collections.map((c) => async () => {
			const res = await send({ who: 'admin', method: 'GET', path: `/items/${c.collection}?limit=1&sort=id&fields=*` });
			const row = c.singleton ? res.body.data : (res.body.data?.[0] ?? {});
			base[c.collection] = { id: c.singleton ? null : (row.id ?? null), row };
		});
		const own = (
			[
				['plans', 'visit_plans'],
				['visits', 'visits'],
				['expenses', 'expense_requests'],
				['follow-ups', 'follow_ups'],
				['revisits', 'revisits'],
				['complaints', 'complaints'],
			] as const
		).map(([key, collection]) => async () => {
			const res = await send({ who: 'rep', method: 'GET', path: `/items/${collection}?limit=1&sort=id&fields=id` });
			ids[key] = res.body.data?.[0]?.id ?? 1;
		});
		await inParallel([...reads, ...own], CONCURRENCY);
		counts = await rowCounts(target, TABLES);
	}, 120_000);

	afterAll(async () => {
		// What an accepted PATCH changed is put back by its undo; the singleton is restored whole.
		const { id: _, date_updated: __, ...settings } = base.visit_settings!.row as Record<string, unknown>;
		await send({ who: 'admin', method: 'PATCH', path: '/items/visit_settings', body: settings });
		await closeDatabases();
	});

	it('custom routes: every /visit-flow, /visit-quotas and /visit-kpi route, 20+ variants each', async () => {
		const perRoute = new Map<string, number>();
		const count = (route: string) => perRoute.set(route, (perRoute.get(route) ?? 0) + 1);
		// Bad ids as a rep; bad bodies on a real item as the Administrator (no permission stops them early) and a few as the rep.
		for (const action of FLOW_ACTIONS) {
			const [kind] = action.split('/');
			const at = `/visit-flow/${action.replace(':id', String(ids[kind!] ?? 1))}`;
			for (const id of BAD_IDS) {
				probe({
					who: 'rep',
					method: 'POST',
					path: `/visit-flow/${action.replace(':id', id)}`,
					body: { comment: '测试' },
				});
				count(action);
			}
			const bodies = action === 'visits/:id/report' ? [...BAD_REPORTS, ...BAD_BODIES.slice(0, 4)] : BAD_BODIES;
			for (const body of bodies) {
				probe({ who: 'admin', method: 'POST', path: at, body });
				count(action);
			}
			for (const body of bodies.slice(0, 5)) {
				probe({ who: 'rep', method: 'POST', path: at, body });
				count(action);
			}
		}
		for (const who of ['rep', 'admin'] as const) {
			for (const collection of ACTION_COLLECTIONS) {
				probe({ who, method: 'GET', path: `/visit-flow/actions/${collection}/2147483647` });
				count('actions');
				for (const id of BAD_IDS.slice(0, 3)) {
					probe({ who, method: 'GET', path: `/visit-flow/actions/${collection}/${id}` });
					count('actions');
				}
			}
			for (const date of BAD_DATES) {
				probe({ who, method: 'GET', path: `/visit-flow/route?date=${date}` });
				count('route');
			}
			for (const owner of BAD_UUIDS) {
				probe({ who, method: 'GET', path: `/visit-flow/route?date=2026-12-01&owner=${owner}` });
				count('route');
			}
			for (const from of BAD_FROM) {
				probe({ who, method: 'GET', path: `/visit-flow/route?date=2026-12-01&from=${from}` });
				count('route');
			}
			for (const month of BAD_MONTHS) {
				probe({ who, method: 'GET', path: `/visit-quotas/compliance?period=${month}` });
				count('compliance');
				probe({ who, method: 'GET', path: `/visit-quotas/customers/1?period=${month}` });
				count('customers/:id');
			}
			for (const owner of BAD_UUIDS) {
				probe({ who, method: 'GET', path: `/visit-quotas/compliance?owner=${owner}` });
				count('compliance');
				probe({ who, method: 'GET', path: `/visit-quotas/lead-follow-ups?owner=${owner}` });
				count('lead-follow-ups');
				probe({ who, method: 'GET', path: `/visit-kpi/summary?id=${owner}` });
				count('summary');
			}
			for (const id of BAD_IDS) {
				probe({ who, method: 'GET', path: `/visit-quotas/customers/${id}` });
				count('customers/:id');
			}
			for (const owner of [...BAD_UUIDS, 'a&owner=b', '%5B%5D']) {
				probe({ who, method: 'GET', path: `/visit-quotas/lead-follow-ups?owner[]=${owner}` });
				count('lead-follow-ups');
			}
			for (const period of BAD_KPI_PERIODS) {
				probe({ who, method: 'GET', path: `/visit-kpi/summary?period=${period}` });
				count('summary');
			}
			for (const scope of ['region', '%00', 'REP', 'company%00', ''].concat(BAD_UUIDS.slice(0, 5))) {
				probe({ who, method: 'GET', path: `/visit-kpi/summary?scope=${scope}` });
				count('summary');
			}
		}
		// The sweeps are the Administrator's to run: a rep is refused whatever the body.
		for (const body of [...BAD_BODIES, 'not json', [1, 2]]) {
			probe({ who: 'rep', method: 'POST', path: '/visit-flow/sweeps/run', body });
			count('sweeps/run');
		}
		await flush();
		for (const [route, n] of perRoute) expect(n, route).toBeGreaterThanOrEqual(20);
		console.log(
			`[fuzz] ${target.name} custom routes: ${perRoute.size} routes, ${totals.sent} requests, ${totals.serverErrors} 5xx, ${totals.slow} slow, ${totals.accepted} accepted, ${totals.countChanges} row-count changes after a refusal`,
		);
		expect(failures).toEqual([]);
	}, 600_000);

	it('items writes: POST and PATCH of every business collection, 20+ variants each, as a rep and as the Administrator', async () => {
		for (const c of collections) {
			const { id, row } = base[c.collection]!;
			const specs = new Map(c.fields.map((f) => [f.field, f]));
			// The base row's own writable values, so that the bad value is the only thing wrong; unique fields get fresh values.
			const copy = Object.fromEntries(
				Object.entries(row).filter(
					([k, v]) => specs.has(k) && writable(c.collection, specs.get(k)!) && !Array.isArray(v),
				),
			);
			for (const f of c.fields) {
				if (!f.schema?.is_unique || !(f.field in copy)) continue;
				if (f.relation) delete copy[f.field];
				else copy[f.field] = f.type === 'date' ? '2098-12-31' : `FUZZ-${f.field}`;
			}
			const variants = itemVariants(c.collection);
			expect(variants.length, c.collection).toBeGreaterThanOrEqual(20);
			const path = c.singleton ? `/items/${c.collection}` : `/items/${c.collection}/${id}`;
			const undoCreate = async (body: any) => {
				if (body?.data?.id)
					await send({ who: 'admin', method: 'DELETE', path: `/items/${c.collection}/${body.data.id}` });
			};
			// The Administrator's writes reach the database unless the check stops them; the rep's creates show it runs before permissions.
			for (const [field, value] of variants) {
				probe(
					{ who: 'admin', method: 'POST', path: `/items/${c.collection}`, body: { ...copy, [field]: value } },
					undoCreate,
				);
				probe({ who: 'admin', method: 'PATCH', path, body: { [field]: value } }, async () => {
					await send({ who: 'admin', method: 'PATCH', path, body: { [field]: row[field] ?? null } });
				});
				probe(
					{ who: 'rep', method: 'POST', path: `/items/${c.collection}`, body: { ...copy, [field]: value } },
					undoCreate,
				);
			}
			if (!c.singleton)
				for (const key of BAD_IDS.slice(0, 10))
					probe({
						who: 'admin',
						method: 'PATCH',
						path: `/items/${c.collection}/${key}`,
						body: { [variants[0]![0]]: variants[0]![1] },
					});
		}
		await flush();
		console.log(
			`[fuzz] ${target.name} in all: ${totals.sent} requests, ${totals.serverErrors} 5xx, ${totals.slow} slow, ${totals.accepted} accepted, ${totals.countChanges} row-count changes after a refusal`,
		);
		expect(failures).toEqual([]);
		expect(totals.serverErrors).toBe(0);
	}, 600_000);
});
