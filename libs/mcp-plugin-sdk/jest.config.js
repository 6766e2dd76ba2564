module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@faxbot/mcp-plugin-sdk',
};
