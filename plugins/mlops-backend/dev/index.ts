import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@mlops-portal/catalog-backend-module-mlops'));
backend.add(import('../src'));
backend.start();
