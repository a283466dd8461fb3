/**
 * The shape of `GET /visit-flow/actions/:collection/:id`: what the caller may do to an item
 * now. The server fills it from the rules that authorize each transition; the Studio renders
 * it and holds no rule of its own.
 */
import type { Language } from './language.ts';

/** How a panel collects an input; the name is the request body's field. */
export type InputType =
	/** one line or a paragraph of text */
	| 'text'
	/** one of `choices` */
	| 'choice'
	/** 1 to 5 (`choices` lists them) */
	| 'rating'
	/** YYYY-MM-DD */
	| 'date'
	/** an instant: the panel sends ISO 8601 in UTC, read from the device's own clock and zone */
	| 'datetime'
	/** the device's position: the panel sends `latitude`, `longitude`, `accuracy` and `timestamp` */
	| 'geolocation'
	/** a report's commitments: `[{ description, due_date }]` */
	| 'follow_ups';

export interface ActionInput {
	name: string;
	required: boolean;
	type: InputType;
	label: string;
	choices?: { value: string | number; label: string }[];
	/** What the item holds already (a returned report's summary, say), to start from. */
	value?: unknown;
	/** Text inputs: at least this many characters (after trimming). */
	min_length?: number;
}

export interface OfferedAction {
	/** `<flow>.<action>`, unique per item: `report.approve`, `visit.check_in`, `application.file`. */
	key: string;
	label: string;
	method: 'POST';
	path: string;
	inputs: ActionInput[];
	/** Fields the request always carries (a review's `decision`). */
	body?: Record<string, unknown>;
	/** How prominent the button is: the expected next step, a refusal-type step, or a side step. */
	tone: 'primary' | 'danger' | 'secondary';
}

/** Who must act next: one person, or anyone in a position (any General Manager, any assistant). */
export type WaitingOn =
	{ kind: 'user'; id: string; label: string } | { kind: 'position'; position: string; label: string } | null;

/** One state machine of the item (a visit has three: the visit, its application, its report). */
export interface FlowState {
	flow: string;
	/** The state machine's name in the caller's language. */
	name: string;
	field: string;
	value: string;
	label: string;
}

/** A fact the rules establish about the item, shown beside its state (a draft quote's approver, say). */
export interface ItemNote {
	key: string;
	label: string;
	value: string;
}

export interface ItemActions {
	collection: string;
	id: number;
	/** The item's main state (a visit's `status`). */
	state: FlowState;
	/** Every state machine of the item, the main one first. */
	states: FlowState[];
	waiting_on: WaitingOn;
	/** The state machine that waits (a visit waits in its application, its report or itself). */
	waiting_in: string | null;
	/** ISO 8601: when whoever is waited on must act, on the company's calendar. */
	due_at: string | null;
	/** What the rules say the item will need, before anyone acts: a draft quote's approval level. */
	notes: ItemNote[];
	actions: OfferedAction[];
	language: Language;
}
