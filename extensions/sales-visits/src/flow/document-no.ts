/** The next free document number of a month (domain/numbering.ts) among those a table holds. */
import type { Knex } from 'knex';
import { documentNo, documentPrefix, nextSequence, type DocumentKind } from '../domain/numbering.ts';

/** Two documents numbered at once collide on the unique index, and the second is refused. */
export async function nextDocumentNo(
	knex: Knex,
	kind: DocumentKind,
	table: string,
	column: string,
	date: string,
): Promise<string> {
	const prefix = documentPrefix(kind, date);
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
