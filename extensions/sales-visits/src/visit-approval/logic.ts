/**
 * What the approval panel shows, kept out of the Vue file so that it is type-checked and
 * reuses the server's own transition table (domain/approval.ts): the buttons offered are
 * the transitions the server would accept, and the server stays the one that decides.
 */
import { approverOf, flows, type Person } from '../domain/approval.ts';
import type { Label } from '../domain/choices.ts';

export type Lang = keyof Label;
export { flows };
/** The flows this panel serves; visits and reports have the field-work panel, follow-ups none. */
export type FlowKey = 'plan' | 'application' | 'expense' | 'revisit' | 'complaint';

/** The Studio language, or its locale: anything Chinese is zh-CN, the rest en-US. */
export const toLang = (language: string | null | undefined): Lang => (String(language ?? '').toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN');

const t = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });

/** Every text of the panel, in both languages. */
export const texts = {
	state: t('当前状态', 'State'),
	waitingOn: t('待办人', 'Waiting on'),
	due: t('截止', 'Due'),
	left: t('剩余 {time}', '{time} left'),
	overdue: t('已逾期 {time}', 'Overdue by {time}'),
	nobody: t('无需处理', 'Nothing to do'),
	generalManager: t('总经理', 'a General Manager'),
	assistant: t('销售助理（报备）', 'a sales assistant (to file)'),
	noApprover: t('未设置上级，请联系管理员', 'No supervisor set: ask an administrator'),
	comment: t('审批意见（驳回时必填）', 'Comment (required to reject)'),
	commentRequired: t('请填写原因', 'Please give a reason'),
	revisitNote: t('回访记录（取消时填写原因）', 'Notes (the reason, to cancel)'),
	resolution: t('处理结果（解决时必填）', 'Resolution (required to resolve)'),
	satisfaction: t('客户满意度', 'Customer satisfaction'),
	saveFirst: t('保存后可提交审批', 'Save the item to start its approval'),
	loading: t('加载中…', 'Loading…'),
	done: t('已完成：{action}', 'Done: {action}'),
	filed: t('已报备', 'Filed'),
	file: t('报备', 'File'),
	failed: t('操作失败', 'The action failed'),
	days: t('{n}天', '{n}d'),
	hours: t('{n}小时', '{n}h'),
	minutes: t('{n}分', '{n}m'),
	seconds: t('{n}秒', '{n}s'),
} satisfies Record<string, Label>;

export const say = (label: Label, lang: Lang, vars: Record<string, string | number> = {}) =>
	label[lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

/** Per flow: where the item lives, which fields the panel reads, and the endpoint paths. */
export const flowConfig: Record<FlowKey, { fields: string[]; path: (id: string | number, action: string) => string }> = {
	plan: {
		fields: ['id', 'status', 'submit_due_at'],
		path: (id, action) => `/visit-flow/plans/${id}/${action}`,
	},
	application: {
		fields: ['id', 'status', 'application_status', 'requires_application', 'scheduled_start', 'application_filed_at'],
		path: (id, action) => `/visit-flow/visits/${id}/application${action === 'apply' ? '' : `/${action}`}`,
	},
	expense: {
		fields: ['id', 'status', 'over_budget'],
		path: (id, action) => `/visit-flow/expenses/${id}/${action}`,
	},
	revisit: {
		fields: ['id', 'status', 'due_date'],
		path: (id, action) => `/visit-flow/revisits/${id}/${action}`,
	},
	complaint: {
		fields: ['id', 'status', 'response_due_at', 'resolution'],
		path: (id, action) => `/visit-flow/complaints/${id}/${action}`,
	},
};

const personFields = ['id', 'first_name', 'last_name', 'position', 'reports_to'];
/** The query fields for GET /items/:collection/:id. */
export const itemFields = (flow: FlowKey) => [...flowConfig[flow].fields, ...personFields.map((f) => `${flows[flow].ownerField}.${f}`)];

export interface UserRow {
	id: string;
	first_name?: string | null;
	last_name?: string | null;
	position?: string | null;
	reports_to?: string | null;
}

/** Chinese names read family name first. */
export const nameOf = (u: UserRow | null | undefined, lang: Lang) =>
	!u ? '' : (lang === 'zh-CN' ? `${u.last_name ?? ''}${u.first_name ?? ''}` : `${u.first_name ?? ''} ${u.last_name ?? ''}`).trim() || u.id;

export const toPerson = (u: UserRow): Person => ({ id: u.id, name: nameOf(u, 'zh-CN'), position: u.position ?? null, reports_to: u.reports_to ?? null });

export interface Me {
	id: string;
	position: string | null;
	admin: boolean;
}

export interface ButtonSpec {
	action: string;
	label: Label;
	kind: 'primary' | 'danger' | 'secondary';
	commentRequired: boolean;
	/** What the action sends beside a comment: a revisit's satisfaction and notes, a complaint's resolution. */
	sends?: 'satisfaction' | 'resolution';
}

/** The request body of an action, from what the panel collected. */
export function actionBody(button: ButtonSpec, text: string, satisfaction: number | null): Record<string, unknown> {
	if (button.sends === 'satisfaction') return { satisfaction, ...(text ? { notes: text } : {}) };
	if (button.sends === 'resolution') return text ? { resolution: text } : {};
	return text ? { comment: text } : {};
}

export interface Panel {
	status: string;
	statusLabel: Label;
	/** Who must act next: the owner, the approver (resolved by the caller), an assistant, or nobody. */
	waitingOn: 'owner' | 'approver' | 'assistant' | null;
	/** ISO deadline for the owner, while one applies. */
	deadline: string | null;
	buttons: ButtonSpec[];
}

const capital = (l: Label): Label => ({ 'zh-CN': l['zh-CN'], 'en-US': l['en-US'].charAt(0).toUpperCase() + l['en-US'].slice(1) });

/** Works out the panel for `item` as `me` sees it; `leadHours` is visit_settings.application_lead_hours. */
export function panelFor(flow: FlowKey, item: Record<string, any>, me: Me, leadHours: number): Panel {
	const def = flows[flow];
	const status = String(item[def.statusField] ?? '');
	const ownerRow = item[def.ownerField] as UserRow | null;
	const owner = ownerRow && typeof ownerRow === 'object' ? toPerson(ownerRow) : null;
	const isOwner = owner !== null && owner.id === me.id;
	const needsGm = flow === 'expense' && item.over_budget === true;
	const approver = owner ? approverOf(owner, needsGm) : null;
	const isApprover =
		owner !== null && !isOwner && (me.admin || (approver?.kind === 'general_manager' ? me.position === 'general_manager' : approver?.id === me.id));
	// 客户服务专员 look after every customer's revisits and complaints.
	const isCarer = isOwner || me.admin || me.position === 'service';
	// An application only exists for a scheduled visit that needs one.
	const canApply = flow !== 'application' || (item.requires_application === true && item.status === 'scheduled');

	const buttons: ButtonSpec[] = Object.entries(def.actions)
		.filter(([action, tr]) => {
			if (!tr.from.includes(status)) return false;
			if (tr.by === 'owner') return (isOwner || me.admin) && (action !== 'apply' || canApply);
			if (tr.by === 'carer') return isCarer;
			// System transitions (sweeps) are never offered as buttons.
			return tr.by === 'approver' && isApprover;
		})
		.map(([action, tr]) => ({
			action,
			label: capital(tr.label),
			kind: action === 'reject' ? 'danger' : action === 'cancel' ? 'secondary' : tr.by === 'approver' || tr.by === 'carer' || action === 'submit' || action === 'apply' ? 'primary' : 'secondary',
			commentRequired: tr.commentRequired === true,
			...(flow === 'revisit' && action === 'done' ? { sends: 'satisfaction' as const } : flow === 'complaint' && action === 'resolve' ? { sends: 'resolution' as const } : {}),
		}));
	const unfiled = flow === 'application' && status === 'approved' && !item.application_filed_at;
	if (unfiled && (me.admin || me.position === 'assistant')) buttons.push({ action: 'file', label: texts.file, kind: 'primary', commentRequired: false });

	let waitingOn: Panel['waitingOn'] = null;
	let deadline: string | null = null;
	const approverStep = Object.values(def.actions).some((tr) => tr.by === 'approver' && tr.from.includes(status));
	if (approverStep) waitingOn = 'approver';
	else if (flow === 'plan' && (status === 'draft' || status === 'rejected')) {
		waitingOn = 'owner';
		if (status === 'draft') deadline = item.submit_due_at ?? null;
	} else if (flow === 'application' && canApply && (status === 'not_required' || status === 'rejected')) {
		waitingOn = 'owner';
		const start = Date.parse(item.scheduled_start);
		if (Number.isFinite(start)) deadline = new Date(start - leadHours * 3_600_000).toISOString();
	} else if (unfiled) waitingOn = 'assistant';
	else if (Object.values(def.actions).some((tr) => tr.by === 'carer' && tr.from.includes(status))) {
		waitingOn = 'owner';
		// A revisit is due by the end of its day; a complaint's response has its own deadline.
		if (flow === 'revisit' && status === 'scheduled' && item.due_date) deadline = new Date(`${String(item.due_date).slice(0, 10)}T23:59:59`).toISOString();
		if (flow === 'complaint' && status === 'open') deadline = item.response_due_at ?? null;
	}

	const statusLabel = def.statuses[status] ?? t(status, status);
	return { status, statusLabel, waitingOn, deadline, buttons };
}

/** "2天 3小时 4分 5秒" / "2d 3h 4m 5s", dropping leading zero units. */
export function countdown(deadline: string, now: number, lang: Lang): string {
	const ms = Date.parse(deadline) - now;
	let s = Math.floor(Math.abs(ms) / 1000);
	const parts: [Label, number][] = [
		[texts.days, Math.floor(s / 86_400)],
		[texts.hours, Math.floor((s %= 86_400) / 3_600)],
		[texts.minutes, Math.floor((s %= 3_600) / 60)],
		[texts.seconds, s % 60],
	];
	const first = parts.findIndex(([, n]) => n > 0);
	const time = parts
		.slice(first === -1 ? 3 : first)
		.map(([l, n]) => say(l, lang, { n }))
		.join(' ');
	return say(ms >= 0 ? texts.left : texts.overdue, lang, { time });
}

/** The server's message in the user's language, from a Directus error response. */
export function errorMessage(error: any, lang: Lang): string {
	const first = error?.response?.data?.errors?.[0];
	return first?.extensions?.messages?.[lang] ?? first?.message ?? error?.message ?? say(texts.failed, lang);
}
