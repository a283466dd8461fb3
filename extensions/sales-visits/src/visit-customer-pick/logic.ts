/** What the customer dropdown (`visit-customer-pick`) lists and holds. */
import type { Label } from '../domain/choices.ts';
import { t } from '../shared/texts.ts';

export const texts = { placeholder: t('选择客户', 'Pick a customer') } satisfies Record<string, Label>;

/** Longer books get the Studio's own m2o (a searchable list in a drawer). */
export const PICK_MAX = 300;

/** The query of the customers to list: those the caller reads (permissions decide), by name, but the churned. */
export const customersQuery = () => ({
	fields: ['id', 'name'],
	filter: { status: { _neq: 'churned' } },
	sort: ['name'],
	limit: PICK_MAX + 1,
});

/** The key of an m2o value as forms hold it: the key, or the related item. */
export function keyOf(value: unknown): number | null {
	const key = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value;
	const n = Number(key);
	return key !== null && key !== undefined && key !== '' && Number.isInteger(n) ? n : null;
}

/** The dropdown's items, or null when the book is too long for one. */
export function pickItems(
	rows: readonly { id: number; name: string | null }[],
): { text: string; value: number }[] | null {
	if (rows.length > PICK_MAX) return null;
	return rows.map((r) => ({ text: r.name ?? `#${r.id}`, value: Number(r.id) }));
}
