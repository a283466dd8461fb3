/** The next free document number of a month (domain/numbering.ts) among those a table holds. */
import type { Knex } from 'knex';
import { documentNo, documentPrefix, nextSequence, type DocumentKind } from '../domain/numbering.ts';

/**
 * Two documents numbered at once would take the same number: on Postgres the month's numbers are
 * taken in turn, by an advisory lock held to the end of the writing transaction (SQLite writes
 * one transaction at a time). Outside a transaction the lock ends with its statement.
 */
export async function nextDocumentNo(
	knex: Knex,
	kind: DocumentKind,
	table: string,
	column: string,
	date: string,
): Promise<string> {
	const prefix = documentPrefix(kind, date);
	if (knex.client.config.client === 'pg') await knex.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [prefix]);
	const taken: Record<string, string>[] = await knex(table).where(column, 'like', `${prefix}%`).select(column);
	return documentNo(
		kind,
		date,
		nextSequence(
			prefix,
			taken.map((row) => row[column]!),
		),
	);
}
