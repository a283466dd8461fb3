/**
 * A module's name in the signed-in user's language. The module bar shows a module's `name` as
 * given (it does not translate `$t:` there), and modules register after sign-in: the check
 * names the module for the user before the bar reads it.
 */
import type { defineModule } from '@directus/extensions-sdk';
import type { Label } from '../domain/choices.ts';
import { pickLanguage } from '../domain/language.ts';

type ModuleConfig = Parameters<typeof defineModule>[0];

export function namedFor(module: ModuleConfig, name: Label): ModuleConfig {
	const check = module.preRegisterCheck;
	module.preRegisterCheck = async (user, permissions) => {
		module.name = name[pickLanguage({ profile: user.language, accept: navigator.languages })];
		return check ? check(user, permissions) : true;
	};
	return module;
}
