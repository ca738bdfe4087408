'use strict';
/**
 * Baseline: a minimal Express 5 app (the emulator's own Express, with the same two app settings)
 * with one route returning the captured bytes.
 */
const https = require('node:https');
const path = require('node:path');
const { ROOT } = require('../lib/config');
const { loadSetup, configure, listen } = require('./common');

const express = require(path.join(ROOT, 'node_modules', 'express'));
const { status, headers, body, tls } = loadSetup();

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.get('/secrets/:name', (_req, res) => {
  res.statusCode = status;
  for (const [name, value] of headers) res.setHeader(name, value);
  res.end(body);
});

const server = https.createServer(tls, app);
configure(server);
listen(server);
