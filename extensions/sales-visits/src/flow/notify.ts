/** Sends the notices of a transition as Directus in-app notifications, each exactly once. */
import type { Person } from '../domain/approval.ts';
import { contractReviewer } from '../domain/contracts.ts';
import { definitionOf, type AnyFlowKey } from '../domain/flow-table.ts';
import type { Language } from '../domain/language.ts';
import { awaitingRecipients, awaitingText, decidedText, escalatedText, type NoticeText } from '../domain/notices.ts';
import { loadSettings } from './settings.ts';
import { languageOfUser, usersInPosition } from './people.ts';
import type { FlowContext } from './context.ts';

export interface Notice {
	flow: AnyFlowKey;
	action: string;
	id: number;
	owner: Person;
	caller: Person;
	to: string;
	comment: string | null;
	/** Its approver is any General Manager, not the owner's supervisor (an expense over budget, a quote under the floor). */
	needsGeneralManager: boolean;
	/** A month plan's customers left short of their quota, for its approver. */
	shortfalls?: number;
	/** A target's setter (the manager who breaks it down and submits it), told of its decision beside its person. */
	setter?: Person | null;
	/** 需上门拜访: the visit a revisit asked for, for its customer's owner. */
	escalation?: { visit: number; owner: string; customer: string; start: string };
}

/** Called once per committed transition: a transition happens once, so does its notice. */
export async function notifyTransition(ctx: FlowContext, notice: Notice): Promise<void> {
	const { flow, id, owner, caller, to } = notice;
	// A contract in review awaits whoever holds that step's position (法务, 财务, 总经理).
	const reviewer = flow === 'contract' ? contractReviewer(to) : null;
	if (notice.escalation) {
		const { escalation } = notice;
		const timezone = (await loadSettings(ctx.database)).timezone;
		await send(
			ctx,
			'visit',
			escalation.visit,
			escalation.owner === caller.id ? [] : [escalation.owner],
			caller.id || null,
			(language) => escalatedText(id, escalation, caller, notice.comment, timezone, language),
		);
	} else if (reviewer) {
		const users = (await usersInPosition(ctx.database, reviewer)).filter((u) => u !== owner.id);
		await send(ctx, flow, id, users, owner.id, (language) => awaitingText(flow, id, owner, language));
	} else if (flow === 'target' && (notice.action === 'approve' || notice.action === 'reject')) {
		const told = [owner.id, notice.setter?.id ?? ''].filter((u) => u !== '' && u !== caller.id);
		await send(ctx, flow, id, [...new Set(told)], caller.id || null, (language) =>
			decidedText(flow, id, to, caller, notice.comment, language, notice.action === 'reject'),
		);
	} else if (to === 'submitted' || to === 'pending' || (flow === 'appraisal' && to === 'confirmed'))
		await notifyAwaiting(ctx, flow, id, owner, notice.needsGeneralManager, notice.shortfalls ?? 0);
	else if (
		(to === 'approved' ||
			to === 'rejected' ||
			to === 'returned' ||
			(flow === 'commission_statement' && to === 'paid')) &&
		owner.id !== caller.id
	) {
		await send(ctx, flow, id, [owner.id], caller.id || null, (language) =>
			decidedText(flow, id, to, caller, notice.comment, language),
		);
	}
}

/** Tells the approver(s) that `owner`'s item awaits them. */
export async function notifyAwaiting(
	ctx: FlowContext,
	flow: AnyFlowKey,
	id: number,
	owner: Person,
	needsGeneralManager: boolean,
	shortfalls = 0,
): Promise<void> {
	const recipients = awaitingRecipients(owner, needsGeneralManager);
	const users = 'users' in recipients ? recipients.users : await usersInPosition(ctx.database, recipients.position);
	await send(
		ctx,
		flow,
		id,
		users.filter((u) => u !== owner.id),
		owner.id,
		(language) => awaitingText(flow, id, owner, language, shortfalls),
	);
}

async function send(
	ctx: FlowContext,
	flow: AnyFlowKey,
	id: number,
	recipients: string[],
	sender: string | null,
	text: (language: Language) => NoticeText,
) {
	if (recipients.length === 0) return;
	try {
		const notifications = new ctx.services.NotificationsService({ schema: await ctx.getSchema(), knex: ctx.database });
		for (const recipient of recipients) {
			const { subject, message } = text(await languageOfUser(ctx.database, recipient));
			await notifications.createOne({
				recipient,
				sender,
				subject,
				message,
				collection: definitionOf(flow).collection,
				item: String(id),
			});
		}
	} catch (error) {
		// The transition is committed; a lost notice must not turn it into an error.
		ctx.logger.warn(error, 'visit-flow: could not send a notification');
	}
}
