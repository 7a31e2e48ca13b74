module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // expectSameBits and expectClose are assertions too.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expect[A-Z]*'] },
    ],
  },
});
