/** Lets tsc accept the single-file component import; the SDK's Vue plugin compiles it. */
declare module '*.vue' {
	import type { DefineComponent } from 'vue';
	const component: DefineComponent<Record<string, unknown>, Record<string, unknown>, any>;
	export default component;
}
