#!/usr/bin/env node
/*
 * Entry point of the Models page benchmark (Chromium against the demo portal
 * with 5,000 generated models). Backstage's node transform compiles the
 * TypeScript on load.
 *
 *   node bench/models-page/run.js [--models=5000] [--runs=15] [--warmup=2]
 *                                 [--appPort=3300] [--backendPort=7300]
 *                                 [--emulatorPort=7343]
 */
require('@backstage/cli/config/nodeTransform.cjs');
require('./modelsPage.ts');
