'use strict';
/**
 * Shared by the baseline servers: reads the captured response (status, headers, body) and the TLS
 * material from the command line, and reports the port once listening.
 *   node bench/servers/<server>.js RESPONSE_JSON TLS_DIR
 * TLS_DIR is the emulator's `<data-dir>/tls`: the same ECDSA P-256 server certificate and chain,
 * so the handshake and record costs match the emulator's.
 */
const fs = require('node:fs');
const path = require('node:path');

function loadSetup() {
  const [responseFile, tlsDir] = process.argv.slice(2);
  const captured = JSON.parse(fs.readFileSync(responseFile, 'utf8'));
  const ca = fs.readFileSync(path.join(tlsDir, 'ca.pem'), 'utf8');
  const tls = {
    cert: fs.readFileSync(path.join(tlsDir, 'server.pem'), 'utf8') + ca,
    key: fs.readFileSync(path.join(tlsDir, 'server-key.pem'), 'utf8'),
  };
  return {
    status: captured.status,
    /** [name, value] pairs, in the emulator's order (Date/Connection/Keep-Alive are Node's own). */
    headers: captured.headers,
    body: Buffer.from(captured.bodyBase64, 'base64'),
    tls,
  };
}

/** Same keep-alive settings as the emulator's servers. */
function configure(server) {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

function listen(server) {
  server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

module.exports = { loadSetup, configure, listen };
