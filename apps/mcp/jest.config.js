module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@faxbot/mcp',
  globalSetup: '<rootDir>/jest.global-setup.js',
};
