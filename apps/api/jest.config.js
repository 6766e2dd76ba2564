module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@faxbot/api',
  // Most suites start a whole gateway (database, plugins, conversion workers); on a loaded
  // two-core CI machine that alone can take seconds.
  testTimeout: 30_000,
};
