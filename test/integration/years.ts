/**
 * The years in which each test file dates the plans, visits and targets it makes, so that no file
 * counts another's rows on the server they share, whatever order the files run in. A file that
 * picks at random picks inside its own range; a new file takes a free range here.
 */
export const YEARS = {
	'writes.test.ts': [2027, 2027],
	'inputs.test.ts': [2028, 2028],
	'ownership.test.ts': [2031, 2032],
	'approval.test.ts': [2033, 2042],
	'approval-studio.test.ts': [2043, 2052],
	'coverage.test.ts': [2053, 2062],
	'counters.test.ts': [2063, 2063],
	'counters-upkeep.test.ts': [2064, 2064],
	'quotes.test.ts': [2065, 2065],
	'contracts.test.ts': [2066, 2066],
	'receivables.test.ts': [2067, 2067],
	'sales-kpi.test.ts': [2068, 2068],
	'sales-studio.test.ts': [2069, 2069],
	'targets.test.ts': [2070, 2074],
	'periodic-reports.test.ts': [2075, 2079],
	'kpi.test.ts': [2080, 2089],
	// Appraisals and commission need a period that has ended: these files also generate for their years less 90
	// (appraisals: 2000–2004) or less 100 (commission: 1995–1997, the Studio's appraisals: 2009–2013).
	'appraisals.test.ts': [2090, 2094],
	'commission.test.ts': [2095, 2097],
	'fuzz.test.ts': [2098, 2098],
	'target-kpis.test.ts': [2099, 2103],
	'appraisals-studio.test.ts': [2109, 2113],
	'targets-studio.test.ts': [2104, 2108],
	'satisfaction-kpi.test.ts': [2114, 2118],
	'periodic-report-facts.test.ts': [2119, 2121],
	'periodic-reports-studio.test.ts': [2122, 2123],
	'complaints.test.ts': [2128, 2131],
	'receptions.test.ts': [2124, 2127],
	'quote-preview.test.ts': [2157, 2157],
	'quote-form-studio.test.ts': [2158, 2158],
	'actions.test.ts': [2140, 2149],
	'care.test.ts': [2132, 2135],
	'plan-discipline.test.ts': [2136, 2137],
	'handover.test.ts': [2138, 2139],
	'revisit-review.test.ts': [2156, 2156],
	'complaint-analysis.test.ts': [2171, 2171],
	'complaint-analysis-studio.test.ts': [2172, 2172],
	'sales-cycle.test.ts': [2150, 2150],
	'reception-studio.test.ts': [2159, 2159],
	'home.test.ts': [2160, 2161],
	'home-studio.test.ts': [2162, 2162],
	'maps-studio.test.ts': [2163, 2164],
	'integrator.test.ts': [2151, 2152],
	'plan-coverage-studio.test.ts': [2153, 2153],
	'my-dashboard.test.ts': [2167, 2167],
	'my-dashboard-studio.test.ts': [2168, 2168],
	'plan-fill.test.ts': [2165, 2165],
	'plan-fill-studio.test.ts': [2166, 2166],
} as const satisfies Record<string, readonly [number, number]>;

/** A year of the file's range, at random. */
export const yearOf = (file: keyof typeof YEARS): number => {
	const [from, to] = YEARS[file];
	return from + Math.floor(Math.random() * (to - from + 1));
};

/** The n-th month (YYYY-MM) of the file's range, counting from its first January and wrapping round. */
export const monthOf = (file: keyof typeof YEARS, n: number): string => {
	const [from, to] = YEARS[file];
	const m = n % ((to - from + 1) * 12);
	return `${from + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
};
