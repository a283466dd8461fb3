/** Whether a plan item's form is shown inside its plan: the plan's form (and the item drawer over it) is open. */
export const insidePlan = (path: string | undefined): boolean => /^\/content\/visit_plans\/[^/]+/.test(path ?? '');
