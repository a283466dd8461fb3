/**
 * `visit-targets-split`: the target-split screen (目标分解). A module, not an interface: it works on
 * a parent target and all its children at once (people × months), which no single item form holds.
 * It renders what the server says: the split is `POST /visit-targets/split`, each target's buttons
 * are `GET /visit-flow/actions/sales_targets/:id` (the shared action panel), every refusal is the server's.
 */
import { defineModule } from '@directus/extensions-sdk';
import ModuleComponent from './visit-targets-split.vue';

export default defineModule({
	id: 'visit-targets-split',
	// The Studio shows extension names as given: both languages, as with the schema labels.
	name: '目标分解 / Target split',
	icon: 'call_split',
	routes: [
		{ path: '', component: ModuleComponent },
		{ path: ':target', component: ModuleComponent, props: true },
	],
	// Whoever reads targets (the server then shows each only the rows they may read).
	preRegisterCheck: (user, permissions) =>
		Boolean(user.admin_access) ||
		['partial', 'full'].includes(String(permissions['sales_targets']?.read?.access ?? 'none')),
});
