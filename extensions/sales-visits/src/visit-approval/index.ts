/**
 * `visit-approval`: an approval panel for an alias field on visit_plans, visits (the
 * application), expense_requests, revisits and complaints. It shows the state, who must act and by when, and
 * the buttons the current user may press; the /visit-flow endpoints do the work.
 */
import { defineInterface } from '@directus/extensions-sdk';
import InterfaceComponent from './visit-approval.vue';

export default defineInterface({
	id: 'visit-approval',
	// The Studio shows extension names as given: both languages, as with the schema labels.
	name: '审批操作 / Approval actions',
	icon: 'approval',
	description: '显示审批状态、截止时间与可执行的操作 / Approval state, deadline and the actions you may take',
	component: InterfaceComponent,
	types: ['alias'],
	localTypes: ['presentation'],
	group: 'presentation',
	options: [
		{
			field: 'flow',
			name: '流程 / Flow',
			type: 'string',
			meta: {
				width: 'full',
				interface: 'select-dropdown',
				options: {
					choices: [
						{ text: '拜访计划 / Visit plan', value: 'plan' },
						{ text: '拜访申请 / Visit application', value: 'application' },
						{ text: '费用申请 / Expense request', value: 'expense' },
						{ text: '客户回访 / Revisit', value: 'revisit' },
						{ text: '客户投诉 / Complaint', value: 'complaint' },
					],
				},
			},
			schema: { default_value: 'plan' },
		},
	],
});
