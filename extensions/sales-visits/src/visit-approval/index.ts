/**
 * `visit-approval`: the action panel for an alias field on any item with a flow (visit plans,
 * visits, visit reports, expense requests, follow-ups, revisits, complaints: collectionFlows in
 * domain/action-routes.ts). It shows what GET /visit-flow/actions says: the item's states,
 * who must act and by when, and the buttons the current user may press.
 */
import { defineInterface } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import InterfaceComponent from './visit-approval.vue';

export default forReader(
	defineInterface({
		id: 'visit-approval',
		name: '审批操作 / Approval actions',
		icon: 'approval',
		description:
			'显示流程状态、待办人、截止时间与可执行的操作 / The flow’s state, who it waits on, the deadline and the actions you may take',
		component: InterfaceComponent,
		types: ['alias'],
		localTypes: ['presentation'],
		group: 'presentation',
		// Kept mounted while the form refetches the item after an action: what the action answered stays on screen.
		hideLoader: true,
		options: null,
	}),
);
