#!/usr/bin/env node
/*
 * Entry point of the catalog ingestion benchmark. The benchmark and the
 * module it measures are TypeScript; Backstage's own node transform (the one
 * `backstage-cli package start` uses) compiles them on load.
 *
 *   node bench/catalog-ingest/run.js [--db=sqlite|postgres] [--count=5000] [--rounds=3]
 */
require('@backstage/cli/config/nodeTransform.cjs');
require('./ingest.ts');
