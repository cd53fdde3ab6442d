/**
 * The push trigger's credential, kept per trigger for a short while. Inside a webhook, n8n's getCredentials
 * reads the credential from its database and resolves its expressions in a fresh expression isolate on
 * every call; per push that was the largest cost the node itself added (bench/results/latest.md, push
 * section). A changed credential is picked up when a push fails a check that depends on it (re-read at
 * most once per REFRESH_GAP_MS per trigger), and at the latest after MAX_AGE_MS: a replaced App Key
 * still verifies pushes for at most that long.
 */

export const MAX_AGE_MS = 60_000;
export const REFRESH_GAP_MS = 1_000;
/** One entry per published push trigger; more than this and the oldest is forgotten (and read again). */
export const ENTRIES_MAX = 1_000;

interface Entry<T> {
	value: Promise<T>;
	readAt: number;
	/** When refresh() last read it (undefined: never), so a flood of failing pushes cannot force a read each. */
	refreshedAt?: number;
}

export class CredentialCache<T> {
	private readonly entries = new Map<string, Entry<T>>();

	/**
	 * The credential of `key`, read through `read` when absent or older than MAX_AGE_MS. Concurrent
	 * callers share one read. `cached`: whether it came from an earlier read (so it may be stale).
	 */
	async get(
		key: string,
		now: number,
		read: () => Promise<T>,
	): Promise<{ value: T; cached: boolean }> {
		const entry = this.entries.get(key);
		if (entry && now - entry.readAt <= MAX_AGE_MS && now >= entry.readAt)
			return { value: await entry.value, cached: true };
		return { value: await this.store(key, now, read), cached: false };
	}

	/**
	 * Reads the credential again after a check that depends on it failed; undefined when refresh() read it
	 * less than REFRESH_GAP_MS ago (so a flood of forged pushes costs at most one read per gap).
	 */
	async refresh(key: string, now: number, read: () => Promise<T>): Promise<T | undefined> {
		const last = this.entries.get(key)?.refreshedAt;
		if (last !== undefined && now - last < REFRESH_GAP_MS && now >= last) return undefined;
		return await this.store(key, now, read, now);
	}

	forget(key: string): void {
		this.entries.delete(key);
	}

	get size(): number {
		return this.entries.size;
	}

	private async store(
		key: string,
		now: number,
		read: () => Promise<T>,
		refreshedAt = this.entries.get(key)?.refreshedAt,
	): Promise<T> {
		const value = read();
		const entry: Entry<T> = { value, readAt: now, refreshedAt };
		this.entries.delete(key);
		this.entries.set(key, entry);
		while (this.entries.size > ENTRIES_MAX)
			this.entries.delete(this.entries.keys().next().value as string);
		// A failed read is not kept: the next push reads again. (The caller still gets the failure.)
		value.catch(() => {
			if (this.entries.get(key) === entry) this.entries.delete(key);
		});
		return await value;
	}
}
