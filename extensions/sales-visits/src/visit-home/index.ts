/**
 * `visit-home`: every role's first screen (首页), first in the module bar; a sign-in lands here
 * (access-hook sets `last_page`). It renders `GET /visit-flow/home`: what waits on the person
 * across every flow with the server's buttons, the day's visits on their route, the month's
 * plan and the front desk's day. Every user has it: what each sees is what the server reads as them.
 */
import { defineModule } from '@directus/extensions-sdk';
import ModuleComponent from './visit-home.vue';

export default defineModule({
	id: 'visit-home',
	// The Studio shows extension names as given: both languages, as with the other modules.
	name: '首页 / Home',
	icon: 'home',
	routes: [{ path: '', component: ModuleComponent }],
});
