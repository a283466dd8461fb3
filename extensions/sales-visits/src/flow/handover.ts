/**
 * POST /visit-flow/customers/handover { from, to, customers? } (离职交接): the customers (all of
 * `from`'s or the list) and their open work move to `to` in one transaction, with set-based SQL
 * (the counters' triggers follow the owner changes), one approval_log row per customer, then
 * the data cache is cleared (the former owner loses access at once) and both are told.
 */
import type { Accountability } from '@directus/types';
import { handoverProblem, notOwned, openWork, readCustomerList, type HandoverPerson } from '../domain/handover.ts';
import type { Language } from '../domain/language.ts';
import { refusal } from '../domain/refusals.ts';
import { clearDataCache } from './cache.ts';
import type { FlowContext } from './context.ts';
import { Refused, refusalError } from './errors.ts';
import { languageOfUser, loadCaller, nameOf } from './people.ts';
import { vendorValues } from './values.ts';
import { inFlowTransaction } from './writer.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function handOver(
	ctx: FlowContext,
	accountability: Accountability | null,
	body: Record<string, unknown>,
	acceptLanguage?: string,
): Promise<{ customers: number[]; moved: Record<string, number> }> {
	const { caller, language } = await loadCaller(ctx.database, accountability, acceptLanguage);
	const fail = (r: Parameters<typeof refusalError>[0]): never => {
		throw refusalError(r, language);
	};
	if (!accountability?.user && !accountability?.admin) fail(refusal(403, 'handover_not_manager'));
	const list = readCustomerList(body.customers);
	const ids = [body.from, body.to];
	if (list === null || !ids.every((id) => typeof id === 'string' && UUID.test(id)))
		fail(refusal(400, 'handover_people'));
	const [fromId, toId] = ids as [string, string];

	const result = await inFlowTransaction(ctx.database, async (trx) => {
		const people: (HandoverPerson & { first_name: string | null; last_name: string | null; email: string | null })[] =
			await trx('directus_users')
				.whereIn('id', [fromId, toId])
				.select('id', 'status', 'reports_to', 'first_name', 'last_name', 'email');
		const from = people.find((p) => p.id === fromId) ?? null;
		const to = people.find((p) => p.id === toId) ?? null;
		const problem = handoverProblem(caller, from, to);
		if (problem) throw new Refused(problem);

		const owned = new Set<number>(
			(await trx('customers').where({ owner: fromId }).select('id')).map((c: { id: number }) => Number(c.id)),
		);
		const customers = list === 'all' ? [...owned] : list!;
		const missing = notOwned(customers, owned);
		if (missing.length > 0) throw new Refused(refusal(409, 'handover_not_owner', { customers: missing.join(', ') }));
		if (customers.length === 0) return { customers, moved: {}, from: from!, to: to! };

		const moved: Record<string, number> = {};
		moved.customers = await trx('customers').whereIn('id', customers).where({ owner: fromId }).update({ owner: toId });
		for (const [table, rule] of Object.entries(openWork)) {
			const q = trx(table).whereIn('customer', customers).where({ owner: fromId });
			if ('open' in rule) q.whereIn(rule.column, rule.open);
			else q.whereNotIn(rule.column, rule.closed);
			moved[table] = await q.update({ owner: toId });
		}
		const at = vendorValues(trx).instant(new Date());
		await trx('approval_log').insert(
			customers.map((id) => ({
				collection: 'customers',
				item: String(id),
				from_status: fromId,
				to_status: toId,
				actor: caller.id || null,
				at,
				comment: typeof body.comment === 'string' && body.comment.trim() ? body.comment.trim() : 'handover',
			})),
		);
		return { customers, moved, from: from!, to: to! };
	}).catch((error: unknown) => {
		throw error instanceof Refused ? refusalError(error.refusal, language) : error;
	});

	await clearDataCache(ctx);
	if (result.customers.length > 0) await notify(ctx, result, caller.id || null);
	return { customers: result.customers, moved: result.moved };
}

const texts = (n: number, fromName: string, toName: string, gave: boolean, language: Language) =>
	language === 'zh-CN'
		? {
				subject: gave ? `客户交接：${n} 个客户已移交给${toName}` : `客户交接：你接手了${fromName}的 ${n} 个客户`,
				message: gave
					? `你负责的 ${n} 个客户及其未完成的拜访、跟进、回访、商机和报价已移交给${toName}。`
					: `${fromName}的 ${n} 个客户及其未完成的拜访、跟进、回访、商机和报价已移交给你。`,
			}
		: {
				subject: gave
					? `Handover: ${n} customers moved to ${toName}`
					: `Handover: you took over ${n} customers of ${fromName}`,
				message: gave
					? `${n} of your customers and their open visits, follow-ups, revisits, opportunities and quotes moved to ${toName}.`
					: `${n} customers of ${fromName} and their open visits, follow-ups, revisits, opportunities and quotes are now yours.`,
			};

async function notify(
	ctx: FlowContext,
	result: { customers: number[]; from: Parameters<typeof nameOf>[0]; to: Parameters<typeof nameOf>[0] },
	sender: string | null,
) {
	try {
		const notifications = new ctx.services.NotificationsService({ schema: await ctx.getSchema(), knex: ctx.database });
		for (const [recipient, gave] of [
			[result.from.id, true],
			[result.to.id, false],
		] as const) {
			const language = await languageOfUser(ctx.database, recipient);
			const text = texts(result.customers.length, nameOf(result.from), nameOf(result.to), gave, language);
			await notifications.createOne({ recipient, sender, ...text, collection: 'customers' });
		}
	} catch (error) {
		// The handover is committed; a lost notice must not turn it into an error.
		ctx.logger.warn(error, 'visit-flow: could not send a handover notification');
	}
}
