#!/usr/bin/env node
/*
 * Entry point of the SLO benchmark. The benchmark and the plugins it
 * measures are TypeScript; Backstage's own node transform (the one
 * `backstage-cli package start` uses) compiles them on load.
 *
 *   node bench/slo/run.js [--db=sqlite|postgres] [--models=5000] [--pages=400]
 *                         [--days=7] [--intervalMinutes=60] [--refreshes=3]
 */
require('@backstage/cli/config/nodeTransform.cjs');
require('./slo.ts');
