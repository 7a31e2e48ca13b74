import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Component tests render whole pages; on a loaded 2-core machine they need
// more than jest's 5 s default, and more than Testing Library's 1 s for
// `waitFor` and `findBy…` (a dialog's exit transition alone can take longer).
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 15_000 });
