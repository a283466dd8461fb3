/** The people a flow deals with, read from directus_users. */
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import type { Caller, Person } from '../domain/approval.ts';
import { languageOf, type Language } from '../domain/refusals.ts';

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

const toPerson = (u: UserRow): Person => ({ id: u.id, name: nameOf(u), position: u.position, reports_to: u.reports_to });

export async function loadPerson(knex: Knex, id: string): Promise<Person & { language: string | null }> {
	const row: UserRow | undefined = await knex('directus_users').select(COLUMNS).where({ id }).first();
	if (!row) return { id, name: id, position: null, reports_to: null, language: null };
	return { ...toPerson(row), language: row.language };
}

export interface CallerContext {
	caller: Caller;
	language: Language;
}

/**
 * The caller as the flows see them, and the language to answer in: their profile's, else
 * what the request asks for (Accept-Language), else the project's (zh-CN).
 */
export async function loadCaller(knex: Knex, accountability: Accountability | null | undefined, acceptLanguage?: string): Promise<CallerContext> {
	const admin = accountability?.admin === true;
	if (!accountability?.user) {
		return { caller: { id: '', name: 'system', position: null, reports_to: null, admin }, language: languageOf(acceptLanguage ?? 'zh-CN') };
	}
	const person = await loadPerson(knex, accountability.user);
	const { language, ...rest } = person;
	const project: string | undefined = (await knex('directus_settings').first('default_language'))?.default_language;
	return { caller: { ...rest, admin }, language: languageOf(language ?? acceptLanguage ?? project ?? 'zh-CN') };
}

/** Active users in a position (the General Managers, say). */
export async function usersInPosition(knex: Knex, position: string): Promise<string[]> {
	return (await knex('directus_users').select('id').where({ position, status: 'active' })).map((r: { id: string }) => r.id);
}

export async function languageOfUser(knex: Knex, id: string): Promise<Language> {
	const row = await knex('directus_users').first('language').where({ id });
	return languageOf(row?.language ?? (await knex('directus_settings').first('default_language'))?.default_language ?? 'zh-CN');
}
