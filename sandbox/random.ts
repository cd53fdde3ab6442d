/** A small deterministic PRNG (mulberry32), so a seed always yields the same sandbox data. */
export function createRandom(seed: number) {
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
		chars: (alphabet: string, length: number) =>
			Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
	};
}

export type Random = ReturnType<typeof createRandom>;
