/**
 * `visit-front-desk`: the front desk's visitor log (前台来访登记). A module: it lists a day's
 * receptions, expected and arrived, which no single item form holds. It renders what the server
 * says: the rows are `GET /visit-flow/receptions/today?date=…` (read as the caller), each row's
 * buttons `GET /visit-flow/actions/receptions/:id` (the shared action panel), every refusal the server's.
 */
import { defineModule } from '@directus/extensions-sdk';
import { namedFor } from '../shared/module-name.ts';
import { t } from '../shared/texts.ts';
import { serverAllows } from '../shared/server-allows.ts';
import ModuleComponent from './visit-front-desk.vue';

export default namedFor(
	defineModule({
		id: 'visit-front-desk',
		name: '前台来访登记',
		icon: 'how_to_reg',
		routes: [
			{ path: '', component: ModuleComponent },
			{ path: ':date', component: ModuleComponent, props: true },
		],
		// Whoever reads receptions, as the server says (customer service, Finance and Legal do not): the
		// module bar leaves out a module not registered. The Studio signs in with a session cookie.
		preRegisterCheck: async (user) =>
			Boolean(user.admin_access) || (await serverAllows('visit-flow/receptions/front-desk', 'front_desk')),
	}),
	// The bar shows the name as given: the user's language, set when the module registers.
	t('前台来访登记', 'Front desk'),
);
