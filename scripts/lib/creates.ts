/**
 * Visit creation through the generic items API, `POST /items/visits`, with CONCURRENCY requests
 * in flight: the throughput of our Directus against the same Directus on the same database
 * without our extensions (no guard, no derived fields), alternating rounds.
 */
import type { Knex } from 'knex';
import { alternate, spreadOf, timed, type Spread } from './bench-kit.ts';
import type { Env } from './directus.ts';

export interface Target {
	env: Env;
	token: string;
}

export interface CreateFigures {
	/** Visits per second over a round, p50 and p95 of the rounds' rates. */
	withExtensions: Spread;
	without: Spread;
	/** Each request's time. */
	latencyWith: Spread;
	latencyWithout: Spread;
}

/** Unplanned phone visits next month for the first `count` customers' owners, so no KPI or quota window sees them. */
async function payloads(db: Knex, count: number) {
	const customers: { id: number; owner: string }[] = await db('customers')
		.orderBy('id')
		.limit(count)
		.select('id', 'owner');
	const next = new Date(Date.now() + 40 * 86_400_000);
	return customers.map((c) => ({
		owner: c.owner,
		customer: c.id,
		purpose: 'relationship',
		channel: 'phone',
		scheduled_start: next.toISOString(),
	}));
}

/** Sends every body, `concurrency` at once; each request's milliseconds go to `latencies`. */
async function createAll(
	target: Target,
	bodies: object[],
	concurrency: number,
	latencies: number[] = [],
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) {
			const body = bodies[next++];
			const start = process.hrtime.bigint();
			const res = await fetch(`${target.env.PUBLIC_URL}/items/visits?fields=id`, {
				method: 'POST',
				headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			if (!res.ok) throw new Error(`POST /items/visits answered ${res.status}: ${await res.text()}`);
			await res.body?.cancel();
			latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
}

export async function measureCreates(
	db: Knex,
	ours: Target,
	bare: Target,
	{ rounds, perRound, concurrency }: { rounds: number; perRound: number; concurrency: number },
): Promise<CreateFigures> {
	const bodies = await payloads(db, perRound);
	const rate = async (target: Target, latencies: number[]) =>
		perRound / ((await timed(() => createAll(target, bodies, concurrency, latencies)))[0] / 1000);
	// One unmeasured round each: the first requests load the schema and warm the pools.
	await createAll(ours, bodies.slice(0, concurrency * 4), concurrency);
	await createAll(bare, bodies.slice(0, concurrency * 4), concurrency);
	const withExtensions: number[] = [];
	const without: number[] = [];
	const latencyWith: number[] = [];
	const latencyWithout: number[] = [];
	await alternate(rounds, [
		async () => withExtensions.push(await rate(ours, latencyWith)),
		async () => without.push(await rate(bare, latencyWithout)),
	]);
	return {
		withExtensions: spreadOf(withExtensions),
		without: spreadOf(without),
		latencyWith: spreadOf(latencyWith),
		latencyWithout: spreadOf(latencyWithout),
	};
}
