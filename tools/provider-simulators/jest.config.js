module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@faxbot/provider-simulators',
};
