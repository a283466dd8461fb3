/**
 * Whether rows tell one possible story: every state machine of domain/approval.ts and
 * domain/sales-flows.ts walked over the rows, each row's state reachable from where its flow starts
 * (the status column's default in the snapshot) by the transitions of its table, its approval log a
 * path of that table ending where the row is, and its stamps and related rows agreeing with its
 * state. Pure: the unit test runs it on the seeds at many anchors, the integration test on what the
 * demo loader actually wrote. Returns the problems found, as readable lines.
 */
import snapshot from '../schema/snapshot.json' with { type: 'json' };
import { flows, type FlowDefinition } from '../extensions/sales-visits/src/domain/approval.ts';
import { salesFlows } from '../extensions/sales-visits/src/domain/sales-flows.ts';

export type Row = Record<string, any>;
export type Rows = Record<string, Row[]>;

/** Every state machine, by name: the visit's four share its row. */
export const machines: Record<string, FlowDefinition<string>> = { ...flows, ...salesFlows };

/** Where a flow starts: the default its status column has in the schema. */
export function initialState(definition: FlowDefinition<string>): string {
	const field = (snapshot.fields as any[]).find(
		(f) => f.collection === definition.collection && f.field === definition.statusField,
	);
	return String(field?.schema?.default_value);
}

/**
 * Where an item of the flow may start: the column's default, and a state no transition enters (set
 * by another flow: a visit's report is due once the visit is checked out).
 */
export function starts(definition: FlowDefinition<string>): string[] {
	const entered = new Set(Object.values(definition.actions).map((t) => t.to));
	return [initialState(definition), ...Object.keys(definition.statuses).filter((s) => !entered.has(s))];
}

/** Where an item may be without a log of how it got there: a start, where the table's first action sets out (a target split into drafts), or untouched(). */
function unlogged(definition: FlowDefinition<string>): Set<string> {
	return new Set([
		...starts(definition),
		...(Object.values(definition.actions)[0]?.from ?? []),
		...untouched(definition),
	]);
}

/** The states no transition of the table touches: set by hand, outside the flow (an order cancelled). */
export function untouched(definition: FlowDefinition<string>): string[] {
	const touched = new Set(Object.values(definition.actions).flatMap((t) => [...t.from, t.to]));
	return Object.keys(definition.statuses).filter((s) => !touched.has(s));
}

/** The states a flow reaches from its starts through its transition table (or by hand, untouched()). */
export function reachable(definition: FlowDefinition<string>): Set<string> {
	const seen = new Set(starts(definition));
	const queue = [...seen];
	while (queue.length) {
		const from = queue.shift()!;
		for (const t of Object.values(definition.actions))
			if (t.from.includes(from) && !seen.has(t.to)) queue.push(seen.add(t.to) && t.to);
	}
	for (const s of untouched(definition)) seen.add(s);
	return seen;
}

/**
 * The states at `state` or past it: reachable from it without going back to the flow's start (a plan
 * revised to a draft is not past submission any more).
 */
export function after(
	definition: FlowDefinition<string>,
	state: string,
	stops: readonly string[] = [initialState(definition)],
): Set<string> {
	const seen = new Set([state]);
	const queue = [state];
	while (queue.length) {
		const from = queue.shift()!;
		for (const t of Object.values(definition.actions))
			if (t.from.includes(from) && !stops.includes(t.to) && !seen.has(t.to)) queue.push(seen.add(t.to) && t.to);
	}
	return seen;
}

/** Where a decision leads: the states the decider (the first actor other than the owner and the system) moves an item to. */
function decisions(definition: FlowDefinition<string>): string[] {
	const actions = Object.values(definition.actions);
	const decider = actions.find((t) => t.by !== 'owner' && t.by !== 'system' && !t.from.includes(t.to))?.by;
	return actions.filter((t) => t.by === decider && !t.from.includes(t.to)).map((t) => t.to);
}

const isTransition = (definition: FlowDefinition<string>, from: string, to: string) =>
	Object.values(definition.actions).some((t) => t.from.includes(from) && t.to === to);

const cents = (n: unknown) => Math.round(Number(n ?? 0) * 100);
const sum = (rows: Row[], f: string) => rows.reduce((n, r) => n + cents(r[f]), 0);
const groupBy = (rows: Row[], f: string) => {
	const map = new Map<unknown, Row[]>();
	for (const r of rows) map.set(r[f], [...(map.get(r[f]) ?? []), r]);
	return map;
};
const id = (r: unknown) => (r && typeof r === 'object' ? (r as Row).id : r);

export function demoProblems(rows: Rows, now: string): string[] {
	const problems: string[] = [];
	const check = (ok: unknown, what: string) => {
		if (!ok) problems.push(what);
	};
	const all = (c: string) => rows[c] ?? [];
	const byId = (c: string) => new Map(all(c).map((r) => [r.id, r]));
	const log = groupBy(
		all('approval_log').map((l) => ({ ...l, key: `${l.collection}#${l.item}` })),
		'key',
	);

	// 1. Each machine: its rows' states reachable, their log a path of its table ending where they are.
	// A log row names no flow: it is the first of its collection's whose table has its step (a visit's
	// application before its reschedule, which have the same steps).
	const owner = (l: Row) =>
		Object.entries(machines).find(
			([, d]) => d.collection === l.collection && isTransition(d, l.from_status, l.to_status),
		)?.[0];
	check(all('approval_log').length > 0, 'no approval log');
	for (const [name, definition] of Object.entries(machines)) {
		const states = reachable(definition);
		const own = (l: Row) => owner(l) === name;
		// A flow whose steps the log holds at all has a history for every row not where items start.
		const logs = all('approval_log').some(own);
		const entries = unlogged(definition);
		for (const row of all(definition.collection)) {
			// A column the rows leave out has its default.
			const state = row[definition.statusField] ?? initialState(definition);
			const label = `${definition.collection} ${row.id} (${name} ${state})`;
			check(states.has(state), `${label}: not reachable from ${starts(definition).join(', ')}`);
			const moves = (log.get(`${definition.collection}#${row.id}`) ?? [])
				.filter((l) => own(l) && l.from_status !== l.to_status)
				.sort((a, b) => String(a.at).localeCompare(String(b.at)) || a.id - b.id);
			if (moves.length === 0) {
				if (logs) check(entries.has(state), `${label}: no log of how it got there`);
				continue;
			}
			// One path through the table, from a state the item could be in, to the state it is in.
			let at = moves[0]!.from_status;
			check(states.has(at), `${label}: its log starts at ${at}`);
			for (const step of moves) {
				check(step.from_status === at, `${label}: logged ${step.from_status}→${step.to_status} after ${at}`);
				at = step.to_status;
			}
			check(at === state, `${label}: its log ends at ${at}`);
		}
	}

	// 2. Stamps and related rows, machine by machine; "in" a state means in it or past it (after()).
	const m = machines;
	// Past one of `marks` (true), before them all (false), or either way (null: a state reached both ways).
	const isIn = (flow: string, state: string, ...marks: string[]): boolean | null => {
		const definition = m[flow]!;
		const past = marks.some((p) => after(definition, p).has(state));
		const before = starts(definition).some((s) => after(definition, s, marks).has(state));
		return past === before ? (past ? null : false) : past;
	};
	const stamped = (c: string, r: Row, fields: string[], expected: boolean | null) => {
		if (expected === null) return;
		const present = fields.every((f) => r[f] != null);
		check(
			present === expected,
			`${c} ${r.id} (${r.status ?? r.stage}): ${fields.join('/')} ${expected ? 'missing' : 'present'}`,
		);
	};
	const decided = (flow: string, state: string) => isIn(flow, state, ...decisions(m[flow]!));
	const visits = byId('visits');
	const reports = new Map(all('visit_reports').map((r) => [id(r.visit), r]));

	for (const p of all('visit_plans')) {
		stamped('visit_plans', p, ['submitted_at'], isIn('plan', p.status, 'submitted'));
		stamped('visit_plans', p, ['decided_at', 'approver'], decided('plan', p.status));
	}
	const plans = byId('visit_plans');
	for (const item of all('visit_plan_items')) {
		const plan = plans.get(id(item.plan));
		if (plan)
			check(
				(item.visit != null) === (plan.status === 'approved'),
				`plan item ${item.id}: a visit iff its plan is approved`,
			);
		if (item.visit != null)
			check(id(visits.get(id(item.visit))?.plan_item) === item.id, `plan item ${item.id}: its visit`);
	}

	for (const v of all('visits')) {
		const label = `visit ${v.id} (${v.status})`;
		const checkedIn = isIn('visit', v.status, 'in_progress');
		const done = isIn('visit', v.status, 'completed');
		stamped('visits', v, ['check_in_at'], checkedIn);
		stamped('visits', v, ['check_out_at'], done);
		if (done !== null)
			check((v.report_status === initialState(flows.report)) === !done, `${label}: report ${v.report_status}`);
		const app = v.application_status;
		const noApplication = app === initialState(flows.application);
		check(v.requires_application === !noApplication, `${label}: requires_application with ${app}`);
		stamped(
			'visits',
			{ ...v, status: app },
			['application_decided_at', 'application_approver'],
			decided('application', app),
		);
		// A request still open once the visit is no longer ahead tells no story.
		for (const flow of ['application', 'reschedule'] as const) {
			const state = v[m[flow]!.statusField] ?? initialState(m[flow]!);
			if (!decided(flow, state) && state !== initialState(m[flow]!))
				check(v.status === initialState(flows.visit), `${label}: ${flow} ${state} on a visit ${v.status}`);
		}
		// Went out with leave (none needed, approved or filed), or flagged 旷工 and the application decided since.
		const authorized = noApplication || app === 'approved' || v.application_filed_at != null;
		if (checkedIn)
			check(
				authorized || (v.unauthorized && decided('application', app)),
				`${label}: checked in on an application ${app}`,
			);
		check(!v.unauthorized || !authorized, `${label}: flagged unauthorized with its application ${app}`);
		const reported = isIn('report', v.report_status, 'submitted');
		if (reported !== null) check(reports.has(v.id) === reported, `${label}: report ${v.report_status} and its row`);
		if (v.report_status === 'approved') check(authorized, `${label}: report approved on an unauthorized visit`);
	}
	for (const r of all('visit_reports')) {
		const v = visits.get(id(r.visit));
		check(v?.status === 'completed', `report ${r.id}: of a visit ${v?.status}`);
		check((r.review_decision ?? 'submitted') === v?.report_status, `report ${r.id}: ${r.review_decision} on the visit`);
		check(
			(r.reviewed_at != null && r.reviewer != null) === (r.review_decision != null),
			`report ${r.id}: review stamps`,
		);
	}

	for (const f of all('follow_ups')) {
		stamped('follow_ups', f, ['completed_at'], isIn('follow_up', f.status, 'done'));
		if (f.visit != null)
			check(visits.get(id(f.visit))?.status === 'completed', `follow-up ${f.id}: of a visit not done`);
	}
	const complaints = byId('complaints');
	const revisitsOf = groupBy(all('revisits'), 'source_complaint');
	for (const r of all('revisits')) {
		stamped('revisits', r, ['done_at', 'satisfaction'], isIn('revisit', r.status, 'done'));
		if (r.source_complaint != null)
			check(
				isIn('complaint', complaints.get(id(r.source_complaint))?.status, 'responded') !== false,
				`revisit ${r.id}: after a complaint not answered`,
			);
	}
	for (const c of all('complaints')) {
		stamped('complaints', c, ['responded_at'], isIn('complaint', c.status, 'responded'));
		stamped('complaints', c, ['resolved_at', 'resolution'], isIn('complaint', c.status, 'resolved'));
		// 处理投诉后及时回访: closed once the customer was called back (approval.ts's close rule).
		if (c.status === 'closed')
			check(
				(revisitsOf.get(c.id) ?? []).some((r) => r.status === 'done'),
				`complaint ${c.id} closed: no revisit done`,
			);
	}

	for (const e of all('expense_requests'))
		stamped('expense_requests', e, ['decided_at', 'approver'], decided('expense', e.status));

	const opportunities = byId('opportunities');
	const quotes = byId('quotes');
	const contracts = byId('contracts');
	const signedContracts = all('contracts').filter((c) => isIn('contract', c.status, 'signed') === true);
	for (const o of all('opportunities')) {
		stamped('opportunities', o, ['closed_at'], isIn('opportunity', o.stage, 'won', 'lost'));
		check(
			(o.stage === 'won') === signedContracts.some((c) => id(c.opportunity) === o.id),
			`opportunity ${o.id} (${o.stage}): won iff a contract on it was signed`,
		);
	}
	for (const q of all('quotes')) {
		stamped('quotes', q, ['sent_at'], isIn('quote', q.status, 'sent'));
		if (q.status === 'accepted')
			check(opportunities.get(id(q.opportunity))?.stage !== 'lost', `quote ${q.id}: accepted on a lost opportunity`);
	}
	for (const c of all('contracts')) {
		const label = `contract ${c.id} (${c.status})`;
		const quote = quotes.get(id(c.quote));
		check(isIn('quote', quote?.status, 'sent') === true, `${label}: its quote is ${quote?.status}`);
		const signed = isIn('contract', c.status, 'signed');
		stamped('contracts', c, ['signed_at'], signed);
		if (signed) check(quote?.status === 'accepted', `${label}: signed on a quote ${quote?.status}`);
		if (c.status !== 'rejected') {
			stamped('contracts', c, ['legal_reviewed_at', 'legal_reviewer'], isIn('contract', c.status, 'finance_review'));
			stamped(
				'contracts',
				c,
				['finance_reviewed_at', 'finance_reviewer'],
				isIn('contract', c.status, 'pending_gm', 'approved'),
			);
		}
	}

	const paymentsOf = groupBy(all('payments'), 'order');
	const schedulesOf = groupBy(all('payment_schedules'), 'order');
	const deliveriesOf = groupBy(all('deliveries'), 'order');
	for (const o of all('sales_orders')) {
		const label = `order ${o.id} (${o.status})`;
		const paid = sum(paymentsOf.get(o.id) ?? [], 'amount');
		check(paid === cents(o.paid_amount), `${label}: paid_amount ${o.paid_amount}, payments ${paid / 100}`);
		check((o.status === 'paid') === (paid === cents(o.amount) && paid > 0), `${label}: payments cover it`);
		if (o.status === 'delivered')
			check(
				(deliveriesOf.get(o.id) ?? []).some((d) => d.status === 'accepted'),
				`${label}: no delivery accepted`,
			);
		if (o.status === 'cancelled') check(paid === 0, `${label}: cancelled with payments`);
		else check(sum(schedulesOf.get(o.id) ?? [], 'amount') === cents(o.amount), `${label}: schedules add up`);
		if (o.contract != null) {
			const c = contracts.get(id(o.contract));
			check(isIn('contract', c?.status, 'signed') === true, `${label}: made by a contract ${c?.status}`);
		}
	}
	for (const d of all('deliveries')) stamped('deliveries', d, ['accepted_at'], isIn('delivery', d.status, 'accepted'));
	// The demo company's day, in Shanghai.
	const today = new Date(Date.parse(now) + 8 * 3_600_000).toISOString().slice(0, 10);
	for (const s of all('payment_schedules')) {
		const label = `payment schedule ${s.id} (${s.status})`;
		check((s.status === 'paid') === (cents(s.paid_amount) === cents(s.amount)), `${label}: paid_amount`);
		if (s.status === 'overdue') check(s.due_date < today, `${label}: not yet due`);
	}

	for (const r of all('receptions')) {
		stamped('receptions', r, ['approver'], decided('reception', r.status));
		stamped('receptions', r, ['arrived_at'], isIn('reception', r.status, 'arrived'));
		stamped('receptions', r, ['left_at', 'report_due_at'], isIn('reception', r.status, 'held'));
		stamped('receptions', r, ['report'], isIn('reception', r.status, 'reported'));
	}
	for (const t of all('sales_targets')) {
		if (t.status === 'submitted') stamped('sales_targets', t, ['submitted_by'], true);
		if (t.confirmed_at != null) check(t.status === 'approved', `target ${t.id} (${t.status}): confirmed`);
	}
	for (const a of all('appraisals')) {
		stamped('appraisals', a, ['employee_confirmed_at'], isIn('appraisal', a.status, 'confirmed'));
		stamped('appraisals', a, ['decided_at', 'approver'], decided('appraisal', a.status));
	}
	for (const s of all('commission_statements')) {
		stamped('commission_statements', s, ['decided_at', 'approver'], decided('commission_statement', s.status));
		stamped('commission_statements', s, ['paid_at'], isIn('commission_statement', s.status, 'paid'));
	}
	for (const r of all('periodic_reports')) {
		stamped('periodic_reports', r, ['submitted_at'], isIn('periodic_report', r.status, 'submitted'));
		stamped('periodic_reports', r, ['reviewer'], decided('periodic_report', r.status));
	}
	return problems;
}
