/**
 * Request bodies carry only what the user gave: a field left empty is left out, not sent as "" or [],
 * so Tanma applies its own default (its pages mark most fields optional without saying what empty means).
 */
export function isGiven(value: unknown): boolean {
	if (value === undefined || value === null || value === '') return false;
	return !(Array.isArray(value) && value.length === 0);
}

/** Sets `key` on `body` when `value` is given (see isGiven). */
export function setIfGiven(body: Record<string, unknown>, key: string, value: unknown): void {
	if (isGiven(value)) body[key] = value;
}
