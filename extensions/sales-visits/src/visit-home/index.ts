/**
 * `visit-home`: every role's first screen (首页), first in the module bar; a sign-in lands here
 * (access-hook sets `last_page`). It renders `GET /visit-flow/home`: what waits on the person
 * across every flow with the server's buttons, the day's visits on their route, the month's
 * plan and the front desk's day. Every user has it: what each sees is what the server reads as them.
 */
import { defineModule } from '@directus/extensions-sdk';
import { calendarsInUserLanguage } from '../shared/calendar-locale.ts';
import { namedFor } from '../shared/module-name.ts';
import { closeDrawersOnNarrowScreens } from '../shared/phone-drawers.ts';
import { t } from '../shared/texts.ts';
import ModuleComponent from './visit-home.vue';

// The Studio's defaults that the home first meets: set once, as the bundle loads with the app.
closeDrawersOnNarrowScreens();
calendarsInUserLanguage();

export default namedFor(
	defineModule({
		id: 'visit-home',
		name: '首页',
		icon: 'home',
		routes: [{ path: '', component: ModuleComponent }],
	}),
	// The bar shows the name as given: the user's language, set when the module registers.
	t('首页', 'Home'),
);
