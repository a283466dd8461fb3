/** The people a flow deals with, read from directus_users. */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { roles } from '../access/policies.ts';
import type { Caller, Person } from '../domain/approval.ts';
import { pickLanguage, type Language } from '../domain/language.ts';

interface UserRow {
	id: string;
	first_name: string | null;
	last_name: string | null;
	email: string | null;
	position: string | null;
	reports_to: string | null;
	language: string | null;
}

const COLUMNS = ['id', 'first_name', 'last_name', 'email', 'position', 'reports_to', 'language'];

export type UserName = Pick<UserRow, 'id' | 'first_name' | 'last_name' | 'email'>;

/** Chinese names are family name first, without a space. */
export const nameOf = (u: UserName): string => `${u.last_name ?? ''}${u.first_name ?? ''}`.trim() || u.email || u.id;

const toPerson = (u: UserRow): Person => ({
	id: u.id,
	name: nameOf(u),
	position: u.position,
	reports_to: u.reports_to,
});

export async function loadPerson(knex: Knex, id: string): Promise<Person & { language: string | null }> {
	const row: UserRow | undefined = await knex('directus_users').select(COLUMNS).where({ id }).first();
	if (!row) return { id, name: id, position: null, reports_to: null, language: null };
	return { ...toPerson(row), language: row.language };
}

/** The people of `ids` that exist, by their id in lower case: one query. */
export async function loadPeople(knex: Knex, ids: readonly string[]): Promise<Map<string, Person>> {
	const rows: UserRow[] = ids.length
		? await knex('directus_users')
				.select(COLUMNS)
				.whereIn('id', [...ids])
		: [];
	return new Map(rows.map((row) => [row.id.toLowerCase(), toPerson(row)]));
}

export interface CallerContext {
	caller: Caller;
	language: Language;
}

/** directus_settings.default_language: the last say before zh-CN in domain/language.ts. */
const projectLanguage = async (knex: Knex): Promise<string | null> =>
	(await knex('directus_settings').first('default_language'))?.default_language ?? null;

/** The caller as the flows see them, and the language to answer in (domain/language.ts pickLanguage). */
export async function loadCaller(
	knex: Knex,
	accountability: Accountability | null | undefined,
	acceptLanguage?: string,
): Promise<CallerContext> {
	const admin = accountability?.admin === true;
	if (!accountability?.user) {
		return {
			caller: { id: '', name: 'system', position: null, reports_to: null, admin },
			language: pickLanguage({ accept: acceptLanguage, project: await projectLanguage(knex) }),
		};
	}
	const [{ language: profile, ...person }, project] = await Promise.all([
		loadPerson(knex, accountability.user),
		projectLanguage(knex),
	]);
	const role = roles.find((r) => r.roleId === accountability.role)?.key ?? null;
	return { caller: { ...person, admin, role }, language: pickLanguage({ profile, accept: acceptLanguage, project }) };
}

/** Active users in a position (the General Managers, say). */
export async function usersInPosition(knex: Knex, position: string): Promise<string[]> {
	return (await knex('directus_users').select('id').where({ position, status: 'active' })).map(
		(r: { id: string }) => r.id,
	);
}

/** The language a notice to `id` is written in: there is no request, so their profile, then the project's. */
export async function languageOfUser(knex: Knex, id: string): Promise<Language> {
	const row = await knex('directus_users').first('language').where({ id });
	return pickLanguage({ profile: row?.language, project: await projectLanguage(knex) });
}
