export interface CaseResult {
	name: string;
	unit: string;
	node: number;
	raw: number;
	/** node / raw for rates, or the figure the target is stated on for other cases. */
	ratio: number;
	target: string;
	met: boolean;
	notes: string[];
}
