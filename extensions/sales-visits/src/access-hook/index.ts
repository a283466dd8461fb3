/**
 * Account and query hardening around Directus's own checks: failed sign-ins limited per client,
 * a user who is no longer active locked out at once, and no read query testing a field its
 * caller may not read.
 */
import { defineHook } from '@directus/extensions-sdk';
import { Redis } from 'ioredis';
import { HitRateLimitError, InvalidCredentialsError } from '@directus/errors';
import type { Accountability, FilterHandler, Query } from '@directus/types';
import type { Application, NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { userDirectoryFields } from '../access/fields.ts';
import { LoginLimiter, loginLimits } from '../domain/login-limit.ts';
import { firstHiddenPath, testedPaths, type RelationLike } from '../domain/query-fields.ts';
import { refusal, type RefusalCode } from '../domain/refusals.ts';
import { refusalError } from '../flow/errors.ts';
import { RedisCounter } from '../flow/redis-counter.ts';
import { HOME_PATH } from '../setup/module-bar.ts';
import { loadCaller } from '../flow/people.ts';

/** System services whose query event can reach directus_users (`<collection without directus_>.query`). */
const SYSTEM_QUERIES = [
	'users',
	'roles',
	'policies',
	'access',
	'activity',
	'comments',
	'dashboards',
	'panels',
	'files',
	'folders',
	'notifications',
	'presets',
	'revisions',
	'sessions',
	'shares',
	'versions',
	'flows',
	'operations',
	'deployments',
	'deployment_projects',
	'deployment_runs',
].map((scope) => `${scope}.query`);

/**
 * What a non-admin may read on every row, per collection; null: every row they may read shows
 * every field (all business collections). On directus_users Directus lets each user read more of
 * their own row than of others', which is what a filter must not probe.
 */
const DIRECTORY = new Set(userDirectoryFields);
const readableEverywhere = (collection: string) => (collection === 'directus_users' ? DIRECTORY : null);

/** The setting as Directus reads it: a regular expression, optionally written `/…/`. */
const passwordPolicy = (setting: string) =>
	new RegExp(setting.startsWith('/') && setting.endsWith('/') ? setting.slice(1, -1) : setting);

export default defineHook(({ filter, action, init }, { database, env, logger }) => {
	const refuse = async (
		db: Knex,
		accountability: Accountability,
		status: 400 | 403,
		code: RefusalCode,
		params: Record<string, string> = {},
	) => {
		const { language } = await loadCaller(db, accountability);
		return refusalError(refusal(status, code, params), language);
	};

	// Filter, sort, groupBy, aggregate and deep clauses of every read (REST, GraphQL, export, aggregate, batch by query).
	const guardQuery: FilterHandler<Query | null> = async (query, { collection }, context) => {
		const accountability = context.accountability ?? null;
		if (!accountability || accountability.admin || !query) return query;
		const relations: RelationLike[] = context.schema?.relations ?? [];
		const hidden = firstHiddenPath(testedPaths(query), String(collection), relations, readableEverywhere);
		if (hidden)
			throw await refuse(context.database ?? database, accountability, 403, 'hidden_field_query', { field: hidden });
		return query;
	};
	for (const event of ['items.query', ...SYSTEM_QUERIES]) filter(event, guardQuery);

	// Directus checks auth_password_policy too, but lets an empty or null password through (null
	// removes it) and answers in English only. Only an Administrator may remove a password (SSO-only users).
	const checkPassword: FilterHandler<{ password?: unknown } | null> = async (payload, _meta, context) => {
		const password = payload?.password;
		const accountability = context.accountability ?? null;
		if (password === undefined || !accountability || (password === null && accountability.admin)) return payload;
		const db = context.database ?? database;
		const policy = (await db('directus_settings').first('auth_password_policy'))?.auth_password_policy;
		if (typeof password !== 'string' || password === '' || (policy && !passwordPolicy(policy).test(password)))
			throw await refuse(db, accountability, 400, 'password_weak');
		return payload;
	};
	filter('users.create', checkPassword);
	filter('users.update', checkPassword);

	// Failed sign-ins: counted on every login path (REST, GraphQL), refused with 429 before the password is checked.
	const limits = loginLimits(env);
	// With Redis (several instances, as in compose) every instance counts in one place; without, in this process.
	// Connected at the first sign-in only, so CLI commands do not hold a connection open.
	const redis = env.REDIS ? new Redis(String(env.REDIS), { lazyConnect: true }) : null;
	const counters = (purpose: string) =>
		redis
			? (limit: number, name: string) =>
					new RedisCounter(redis, `sales-visits:${String(env.KEY ?? '')}:${purpose}:${name}:`, limit, limits.windowMs)
			: undefined;
	const logins = new LoginLimiter(limits, counters('login'));
	/** The login's name: an e-mail for Directus's own provider, an identifier for LDAP. */
	const loginName = (payload: { email?: unknown; identifier?: unknown } | null | undefined) =>
		String(payload?.email ?? payload?.identifier ?? '');
	const tooMany = (wait: number, limit: number) => new HitRateLimitError({ limit, reset: new Date(Date.now() + wait) });
	action('auth.login', ({ payload, status }, { accountability }) => {
		const address = accountability?.ip;
		if (!address) return;
		const counted =
			status === 'fail'
				? logins.failed(address, loginName(payload))
				: status === 'success'
					? logins.succeeded(address, loginName(payload))
					: null;
		return counted?.catch((error) => logger.error(error, 'access: could not count a sign-in'));
	});
	filter<{ email?: unknown; identifier?: unknown }>('auth.login', async (payload, _meta, { accountability }) => {
		const wait = accountability?.ip ? await logins.blockedFor(accountability.ip, loginName(payload)) : 0;
		if (wait > 0) throw tooMany(wait, logins.limits.perAccount);
		return payload;
	});
	// Every sign-in lands on the home (首页): after login the Studio opens the user's `last_page`.
	filter('auth.login', async (payload, meta) => {
		if (typeof meta.user === 'string')
			await database('directus_users').where({ id: meta.user }).update({ last_page: HOME_PATH });
		return payload;
	});

	// Reset mails: each request counts, whatever Directus answers (it answers the same for unknown addresses).
	const resets = new LoginLimiter({ ...limits, perAccount: 5, perAddress: 20 }, counters('reset'));

	init('middlewares.after', (meta) => {
		// Directus types every init event's meta as Record<string, any>; this one carries the Express app.
		const app: Application = meta.app;
		// The REST login is refused before Directus looks the e-mail up, so a blocked client cannot tell known addresses from unknown ones.
		app.post('/auth/login', async (req: Request, res: Response, next: NextFunction) => {
			const address = req.accountability?.ip;
			try {
				const wait = address ? await logins.blockedFor(address, loginName(req.body)) : 0;
				if (wait <= 0) return next();
				res.set('Retry-After', String(Math.ceil(wait / 1000)));
				next(tooMany(wait, logins.limits.perAccount));
			} catch (error) {
				next(error);
			}
		});
		app.post('/auth/password/request', async (req: Request, res: Response, next: NextFunction) => {
			const address = req.accountability?.ip;
			if (!address) return next();
			const email = String(req.body?.email ?? '');
			try {
				const wait = await resets.blockedFor(address, email);
				if (wait > 0) {
					res.set('Retry-After', String(Math.ceil(wait / 1000)));
					return next(tooMany(wait, resets.limits.perAccount));
				}
				await resets.failed(address, email);
				next();
			} catch (error) {
				next(error);
			}
		});

		// A token outlives a suspension: every request of a signed-in user checks that they are still active.
		app.use(async (req: Request, _res: Response, next: NextFunction) => {
			const user = req.accountability?.user;
			if (!user) return next();
			try {
				const row = await database('directus_users').first('status').where({ id: user });
				next(row?.status === 'active' ? undefined : new InvalidCredentialsError());
			} catch (error) {
				logger.error(error, 'access: could not check the user’s status');
				next(error);
			}
		});
	});
});
