/*
 * Optional preload for Node apps: `NODE_OPTIONS="--require /path/to/localhost.cjs"`.
 *
 * Makes every `*.localhost` name resolve to loopback (as RFC 6761 says it should), for machines
 * whose resolver does not (glibc without nss-myhostname). With it, unmodified app code can use the
 * emulator's canonical vault URLs (https://{vault}.vault.localhost:PORT), which also pass the Key
 * Vault SDK's challenge-resource check. Nothing else is changed: other names go to the system
 * resolver untouched.
 */
'use strict';
const dns = require('node:dns');

const systemLookup = dns.lookup;
const isLocalhost = (name) => {
  const h = String(name).toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
};

dns.lookup = function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  } else if (typeof options === 'number') {
    options = { family: options };
  }
  if (!isLocalhost(hostname)) return systemLookup.call(this, hostname, options, callback);
  const family = options && (options.family === 6 || options.family === 'IPv6') ? 6 : 4;
  const address = family === 6 ? '::1' : '127.0.0.1';
  process.nextTick(() => (options && options.all ? callback(null, [{ address, family }]) : callback(null, address, family)));
  return {};
};

const systemPromiseLookup = dns.promises.lookup;
dns.promises.lookup = async function lookup(hostname, options) {
  if (!isLocalhost(hostname)) return systemPromiseLookup.call(this, hostname, options);
  const opts = typeof options === 'number' ? { family: options } : options || {};
  const family = opts.family === 6 || opts.family === 'IPv6' ? 6 : 4;
  const address = family === 6 ? '::1' : '127.0.0.1';
  return opts.all ? [{ address, family }] : { address, family };
};
