/**
 * The shape check of the items API's writes (REST, batch, GraphQL, imports and Studio forms
 * all go through ItemsService) to the business collections: every value must fit its column
 * as schema/collections.ts declares it, so that a malformed value is a 400 in the caller's
 * language before anything is written, not a database error (a 500) halfway through. It runs
 * for Administrators too; the flows' own writes are built by the server and are not checked.
 */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { collections } from '../schema/collections.ts';
import type { FieldSpec } from '../schema/builder.ts';
import type { Label } from '../domain/choices.ts';
import {
	fitsDecimal,
	isCleanText,
	isInt4,
	isIsoDateTime,
	isPeriodYear,
	isReal,
	isTimeOfDay,
	isUuid,
	TEXT_MAX,
	toId,
} from '../domain/input.ts';
import { refusal } from '../domain/refusals.ts';
import { refusalError } from './errors.ts';
import { loadCaller } from './people.ts';

const l = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });

const ID = l('编号', 'id');
const ID_EXPECTED = l('1 到 2147483647 之间的记录编号', 'a record id from 1 to 2147483647');

/** What a field's value must be, and how to say so. */
interface Rule {
	ok: (value: unknown) => boolean;
	expected: Label;
}

const STRING_MAX = 255;
const noNul = (value: unknown) => !JSON.stringify(value ?? null).includes('\\u0000');

function ruleOf(spec: FieldSpec): Rule | null {
	if (!spec.schema) return null; // an alias: o2m, group, presentation
	const nested = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
	if (spec.relation) {
		// A nested object is created or updated through its own collection's write, checked there.
		return spec.type === 'uuid'
			? { ok: (v) => isUuid(v) || nested(v), expected: l('人员编号（UUID）', 'a user id (UUID)') }
			: { ok: (v) => toId(v) !== null || nested(v), expected: ID_EXPECTED };
	}
	switch (spec.type) {
		case 'integer':
			return {
				ok: isInt4,
				expected: l('-2147483647 到 2147483647 之间的整数', 'a whole number from -2147483647 to 2147483647'),
			};
		case 'decimal': {
			const precision = Number(spec.schema.numeric_precision ?? 14);
			const scale = Number(spec.schema.numeric_scale ?? 2);
			const limit = `10^${precision - scale}`;
			return {
				ok: (v) => fitsDecimal(v, precision, scale),
				expected: l(`绝对值小于 ${limit} 的数`, `a number smaller than ${limit} in size`),
			};
		}
		case 'float':
			return { ok: isReal, expected: l('有限的数', 'a finite number') };
		case 'date':
		case 'timestamp':
			return {
				ok: (v) => v instanceof Date || isIsoDateTime(v),
				expected: l(
					'1900 至 2199 年间的日期（YYYY-MM-DD）或时间（ISO 8601）',
					'a date (YYYY-MM-DD) or moment (ISO 8601) in the years 1900 to 2199',
				),
			};
		case 'time':
			return { ok: isTimeOfDay, expected: l('时间 HH:MM 或 HH:MM:SS', 'a time of day, HH:MM or HH:MM:SS') };
		case 'string':
			return {
				ok: (v) => isCleanText(v, STRING_MAX),
				expected: l(
					`不含空字符、不超过 ${STRING_MAX} 个字的文字`,
					`text of at most ${STRING_MAX} characters without NUL bytes`,
				),
			};
		case 'text':
			return {
				ok: (v) => isCleanText(v, TEXT_MAX),
				expected: l(
					`不含空字符、不超过 ${TEXT_MAX} 个字的文字`,
					`text of at most ${TEXT_MAX} characters without NUL bytes`,
				),
			};
		case 'json':
			return { ok: noNul, expected: l('不含空字符的 JSON', 'JSON without NUL bytes') };
		default:
			return null; // booleans: Directus casts them
	}
}

const label = (spec: FieldSpec): Label => {
	const t = (spec.meta.translations as { language: string; translation: string }[] | undefined) ?? [];
	const of = (language: string) => t.find((x) => x.language === language)?.translation ?? spec.field;
	return l(of('zh-CN'), of('en-US'));
};

/** A month plan may be given by its month alone (flow/guard.ts turns it into the 1st). */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const overrides: Record<string, (rule: Rule) => Rule> = {
	'visit_plans.period_start': (rule) => ({
		ok: (v) => (typeof v === 'string' && MONTH.test(v) && isPeriodYear(Number(v.slice(0, 4)))) || rule.ok(v),
		expected: l(
			'1900 至 2199 年间的日期（YYYY-MM-DD），月计划也可为月份（YYYY-MM）',
			'a date (YYYY-MM-DD) in the years 1900 to 2199, or for a month plan its month (YYYY-MM)',
		),
	}),
};

const rules = new Map(
	collections.map((c) => {
		const fields = c.fields.flatMap((f) => {
			const base = ruleOf(f);
			const override = overrides[`${c.collection}.${f.field}`];
			const rule = base && override ? override(base) : base;
			return rule ? [[f.field, { rule, label: label(f) }] as const] : [];
		});
		return [c.collection, { singleton: c.singleton === true, fields: new Map(fields) }];
	}),
);

/**
 * The first field whose value does not fit its column (null is left to the column's
 * nullability), or on an update a key that is not an id; null when all fit.
 */
export function payloadProblem(
	collection: string,
	payload: unknown,
	keys?: readonly unknown[],
): { field: Label; expected: Label } | null {
	const checked = rules.get(collection);
	if (!checked) return null;
	if (keys && !checked.singleton && keys.some((key) => toId(key) === null)) return { field: ID, expected: ID_EXPECTED };
	if (typeof payload !== 'object' || payload === null) return null;
	for (const [field, value] of Object.entries(payload)) {
		const entry = checked.fields.get(field);
		if (entry && value !== null && value !== undefined && !entry.rule.ok(value))
			return { field: entry.label, expected: entry.rule.expected };
	}
	return null;
}

/** A 400 in the caller's language when the payload does not fit; other collections pass. */
export async function checkPayload(
	db: Knex,
	accountability: Accountability | null,
	collection: string,
	payload: unknown,
	keys?: readonly unknown[],
): Promise<void> {
	const problem = payloadProblem(collection, payload, keys);
	if (!problem) return;
	const { language } = await loadCaller(db, accountability);
	throw refusalError(refusal(400, 'field_invalid', problem), language);
}
