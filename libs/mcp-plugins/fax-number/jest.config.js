module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: '@faxbot/mcp-plugin-fax-number',
};
