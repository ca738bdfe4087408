/**
 * Client-side helpers: what an SDK client needs to talk to the emulator with no DNS set-up, no
 * /etc/hosts edits and no global environment changes. Used by tests and offered to users.
 */
import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import https from 'node:https';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** True for `localhost` and every name under `.localhost` (RFC 6761: always loopback). */
export function isLocalhostName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}

/**
 * A `dns.lookup` replacement that answers loopback for `*.localhost` (glibc does not, unless
 * nss-myhostname is installed) and defers to the system resolver for everything else.
 */
export function localhostLookup(hostname: string, options: LookupOptions | number | LookupCallback, callback?: LookupCallback): void {
  const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
  const opts: LookupOptions = typeof options === 'object' ? options : typeof options === 'number' ? { family: options } : {};
  if (!isLocalhostName(hostname)) {
    dns.lookup(hostname, { ...opts, all: true }, (err, addresses) => {
      if (err) cb(err, []);
      else if (opts.all) cb(null, addresses);
      else cb(null, addresses[0].address, addresses[0].family);
    });
    return;
  }
  const family = opts.family === 6 || opts.family === 'IPv6' ? 6 : 4;
  const address = family === 6 ? '::1' : '127.0.0.1';
  if (opts.all) process.nextTick(cb, null, [{ address, family }]);
  else process.nextTick(cb, null, address, family);
}

/** An HTTPS agent that trusts the emulator's CA and resolves `*.localhost` to loopback. */
export function emulatorAgent(caPem: string): https.Agent {
  return new https.Agent({ keepAlive: true, ca: caPem, lookup: localhostLookup as never });
}

/**
 * Options for any Azure SDK client (SecretClient 4.7+ and 4.12, credentials of @azure/identity):
 * `agent` carries both the CA trust and the `*.localhost` resolution.
 */
export function sdkClientOptions(emulator: { ca: string }): { agent: https.Agent } {
  return { agent: emulatorAgent(emulator.ca) };
}
