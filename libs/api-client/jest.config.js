module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@faxbot/api-client',
};
