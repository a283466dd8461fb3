/**
 * Quotes and their lines are derived where Directus logs their activity (quotes.ts deriveInWrite):
 * turning their tracking off in the Studio would silently stop the derivation, so it is refused.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { refusal } from '../domain/refusals.ts';
import { refusalError } from './errors.ts';
import { loadCaller } from './people.ts';

const DERIVED_IN_LOG = ['quotes', 'quote_lines'];

export async function keepTracking(
	knex: Knex,
	accountability: Accountability | null,
	keys: readonly (string | number)[],
	meta: { accountability?: unknown },
): Promise<void> {
	const collection = keys.map(String).find((k) => DERIVED_IN_LOG.includes(k));
	if (collection === undefined || !('accountability' in meta) || meta.accountability === 'all') return;
	const { language } = await loadCaller(knex, accountability);
	throw refusalError(refusal(409, 'activity_tracking_required', { collection }), language);
}
