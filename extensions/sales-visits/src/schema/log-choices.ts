/**
 * What approval_log's columns show, built from the flows' transition tables (domain/approval.ts,
 * domain/sales-flows.ts) so that a new status or flow is labelled without a list of its own here.
 */
import * as choiceSets from '../domain/choices.ts';
import { flows, type FlowDefinition } from '../domain/approval.ts';
import { salesFlows } from '../domain/sales-flows.ts';
import { choiceKey, type Bilingual, type CollectionSpec } from './builder.ts';

const definitions: FlowDefinition<string>[] = [...Object.values(flows), ...Object.values(salesFlows)];

/** Customers handed over (flow/handover.ts) are logged too, with the owners as from and to. */
const HANDOVER = 'customers';

const setNameOf = (statuses: FlowDefinition<string>['statuses']): string => {
	const found = Object.entries(choiceSets).find(([, set]) => set === statuses);
	if (!found) throw new Error('a flow’s statuses are not a choice set of domain/choices.ts');
	return found[0];
};

/**
 * Every status of every flow, once. A row does not say which flow of its collection it belongs to
 * (a visit's application, report and visit status share it), so a value shared by several flows
 * shows the label of the first flow that has it (`pending` 待审批).
 */
export function logStatusChoices(): { value: string; text: string }[] {
	const choices = new Map<string, string>();
	for (const d of definitions)
		for (const value of Object.keys(d.statuses))
			if (!choices.has(value)) choices.set(value, `$t:${choiceKey(setNameOf(d.statuses), value)}`);
	return [...choices].map(([value, text]) => ({ value, text }));
}

/** The collections the log names, with their own labels (`logged`: the schema's collection specs). */
export function loggedCollectionChoices(logged: CollectionSpec[]): { value: string; text: Bilingual }[] {
	const names = [...new Set([...definitions.map((d) => d.collection), HANDOVER])];
	return names.map((value) => {
		const spec = logged.find((c) => c.collection === value);
		if (!spec) throw new Error(`approval_log names ${value}, which the schema does not define`);
		return { value, text: spec.label };
	});
}
