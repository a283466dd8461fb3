/**
 * The guard's relation rule (domain/ownership.ts) on every write path of the items API: REST,
 * batch, GraphQL, imports, nested writes and Studio forms all pass the `items.create` and
 * `items.update` filters, where each relation in the payload must point at a row the caller
 * may use. Filters run before Directus' own checks, so nothing has been written yet.
 */
import type { Accountability } from '@directus/types';
import { roles } from '../access/policies.ts';
import {
	isKey,
	relatedKey,
	relationsOf,
	scopeOf,
	withinScope,
	type Relation,
	type Scope,
} from '../domain/ownership.ts';
import type { Label } from '../domain/choices.ts';
import { refusal, type FlowRefusal } from '../domain/refusals.ts';
import { refusalError } from './errors.ts';
import { fieldLabel, type GuardContext } from './guard.ts';
import { loadCaller } from './people.ts';
import { readableKeys } from './readable.ts';
import { isFlowWrite } from './writer.ts';

const scopeLabels: Record<Scope, Label> = {
	own: { 'zh-CN': '你本人', 'en-US': 'yourself' },
	team: { 'zh-CN': '你本人或你的直属下属', 'en-US': 'yourself or someone who reports to you' },
	all: { 'zh-CN': '任何人', 'en-US': 'anyone' },
};

/** Refuses a create or update whose relations point at rows the caller may not use. Administrators and the flows pass. */
export async function guardRelations(ctx: GuardContext, collection: string, payload: unknown): Promise<void> {
	const { accountability } = ctx;
	if (
		!accountability ||
		accountability.admin ||
		isFlowWrite(accountability) ||
		typeof payload !== 'object' ||
		payload === null
	)
		return;
	const values = payload as Record<string, unknown>;
	for (const relation of relationsOf(collection)) {
		const key = relation.field in values ? relatedKey(values[relation.field]) : null;
		if (key === null) continue;
		const problem = await unusable(ctx, accountability, relation, key);
		if (problem) {
			const { language } = await loadCaller(ctx.database, accountability);
			throw refusalError(problem, language);
		}
	}
}

async function unusable(
	ctx: GuardContext,
	accountability: Accountability,
	relation: Relation,
	key: string | number,
): Promise<FlowRefusal | null> {
	const field = fieldLabel(relation.collection, relation.field);
	// A person named without the row becoming theirs (a reception's escort): any user there is.
	if (relation.kind === 'row' && relation.related === 'directus_users') {
		const exists = isKey('user', key) && (await ctx.database('directus_users').where({ id: key }).first('id'));
		return exists ? null : refusal(403, 'relation_hidden', { field });
	}
	if (relation.kind === 'row') {
		const usable =
			isKey('row', key) &&
			(await readableKeys(ctx, accountability, ctx.database, relation.related, [key])).has(String(key));
		return usable ? null : refusal(403, 'relation_hidden', { field });
	}
	const scope = scopeOf(roles.find((r) => r.roleId === accountability.role)?.key ?? null);
	const person = isKey('user', key)
		? await ctx.database('directus_users').where({ id: key }).first('id', 'reports_to')
		: undefined;
	if (!person) return refusal(403, 'relation_hidden', { field });
	return accountability.user && withinScope(scope, accountability.user, person)
		? null
		: refusal(403, 'relation_person', { field, scope: scopeLabels[scope] });
}
