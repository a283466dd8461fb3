/**
 * `visit-targets-split`: the target-split screen (目标分解). A module, not an interface: it works on
 * a parent target and all its children at once (people × months), which no single item form holds.
 * It renders what the server says: the split is `POST /visit-targets/split`, each target's buttons
 * are `GET /visit-flow/actions/sales_targets/:id` (the shared action panel), every refusal is the server's.
 */
import { defineModule } from '@directus/extensions-sdk';
import { namedFor } from '../shared/module-name.ts';
import { t } from '../shared/texts.ts';
import { serverAllows } from '../shared/server-allows.ts';
import ModuleComponent from './visit-targets-split.vue';

export default namedFor(
	defineModule({
		id: 'visit-targets-split',
		name: '目标分解',
		icon: 'call_split',
		routes: [
			{ path: '', component: ModuleComponent },
			{ path: ':target', component: ModuleComponent, props: true },
		],
		// Whoever breaks targets down, as the server says (a rep, who reads their own targets, does not):
		// the module bar leaves out a module not registered. The Studio signs in with a session cookie.
		preRegisterCheck: async (user) =>
			Boolean(user.admin_access) || (await serverAllows('visit-targets/may-split', 'split')),
	}),
	// The bar shows the name as given: the user's language, set when the module registers.
	t('目标分解', 'Target split'),
);
