/**
 * The counters' SQL, rendered from groups.ts for both databases: a group's counts for some of
 * its rows (all of them for a rebuild), added to or taken from the counter tables by one
 * upsert. The local month of a value comes from kpi_months (months.ts), an indexed lookup that
 * reads the same on SQLite and Postgres.
 */
import { STOCK, type At, type Group } from './groups.ts';

export const COUNTERS = 'kpi_counters';
export const CUSTOMER_COUNTERS = 'kpi_customer_counters';
export const PENDING = 'kpi_pending';
export const MONTHS = 'kpi_months';
/** Each day's key (periods.ts dayKey), for the counts kept by day. */
export const DAYS = 'kpi_days';
/** Each quota period's months: `2026-Q4` (kind `quarter`) holds 2026-10, -11 and -12. */
export const PERIODS = 'kpi_periods';

/** The quota periods a customer's completed visits are counted in (kpi_months columns). */
export const QUOTA_BUCKETS = ['month', 'quarter', 'half', 'year'] as const;
export type QuotaBucket = (typeof QUOTA_BUCKETS)[number];

/** The kpi_months column holding `bucket` for the row whose start is the latest at or before `at`; null before 2000. */
function bucketOf(at: At, bucket: QuotaBucket): string {
	if (at === STOCK) return `'${STOCK}'`;
	if ('bucket' in at) return at.bucket;
	// By day whatever the bucket: nothing counted by day is per customer.
	if ('day' in at)
		return `(SELECT d.day FROM ${DAYS} d WHERE d.first_day <= ${at.day} ORDER BY d.first_day DESC LIMIT 1)`;
	const [start, value] = 'instant' in at ? ['starts_at', at.instant] : ['first_day', at.date];
	return `(SELECT m.${bucket} FROM ${MONTHS} m WHERE m.${start} <= ${value} ORDER BY m.${start} DESC LIMIT 1)`;
}

/** `SELECT subject…, bucket, metric, n` of each row of `group` whose key is in `keys` (every row when null), times `sign`. */
function rows(group: Group, keys: string | null, sign: 1 | -1): string[] {
	const buckets: readonly QuotaBucket[] = group.by === 'owner' ? ['month'] : QUOTA_BUCKETS;
	const subject =
		group.by === 'owner' ? `${group.owner} AS owner` : `${group.customer} AS customer, ${group.owner} AS owner`;
	return group.metrics.flatMap((m) =>
		buckets.map((b) => {
			const where = [keys === null ? null : `${group.key} IN (${keys})`, m.when ? `(${m.when})` : null].filter(Boolean);
			return `SELECT ${subject}, ${bucketOf(m.at, b)} AS bucket, '${m.name}' AS metric, ${sign === -1 ? '-' : ''}(${m.value ?? '1'}) AS n FROM ${group.from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
		}),
	);
}

/** The counter table of a group and its key columns. */
export function targetOf(group: Pick<Group, 'by'>): { table: string; columns: string[] } {
	return group.by === 'owner'
		? { table: COUNTERS, columns: ['owner', 'month', 'metric'] }
		: { table: CUSTOMER_COUNTERS, columns: ['customer', 'period', 'metric'] };
}

/**
 * One statement adding `sign` × the counts of the group's rows keyed in `keys` to its counter
 * table: summed per counter first, nothing written where they cancel out.
 */
export function applyCounts(group: Group, keys: string | null, sign: 1 | -1): string {
	const { table, columns } = targetOf(group);
	const subject = columns.slice(0, -2);
	const named = [...subject, 'bucket', 'metric'];
	return [
		`INSERT INTO ${table} (id, ${columns.join(', ')}, n)`,
		`SELECT ${counterId(named)}, ${named.join(', ')}, SUM(n) FROM (${rows(group, keys, sign).join(' UNION ALL ')}) x`,
		`WHERE ${[...subject, 'bucket'].map((c) => `${c} IS NOT NULL`).join(' AND ')}`,
		`GROUP BY ${named.join(', ')} HAVING SUM(n) <> 0`,
		`ON CONFLICT (id) DO UPDATE SET n = ${table}.n + excluded.n`,
	].join(' ');
}

/** A counter's id: its key columns joined with `|` (Directus wants a single primary-key column). */
const counterId = (columns: string[]) => columns.map((c) => `CAST(${c} AS varchar(64))`).join(` || '|' || `);

/** The keys of a group waiting in kpi_pending: `fresh` ones were just marked and not yet taken off. */
export const pendingKeys = (group: Group, fresh: boolean) =>
	`SELECT k FROM ${PENDING} WHERE grp = '${group.name}'${fresh ? ' AND fresh = true' : ''}`;

/** Marks the group's keys a row (`row`: NEW or OLD) touches as pending; a key already pending stays as it is. */
export const markPending = (group: Group, table: string, row: 'NEW' | 'OLD') =>
	`INSERT INTO ${PENDING} (id, grp, k, fresh) SELECT '${group.name}|' || CAST(x.k AS varchar(20)), '${group.name}', x.k, true FROM (${group.reads[table]!.keys.replaceAll('$.', `${row}.`)}) x WHERE x.k IS NOT NULL ON CONFLICT (id) DO NOTHING`;
