#!/usr/bin/env node
/*
 * Entry point of the Models page readiness benchmark. The benchmark and the
 * plugins it measures are TypeScript; Backstage's own node transform (the one
 * `backstage-cli package start` uses) compiles them on load.
 *
 *   node bench/readiness/run.js [--db=sqlite|postgres] [--models=5000] [--pages=400]
 */
require('@backstage/cli/config/nodeTransform.cjs');
require('./readiness.ts');
