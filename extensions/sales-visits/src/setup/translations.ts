/**
 * Choice labels, notes and validation messages live in directus_translations so that
 * the Studio shows them in each user's language: the schema refers to them as `$t:sv_…`;
 * Chinese date formats (date-formats.ts) override the app's own.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { choiceKey } from '../schema/builder.ts';
import { schemaTexts } from '../schema/snapshot.ts';
import * as choiceSets from '../domain/choices.ts';
import type { Label } from '../domain/choices.ts';
import { dateFormatTranslations } from './date-formats.ts';

export interface TranslationRow {
	key: string;
	language: string;
	value: string;
}

export function choiceTranslations(): TranslationRow[] {
	return Object.entries(choiceSets).flatMap(([set, choices]) =>
		typeof choices === 'function'
			? []
			: Object.entries(choices as Record<string, Label>).flatMap(([value, label]) =>
					Object.entries(label).map(([language, text]) => ({ key: choiceKey(set, value), language, value: text })),
				),
	);
}

export function schemaTranslations(): TranslationRow[] {
	return schemaTexts().flatMap(({ key, text: [zh, en] }) => [
		{ key, language: 'zh-CN', value: zh },
		{ key, language: 'en-US', value: en },
	]);
}

/** Inserts missing labels and corrects changed ones; other translations are left alone. Returns how many changed. */
export async function applyTranslations(knex: Knex): Promise<number> {
	const wanted = [...choiceTranslations(), ...schemaTranslations(), ...dateFormatTranslations()];
	return knex.transaction(async (trx) => {
		const existing: (TranslationRow & { id: string })[] = await trx('directus_translations')
			.select('id', 'key', 'language', 'value')
			.whereIn('key', [...new Set(wanted.map((t) => t.key))]);
		const byKey = new Map(existing.map((t) => [`${t.key}|${t.language}`, t]));
		const missing = [];
		let changed = 0;
		for (const t of wanted) {
			const found = byKey.get(`${t.key}|${t.language}`);
			if (!found) missing.push({ id: randomUUID(), ...t });
			else if (found.value !== t.value)
				changed += await trx('directus_translations').where({ id: found.id }).update({ value: t.value });
		}
		for (let i = 0; i < missing.length; i += 100) await trx('directus_translations').insert(missing.slice(i, i + 100));
		return missing.length + changed;
	});
}
