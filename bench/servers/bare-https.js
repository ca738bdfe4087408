'use strict';
/** Baseline: a bare `node:https` server answering every request with the captured bytes. */
const https = require('node:https');
const { loadSetup, configure, listen } = require('./common');

const { status, headers, body, tls } = loadSetup();

const server = https.createServer(tls, (_req, res) => {
  res.statusCode = status;
  for (const [name, value] of headers) res.setHeader(name, value);
  res.end(body);
});
configure(server);
listen(server);
