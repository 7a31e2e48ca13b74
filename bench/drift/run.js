#!/usr/bin/env node
/*
 * Entry point of the drift engine benchmark (the engine side by side with
 * scipy 1.10 / numpy). The benchmark and the engine are TypeScript;
 * Backstage's own node transform (the one `backstage-cli package start` uses)
 * compiles them on load.
 *
 *   node bench/drift/run.js [--reps=7] [--seed=20261127] [--only=ks|psi|window] [--keep]
 */
require('@backstage/cli/config/nodeTransform.cjs');
require('./drift.ts');
