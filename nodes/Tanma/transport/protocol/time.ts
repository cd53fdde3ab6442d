/**
 * Tanma writes times as "yyyy-MM-dd HH:mm:ss" without a zone. The vendor is in China, so we read and
 * write them as China Standard Time (UTC+8, no daylight saving) — an inference the README states.
 */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

const TANMA_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

export function formatTanmaTime(epochMs: number): string {
	const iso = new Date(epochMs + CST_OFFSET_MS).toISOString();
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Epoch milliseconds of a "yyyy-MM-dd HH:mm[:ss]" Tanma time, or undefined when it is not one. */
export function parseTanmaTime(text: string): number | undefined {
	const m = TANMA_TIME.exec(text.trim());
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s] = m;
	// Reject a time of day that Date.UTC would carry into the next hour or day (10:75, 25:00).
	if (+h > 23 || +mi > 59 || (s !== undefined && +s > 59)) return undefined;
	const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, s === undefined ? 0 : +s);
	// Reject dates that Date.UTC silently rolls over (e.g. 2024-02-31).
	if (formatTanmaTime(utc - CST_OFFSET_MS).slice(0, 10) !== `${y}-${mo}-${d}`) return undefined;
	return utc - CST_OFFSET_MS;
}
