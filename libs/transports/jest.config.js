module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@faxbot/transports',
  // Specs talk to real loopback servers and wait for outcomes (up to 10 s each on a loaded CI
  // machine); the test timeout must be longer than those waits.
  testTimeout: 30_000,
};
