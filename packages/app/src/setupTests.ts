import '@testing-library/jest-dom';

// Component tests render whole pages; on a loaded 2-core machine they need
// more than jest's 5 s default.
jest.setTimeout(60_000);
