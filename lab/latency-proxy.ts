/**
 * A TCP proxy that puts a distance between two local programs: every chunk waits half the round-trip time in
 * each direction, and a new connection carries nothing for one more round trip (the TCP handshake a distant
 * server costs). TLS passes through untouched, so a handshake pays its round trips too. Used by the bench's
 * network profile; the round-trip time can change between runs.
 */
import type { AddressInfo, Socket } from 'net';
import net from 'net';

export interface LatencyProxy {
	readonly port: number;
	/** Round-trip time added from now on (connections already open keep theirs per chunk). */
	rttMs: number;
	/** Connections accepted so far. */
	readonly connections: number;
	close(): Promise<void>;
}

/**
 * Forwards `from` to `to`, each chunk (and the end) released `delayMs` after it arrived, never before `notBefore`.
 * One queue and one timer per direction, so chunks leave in the order they came (timers due at the same
 * millisecond may fire in any order, and TLS records must not be reordered).
 */
function delayedPipe(from: Socket, to: Socket, delayMs: () => number, notBefore: number): void {
	const queue: Array<{ at: number; act: () => void }> = [];
	let releaseAt = notBefore;
	let timer: NodeJS.Timeout | undefined;
	const release = () => {
		timer = undefined;
		while (queue.length && queue[0].at <= Date.now()) queue.shift()!.act();
		if (queue.length) timer = setTimeout(release, queue[0].at - Date.now());
	};
	const later = (act: () => void) => {
		releaseAt = Math.max(releaseAt, Date.now() + delayMs());
		queue.push({ at: releaseAt, act });
		if (!timer) timer = setTimeout(release, Math.max(0, queue[0].at - Date.now()));
	};
	from.on('data', (chunk: Buffer) => later(() => to.destroyed || to.write(chunk)));
	// An end or a close travels like data: what was sent before it still arrives first.
	const finish = () => later(() => to.destroyed || to.end());
	from.on('end', finish);
	from.on('close', finish);
}

export async function startLatencyProxy(
	target: { host: string; port: number },
	rttMs: number,
	listenHost = '127.0.0.1',
): Promise<LatencyProxy> {
	const sockets = new Set<Socket>();
	let connections = 0;
	const proxy = {
		port: 0,
		rttMs,
		get connections() {
			return connections;
		},
		close: async () => {
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	const server = net.createServer((client) => {
		connections++;
		const rtt = () => proxy.rttMs;
		const upstream = net.connect(target.port, target.host);
		for (const s of [client, upstream]) {
			sockets.add(s);
			s.setNoDelay(true);
			s.on('close', () => sockets.delete(s));
			// A failed side closes; its close reaches the other side after what that side was already sent
			// (destroying the other side at once would drop an answer still on its way).
			s.on('error', () => s.destroy());
		}
		// The client's first bytes arrive after the handshake round trip plus their own half round trip.
		delayedPipe(client, upstream, () => rtt() / 2, Date.now() + rtt() * 1.5);
		delayedPipe(upstream, client, () => rtt() / 2, 0);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, listenHost, () => resolve());
	});
	proxy.port = (server.address() as AddressInfo).port;
	return proxy;
}
